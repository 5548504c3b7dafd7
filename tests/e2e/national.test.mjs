// End-to-end: the national downloads as published, each in one page load.
// - A data.police.uk custom download of three forces and seven districts,
//   generated at test time (policeuk-download.mjs), dropped as a zip: every
//   district's figures by crime type, this month and the month before, equal
//   a tally of the generated rows, and so do the forces'; stop and search
//   too, each search counted for its force and, where its map point is shared
//   with street records of one district of the force, for that district: a
//   district's "Stop and search and outcomes" shows its placed searches by
//   object of search and says how many of the force's stayed with the force.
// - The Home Office's police recorded crime open data (the real force-level
//   extract in ../shared/data/geo/offences/): force figures by offence group
//   and subgroup equal sums of the file's rows; the non-territorial "forces"
//   are kept apart.
// Run after `make build`: node --test --test-concurrency=1 tests/e2e/national.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startApp, tablesListed, areaShown } from './harness.mjs';
import { generateDownload, tally, MONTHS, SEARCHES } from './policeuk-download.mjs';

const HOME_OFFICE = new URL('../../../shared/data/geo/offences/prc-pfa-mar2013-onwards-tables201718.csv', import.meta.url).pathname;

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const count = (n) => n.toLocaleString('en-GB');

/** Drops files on the Data view's drop zone as a user would. */
async function drop(page, files) {
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const [name, b64, type] of list) {
      transfer.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, { type }));
    }
    document.querySelector('.drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files.map(([name, bytes, type]) => [name, bytes.toString('base64'), type]));
}

/** The Assessment's measures for the area shown: measure → { period, figure, previous }. */
async function measuresShown(page) {
  return new Map(await page.evaluate(() => [...document.querySelectorAll('table.assessment tbody tr')].map((tr) => {
    const cells = [...tr.querySelectorAll('td')].map((td) => td.innerText.trim());
    return [tr.querySelector('th').innerText.trim(), { period: cells[0], figure: cells[1], previous: cells[2] }];
  })));
}

/** Chooses `area` as the local area and waits until every figure is its own. */
async function choose(page, area) {
  await page.getByLabel('Local area').selectOption(area);
  await areaShown(page, area);
}

/**
 * The district's searches placed there by their map points, by object of
 * search, in "Stop and search and outcomes": equal to the raw rows' tally, with
 * the sentence saying how many of the force's searches stayed with the force.
 */
async function placedSearches(page, area, force, raw) {
  await page.locator('#police-parts-heading').waitFor({ timeout: 30_000 });
  await page.locator('#police-parts-measure').selectOption(SEARCHES);
  const caption = `Stop and search in ${area} by object of search`;
  await page.waitForFunction((c) => [...document.querySelectorAll('section.police-parts caption')].some((e) => e.textContent.startsWith(c)), caption, { timeout: 20_000 });
  const show = page.locator('section.police-parts').getByRole('button', { name: 'Show as table' }).first();
  await show.focus();
  await page.keyboard.press('Enter');
  const rows = await page.evaluate((c) => {
    const table = [...document.querySelectorAll('section.police-parts table')].find((t) => t.querySelector('caption')?.textContent.startsWith(c));
    return table && Object.fromEntries([...table.querySelectorAll('tbody tr')].map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
      return [cells[0], cells[1]];
    }));
  }, caption);
  const expected = raw.byObject.get(area);
  const total = [...expected.values()].reduce((a, b) => a + b, 0);
  assert.deepEqual(rows, Object.fromEntries([...[...expected].map(([o, n]) => [o, count(n)]), ['All', count(total)]]), `${area}'s searches by object of search`);
  const all = [...raw.force.get(force).get(SEARCHES).values()].reduce((a, b) => a + b, 0);
  const alone = raw.forceOnly.get(force);
  const share = `${((100 * alone) / all).toFixed(1).replace(/\.0$/, '')}%`;
  const sentence = await page.locator('.police-scope').innerText();
  assert.ok(sentence.includes(`${count(alone)} of ${count(all)} searches (${share}) had no location`), sentence);
  assert.match(sentence, /and are counted for the force only\./);
  return `${area}: ${total} searches placed by map point (${[...expected].map(([o, n]) => `${o} ${n}`).join(', ')}); ${alone} of ${force}'s ${all} counted for the force only`;
}

const monthLabel = (m) => new Date(`${m}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

test('a generated police.uk download of three forces gives each district and force the counts of its raw rows', async () => {
  const download = generateDownload();
  const raw = tally(download.files);
  const page = await app.openPage('#/data');
  await tablesListed(page);
  await drop(page, [['three-forces.zip', download.zip, 'application/zip']]);
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('three-forces.zip'), null, { timeout: 60_000 });
  assert.match(await page.locator('.table-notes').innerText(), new RegExp(`${raw.noLocation} records had no location`));
  await page.getByRole('link', { name: 'Assessment', exact: true }).click();
  const [before, latest] = MONTHS;
  const areas = [
    ...[...raw.district].map(([name, measures]) => [name, measures]),
    ...[...raw.force].map(([name, measures]) => [`${name.replace(/ Police$/, '')} (force)`, measures]),
  ];
  const options = await page.getByLabel('Local area').locator('option').allInnerTexts();
  const seen = [];
  for (const [area, measures] of areas) {
    const name = options.find((o) => o === area) ?? options.find((o) => o === area.replace(' (force)', ''));
    assert.ok(name, `${area} is offered: ${options.join(' | ')}`);
    await choose(page, name);
    const shown = await measuresShown(page);
    const checked = [];
    assert.deepEqual([...shown.keys()].sort(), [...measures.keys()].sort(), `${area}: the measures shown`);
    for (const [measure, byMonth] of measures) {
      const got = shown.get(measure);
      assert.equal(got.period, monthLabel(latest), `${area} ${measure}`);
      assert.equal(got.figure, count(byMonth.get(latest)), `${area} ${measure} in ${latest}`);
      assert.equal(got.previous.split('\n')[0], count(byMonth.get(before)), `${area} ${measure} in ${before}`);
      assert.match(got.previous, new RegExp(monthLabel(before)));
      checked.push(`${measure} ${byMonth.get(before)} → ${byMonth.get(latest)}`);
    }
    seen.push(`${area}: ${checked.join('; ')}`);
    if (area === 'Tunbridge Wells') seen.push(await placedSearches(page, area, 'Kent Police', raw));
  }
  console.log(seen.join('\n'));
  await page.context().close();
});

/** The rows of a CSV with quoted fields ("Disclosure, obstruction, …"), as objects. */
function csvRows(text) {
  const records = [];
  let field = '';
  let record = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; } else if (c === '\n') { record.push(field.replace(/\r$/, '')); records.push(record); record = []; field = ''; } else field += c;
  }
  if (field || record.length) { record.push(field); records.push(record); }
  const [header, ...rows] = records.filter((r) => r.some((f) => f.trim()));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** The extract's sums, by the file's force name: quarter → group → { all, subgroups }. */
function homeOfficeSums() {
  const sums = new Map();
  for (const r of csvRows(readFileSync(HOME_OFFICE, 'utf8'))) {
    // Counts come padded with spaces (" 66776 ").
    const n = Number(r['Number of Offences'].trim());
    assert.ok(Number.isInteger(n), `a count: ${r['Number of Offences']}`);
    const force = sums.get(r['Force Name']) ?? new Map();
    sums.set(r['Force Name'], force);
    const quarter = force.get(r['Financial Quarter']) ?? { all: 0, groups: new Map() };
    force.set(r['Financial Quarter'], quarter);
    quarter.all += n;
    const group = quarter.groups.get(r['Offence Group']) ?? { all: 0, subgroups: new Map() };
    quarter.groups.set(r['Offence Group'], group);
    group.all += n;
    group.subgroups.set(r['Offence Subgroup'], (group.subgroups.get(r['Offence Subgroup']) ?? 0) + n);
  }
  return sums;
}

test('the Home Office extract gives each force its offences by group and subgroup, the non-territorial kept apart', async () => {
  const sums = homeOfficeSums();
  const page = await app.openPage('#/data');
  await tablesListed(page);
  await page.setInputFiles('#file-input', HOME_OFFICE);
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('prc-pfa-mar2013-onwards-tables201718.csv'), null, { timeout: 60_000 });
  const notes = await page.locator('.table-notes').innerText();
  assert.match(notes, /Action Fraud, CIFAS, Financial Fraud Action UK, UK Finance record offences for no territory: kept apart as other areas, in no force or national figure\./);
  assert.match(notes, /British Transport Police is a force with no territory of its own/);
  // The non-territorial "forces" are other areas, never police force areas.
  const understood = new Map(await page.evaluate(() => [...document.querySelectorAll('main tr')]
    .map((tr) => [...tr.querySelectorAll('td, th')].map((c) => c.innerText.trim()))
    .filter((c) => c.length === 2)));
  for (const other of ['Action Fraud', 'CIFAS', 'Financial Fraud Action UK', 'UK Finance']) {
    assert.equal(understood.get(other), 'Other', `${other} is understood as another area`);
  }
  for (const force of ['Kent (force)', 'City of London (force)', 'Devon and Cornwall', 'British Transport Police']) {
    assert.equal(understood.get(force), 'Police force area', force);
  }

  await page.getByRole('link', { name: 'Assessment', exact: true }).click();
  const seen = [];
  // The file's names: "London, City of" is the City of London's force, "Kent" Kent's.
  for (const [area, fileName] of [['Kent (force)', 'Kent'], ['City of London (force)', 'London, City of'], ['British Transport Police', 'British Transport Police'], ['Action Fraud', 'Action Fraud']]) {
    await choose(page, area);
    const shown = await measuresShown(page);
    const checked = [];
    const [q3, q4] = ['3', '4'].map((q) => sums.get(fileName).get(q));
    const expected = new Map([['All recorded offences (Home Office)', [q3.all, q4.all]]]);
    for (const [group, { all }] of q4.groups) expected.set(group, [q3.groups.get(group)?.all, all]);
    assert.deepEqual([...shown.keys()].sort(), [...expected.keys()].sort(), `${area}: the offence groups shown`);
    for (const [measure, [before, latest]] of expected) {
      const got = shown.get(measure);
      assert.equal(got.period, 'Q4 2017/18', `${area} ${measure}`);
      assert.equal(got.figure, count(latest), `${area} ${measure} in Q4`);
      assert.equal(got.previous.split('\n')[0], count(before), `${area} ${measure} in Q3`);
      checked.push(`${measure} ${before} → ${latest}`);
    }
    seen.push(`${area}, Q3 → Q4 2017/18: ${checked.join('; ')}`);
    if (area !== 'Kent (force)') continue;
    // Each group's subgroups, in the board's breakdown tables (counts for Q4).
    await page.getByRole('link', { name: 'Board', exact: true }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('figure.chart-figure table caption')]
      .some((c) => /^Theft offences in Kent \(force\) by category/.test(c.textContent)), null, { timeout: 60_000 });
    const tables = await page.evaluate(() => [...document.querySelectorAll('figure.chart-figure table')].map((t) => ({
      caption: t.querySelector('caption')?.textContent.trim(),
      headers: [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim()),
      rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
    })));
    let broken = 0;
    const parts = [];
    for (const [group, { subgroups }] of q4.groups) {
      if (subgroups.size < 2) continue;
      const table = tables.find((t) => t.caption?.startsWith(`${group} in Kent (force) by category, Q4 2017/18`) && t.headers.includes('Count'));
      assert.ok(table, `${group}'s breakdown is on the board: ${tables.map((t) => t.caption).join(' | ')}`);
      const counted = new Map(table.rows.map((r) => [r[0], r[table.headers.indexOf('Count')]]));
      assert.deepEqual([...counted.keys()].sort(), [...subgroups.keys()].sort(), `${group}'s subgroups`);
      for (const [subgroup, n] of subgroups) {
        assert.equal(counted.get(subgroup), count(n), `${group}: ${subgroup}`);
        parts.push(`${group} › ${subgroup} ${n}`);
      }
      broken++;
    }
    assert.ok(broken >= 5, 'most groups have subgroups');
    seen.push(`Kent (force), Q4 2017/18 by subgroup: ${parts.join('; ')}`);
    await page.getByRole('link', { name: 'Assessment', exact: true }).click();
  }
  console.log(seen.join('\n'));
  await page.context().close();
});

test('nothing logged an error', () => {
  assert.deepEqual(app.errors, []);
  assert.deepEqual(app.blocked, []);
  assert.deepEqual(app.cspViolations, []);
});
