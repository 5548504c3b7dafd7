// End-to-end: a police.uk custom download, the 24 real City of London months in
// ../shared/data/geo/policeuk/, dropped as a zip and picked as a folder, read in
// the app's import worker (which fetches the LSOA → district table only then),
// shown in the Data view and assessed. Run after `make build`:
//   node --test --test-concurrency=1 tests/e2e/policeuk.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { figureOf, startApp, tablesListed } from './harness.mjs';
import { zipOf } from '../../bench/inputs.mjs';

const DOWNLOAD = new URL('../../../shared/data/geo/policeuk/', import.meta.url).pathname;
const POPULATION = new URL('../../public/geography/population.tsv', import.meta.url).pathname;

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

async function openData() {
  const page = await app.openPage('#/data');
  await tablesListed(page);
  return page;
}

/** Every file of the download by its path in it, and the raw tallies the test checks against. */
function download() {
  const files = [];
  for (const month of readdirSync(DOWNLOAD).sort()) {
    for (const name of readdirSync(join(DOWNLOAD, month)).sort()) {
      files.push([`${month}/${name}`, readFileSync(join(DOWNLOAD, month, name))]);
    }
  }
  // Crime by type in Dec 2020 for the force (every row of its street file), read directly.
  const dec = new Map();
  let all = 0;
  const [, street] = files.find(([p]) => p.startsWith('2020-12/') && p.endsWith('-street.csv'));
  const lines = street.toString('utf8').split(/\r?\n/).slice(1).filter((l) => l.trim());
  for (const line of lines) {
    const type = line.split(',')[9];
    dec.set(type, (dec.get(type) ?? 0) + 1);
    if (type !== 'Anti-social behaviour') all++;
  }
  // Crime by type in every month for the force, from every street file's rows.
  const byMonth = new Map();
  for (const [path, bytes] of files) {
    if (!path.endsWith('-street.csv')) continue;
    const tally = new Map();
    for (const r of csvRows(bytes)) tally.set(r['Crime type'], (tally.get(r['Crime type']) ?? 0) + 1);
    tally.set('All crime (excluding anti-social behaviour)', [...tally].filter(([t]) => t !== 'Anti-social behaviour').reduce((n, [, c]) => n + c, 0));
    byMonth.set(path.slice(0, 7), tally);
  }
  return { files, dec, all, byMonth };
}

/** The rows of a CSV file as objects by header: a small reader (quoted fields, doubled quotes, CRLF). */
function csvRows(bytes) {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const SEARCH_BREAKDOWNS = ['Object of search', 'Outcome'];

/**
 * The district of the street records at each map point ("lon,lat" as written),
 * by their LSOA names' district ("City of London 001F"): a search is placed in
 * the City's district where its point's records are all the City's.
 */
function cityPoints(raw) {
  const points = new Map();
  for (const [path, bytes] of raw.files) {
    if (!path.endsWith('-street.csv')) continue;
    for (const r of csvRows(bytes)) {
      if (!r.Longitude || !r['LSOA name']) continue;
      const key = `${r.Longitude},${r.Latitude}`;
      if (!points.has(key)) points.set(key, new Set());
      points.get(key).add(r['LSOA name'].replace(/ \d{3}[A-Z]$/, ''));
    }
  }
  return points;
}

/**
 * Stop and search in 2020 (the twelve months to the last file) by each
 * breakdown checked, tallied from the raw rows: every search of the force, or
 * (`placed`) those at a point whose street records are all in the City's district.
 */
function searchTally(raw, placed = false) {
  const tally = new Map(SEARCH_BREAKDOWNS.map((b) => [b, new Map()]));
  let total = 0;
  let all = 0;
  const points = placed ? cityPoints(raw) : null;
  for (const [path, bytes] of raw.files) {
    if (!path.startsWith('2020-') || !path.endsWith('-stop-and-search.csv')) continue;
    for (const r of csvRows(bytes)) {
      all++;
      if (placed) {
        const districts = points.get(`${r.Longitude},${r.Latitude}`);
        if (!r.Longitude || !districts || districts.size !== 1 || !districts.has('City of London')) continue;
      }
      total++;
      for (const b of SEARCH_BREAKDOWNS) {
        const value = r[b].trim() || 'Not stated';
        tally.get(b).set(value, (tally.get(b).get(value) ?? 0) + 1);
      }
    }
  }
  return { tally, total, all };
}

const OUTCOME_TYPES = [
  'Investigation complete; no suspect identified',
  'Unable to prosecute suspect',
  'Offender given a caution',
  'Local resolution',
];

/**
 * Outcomes files for the 2020 crimes of the real street files (the download
 * has none): each crime (a Crime ID; police.uk repeats some IDs over several
 * records, and the last record read is the crime's month and place) given an
 * outcome by its place in the files, some first "Under investigation" and
 * finally another a month later; with the test's own tally of each crime's
 * latest outcome, for the force and for the crimes in City of London's LSOAs.
 */
function withOutcomes(raw) {
  const crimes = new Map();
  for (const [path, bytes] of raw.files) {
    if (!path.endsWith('-street.csv')) continue;
    for (const r of csvRows(bytes)) if (r['Crime ID']) crimes.set(r['Crime ID'], r);
  }
  const byMonth = new Map();
  const add = (month, line) => byMonth.set(month, (byMonth.get(month) ?? '') + line);
  const latest = { force: new Map(), district: new Map() };
  const count = (map, outcome) => map.set(outcome, (map.get(outcome) ?? 0) + 1);
  let i = 0;
  for (const [id, r] of crimes) {
    const month = r.Month;
    if (!month.startsWith('2020-')) continue;
    i++;
    const row = (m, outcome) => `${id},${m},${r['Reported by']},${r['Falls within']},${r.Longitude},${r.Latitude},"${r.Location}",${r['LSOA code']},${r['LSOA name']},${outcome}\r\n`;
    let final = OUTCOME_TYPES[i % OUTCOME_TYPES.length];
    const next = `2020-${String(Number(month.slice(5)) + 1).padStart(2, '0')}`;
    if (i % 5 === 0 && month < '2020-12') {
      add(month, row(month, 'Under investigation'));
      add(next, row(next, final));
    } else if (i % 7 === 0) {
      // Still under investigation: that is its latest outcome.
      final = 'Under investigation';
      add(month, row(month, final));
    } else {
      add(month, row(month, final));
    }
    count(latest.force, final);
    if (r['LSOA name'].startsWith('City of London ')) count(latest.district, final);
  }
  const header = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\r\n';
  const files = [...byMonth].sort().map(([m, body]) => [`${m}/${m}-city-of-london-outcomes.csv`, Buffer.from(header + body)]);
  return { files, latest };
}

/** The tables behind the charts of "Stop and search and outcomes", shown by keyboard, by caption: category → [count, share]. */
async function policeTables(page) {
  const section = page.locator('section.police-parts');
  // Each button, once pressed, says "Hide table": the first left is the next.
  const show = section.getByRole('button', { name: 'Show as table' });
  while (await show.count()) {
    await show.first().focus();
    await page.keyboard.press('Enter');
  }
  return page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('section.police-parts table')].map((t) => [
      t.querySelector('caption').textContent.trim(),
      Object.fromEntries([...t.querySelectorAll('tbody tr')].map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
        return [cells[0], cells.slice(1)];
      })),
    ])));
}

/** Each part of a tally shown in the table of that caption, as its count and share of `total`. */
function assertTable(tables, caption, tally, total) {
  const table = tables[caption];
  assert.ok(table, `a table “${caption}” among ${Object.keys(tables).join(' | ')}`);
  for (const [category, n] of tally) {
    assert.deepEqual(table[category]?.slice(0, 2), [n.toLocaleString('en-GB'), `${((100 * n) / total).toFixed(1)}%`], `${caption}: ${category}`);
  }
  assert.equal(table.All?.[0], total.toLocaleString('en-GB'), `${caption}: all`);
  assert.equal(Object.keys(table).length, tally.size + 1, `${caption}: no category the raw rows lack`);
}

/**
 * Stop and search by object of search and by outcome, each equal to the raw
 * rows' tally, for the area chosen: the force's, or the district's placed searches.
 */
async function seeStopAndSearch(page, raw, scope, area = 'City of London (force)') {
  await page.locator('#police-parts-heading').waitFor({ timeout: 30_000 });
  await page.locator('#police-parts-measure').selectOption('Stop and search');
  await page.waitForFunction((s) => document.querySelector('.police-scope')?.textContent.includes(s), scope, { timeout: 20_000 });
  const { tally, total, all } = searchTally(raw, area === 'City of London');
  const tables = await policeTables(page);
  for (const b of SEARCH_BREAKDOWNS) {
    assertTable(tables, `Stop and search in ${area} by ${b.toLowerCase()}, 2020`, tally.get(b), total);
  }
  if (area === 'City of London') {
    const unplaced = all - total;
    const share = `${((100 * unplaced) / all).toFixed(1).replace(/\.0$/, '')}%`;
    assert.match(await page.locator('.police-scope').innerText(), new RegExp(`${unplaced.toLocaleString('en-GB')} of ${all.toLocaleString('en-GB')} searches \\(${share}\\) had no location`));
    assert.match(await page.locator('.police-scope').innerText(), /and are counted for the force only\./);
    console.log(`City of London district, 2020: ${total} of the force's ${all} searches placed there by their map points; ${unplaced} counted for the force only`);
  }
  assert.match(await page.locator('.police-months').innerText(), new RegExp(`^${total.toLocaleString('en-GB')} searches in 2020: all 12 months`));
  // The bars' own labels write their counts en-GB, as the tables do ("1,786", not "1786").
  const largest = Math.max(...tally.get(SEARCH_BREAKDOWNS[0]).values()).toLocaleString('en-GB');
  const drawn = () => page.evaluate(() => [...document.querySelectorAll('section.police-parts [data-chart]')].flatMap((el) => {
    const chart = echarts.getInstanceByDom(el);
    return chart ? chart.getZr().storage.getDisplayList().map((e) => e.style?.text).filter((t) => typeof t === 'string') : [];
  }));
  await page.locator('section.police-parts [data-chart]').first().scrollIntoViewIfNeeded();
  await page.waitForFunction((l) => [...document.querySelectorAll('section.police-parts [data-chart]')].some((el) => {
    const chart = echarts.getInstanceByDom(el);
    return chart && chart.getZr().storage.getDisplayList().some((e) => e.style?.text === l);
  }), largest, { timeout: 20_000 });
  const labels = await drawn();
  assert.ok(labels.includes(largest), `the largest count's label among ${labels.join(' | ')}`);
  const counts = SEARCH_BREAKDOWNS.flatMap((b) => [...tally.get(b).values()]).filter((n) => n >= 1000);
  const plain = labels.filter((t) => counts.some((n) => t === String(n)));
  assert.deepEqual(plain, [], 'a count of four digits or more drawn without its comma');
  return { tally, total };
}

async function seeCityOfLondon(page, name, raw, tables = 2) {
  const log = page.locator('.import-log li').first();
  await page.waitForFunction((n) => document.querySelector('.import-log li')?.textContent.startsWith(n), name, { timeout: 60_000 });
  assert.match(await log.innerText(), new RegExp(`: ${tables} tables and [\\d,]+ figures imported\\.$`));
  const main = page.locator('main');
  assert.match(await main.innerText(), new RegExp(`${name}\\s+Street crime \\(24 files, 2019-01 … 2020-12\\)\\s+24 files\\s+records`));
  assert.match(await main.innerText(), /Stop and search \(24 files, 2019-01 … 2020-12\)/);
  assert.match(await page.locator('.table-notes').innerText(), /1,221 records had no location \(no LSOA\): counted for the force, not for any district\./);
  assert.match(await page.locator('.table-notes').innerText(), /Stop and search records carry no LSOA/);

  await page.getByRole('link', { name: 'Assessment' }).click();
  // The force's figures count every record the files hold; the district of
  // the same name (E09000001) is an area apart, named without "(force)".
  const options = await page.getByLabel('Local area').locator('option').allInnerTexts();
  assert.ok(options.some((o) => o.startsWith('City of London (force)')), options.join(' | '));
  assert.ok(options.some((o) => o === 'City of London' || o.startsWith('City of London (district')), options.join(' | '));
  await page.getByLabel('Local area').selectOption('City of London (force)');
  await page.waitForFunction(() => document.querySelector('.lede')?.textContent.startsWith('City of London (force)'));
  const row = (measure) => page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: measure, exact: true }) });
  assert.match(await page.locator('.lede').innerText(), /data to Dec 2020/);
  assert.equal(await row('Bicycle theft').locator('td.figure').innerText(), String(raw.dec.get('Bicycle theft')));
  assert.equal(await row('Burglary').locator('td.figure').innerText(), String(raw.dec.get('Burglary')));
  assert.equal(await row('All crime (excluding anti-social behaviour)').locator('td.figure').innerText(), String(raw.all));
  assert.ok(await row('Stop and search').count(), 'stop and search is assessed');
  // Every month of the 24, chosen as "Data up to", gives that month's crime
  // by type as the raw rows have it.
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const ends = await page.locator('#period-select option').evaluateAll((os) => os.map((o) => [o.value, o.textContent.trim()]));
  assert.equal(raw.byMonth.size, 24);
  for (const [month, tally] of raw.byMonth) {
    const [year, m] = month.split('-').map(Number);
    const end = ends.find(([, text]) => text.startsWith(MONTHS[m - 1]) && text.endsWith(String(year)));
    assert.ok(end, `${month} offered as "Data up to" among ${ends.map(([, t]) => t).join(' | ')}`);
    await page.locator('#period-select').selectOption(end[0]);
    await page.waitForFunction((label) => document.querySelector('.lede')?.textContent.includes(`data to ${label}`)
      && !document.querySelector('.figures[aria-busy]'), end[1], { timeout: 30_000 });
    for (const measure of ['All crime (excluding anti-social behaviour)', 'Burglary', 'Bicycle theft', 'Shoplifting']) {
      // A type with no record that month is checked by the months it has.
      if (!tally.get(measure)) continue;
      const expected = tally.get(measure).toLocaleString('en-GB');
      assert.equal(await figureOf(page, measure, expected), expected, `${measure}, ${month}`);
    }
  }
  await page.locator('#period-select').selectOption(ends.find(([, t]) => t === 'Dec 2020')?.[0] ?? ends[0][0]);
  // The files carry no population: the rate per 1,000 is over the built-in ONS
  // mid-2020 estimate for the City (E09000001), read here from the same file.
  const lines = readFileSync(POPULATION, 'utf8').split('\n');
  const years = lines.find((l) => l.startsWith('Y\t')).split('\t').slice(1).map(Number);
  const people = Number(lines.find((l) => l.startsWith('P\tE09000001\t')).split('\t').slice(2)[years.indexOf(2020)]);
  // Monthly figures are rated over the twelve months to the latest: 2020's street records.
  let thefts = 0;
  for (const [path, bytes] of raw.files) {
    if (!path.startsWith('2020-') || !path.endsWith('-street.csv')) continue;
    thefts += bytes.toString('utf8').split(/\r?\n/).slice(1).filter((l) => l.split(',')[9] === 'Bicycle theft').length;
  }
  const rate = ((thefts / people) * 1000).toFixed(1);
  await page.waitForFunction(
    (expected) => [...document.querySelectorAll('table.assessment tr')]
      .some((tr) => tr.querySelector('th')?.textContent.trim() === 'Bicycle theft' && tr.textContent.includes(expected)),
    rate, { timeout: 20_000 },
  );
  assert.ok((await row('Bicycle theft').innerText()).includes(rate));
}

test('the City of London download dropped as a zip is counted by type and month and assessed', async () => {
  const raw = download();
  const outcomes = withOutcomes(raw);
  const zip = zipOf([...raw.files, ...outcomes.files]);
  const page = await openData();
  const before = app.requests.filter((p) => p.endsWith('lsoa-districts.txt')).length;
  assert.equal(before, 0, 'the LSOA table is not fetched on the first visit');
  await page.evaluate(([b64, name]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type: 'application/zip' }));
    document.querySelector('.drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, [zip.toString('base64'), 'city-of-london-2019-2020.zip']);
  await seeCityOfLondon(page, 'city-of-london-2019-2020.zip', raw, 3);
  assert.ok(app.requests.some((p) => p.endsWith('/geo/lsoa-districts.txt')), 'the worker fetched the LSOA table');

  // Stop and search by object of search and by outcome, the force's own.
  const searches = await seeStopAndSearch(page, raw, 'These are the figures for City of London (force), as the files count them.');
  console.log(`City of London stop and search, 2020: ${searches.total} searches; by object of search ${JSON.stringify([...searches.tally.get('Object of search')])}; by outcome ${JSON.stringify([...searches.tally.get('Outcome')])}`);
  // Crimes by latest outcome (linked by Crime ID), for the force.
  const crimes = (map) => [...map.values()].reduce((a, b) => a + b, 0);
  await page.locator('#police-parts-measure').selectOption('Outcomes of all crime');
  await page.waitForFunction(() => document.querySelector('section.police-parts caption')?.textContent.includes('Outcomes of all crime'));
  let tables = await policeTables(page);
  assertTable(tables, 'Outcomes of all crime in City of London (force) by outcome, 2020', outcomes.latest.force, crimes(outcomes.latest.force));
  const noSuspect = outcomes.latest.force.get(OUTCOME_TYPES[0]);
  console.log(`City of London (force) 2020 crimes by latest outcome: ${JSON.stringify([...outcomes.latest.force])}; no suspect identified ${noSuspect} of ${crimes(outcomes.latest.force)}`);

  // The district: its own outcomes (crimes in its LSOAs), and the force's searches, said so.
  const areas = await page.getByLabel('Local area').locator('option').allInnerTexts();
  await page.getByLabel('Local area').selectOption(areas.find((o) => o === 'City of London' || o.startsWith('City of London (district')));
  await page.waitForFunction(() => /^City of London(?! \(force\))/.test(document.querySelector('.lede')?.textContent ?? ''));
  await page.waitForFunction(() => document.querySelector('section.police-parts caption')?.textContent.startsWith('Outcomes of all crime in City of London by outcome'), null, { timeout: 20_000 });
  tables = await policeTables(page);
  assertTable(tables, 'Outcomes of all crime in City of London by outcome, 2020', outcomes.latest.district, crimes(outcomes.latest.district));
  assert.match(await page.locator('.police-scope').innerText(), /^These are the figures for City of London, as the files count them\.$/);
  await seeStopAndSearch(page, raw, 'these are City of London (force)\'s searches placed in City of London by their map points', 'City of London');
  assert.match(await page.locator('.police-scope').innerText(), /^Stop and search records carry no LSOA/);
  await page.context().close();
});

/** Street records (not ASB) in one LSOA over every month of the download, read directly. */
function inLsoa(raw, code) {
  let n = 0;
  for (const [path, bytes] of raw.files) {
    if (!path.endsWith('-street.csv')) continue;
    for (const line of bytes.toString('utf8').split(/\r?\n/).slice(1)) {
      const f = line.split(',');
      if (f[7] === code && f[9] !== 'Anti-social behaviour') n++;
    }
  }
  return n;
}

/** A STATS19 year as DfT publishes it (2023 column names), generated: Westminster and Camden collisions. */
function stats19Pair() {
  let collisions = 'accident_index,accident_year,accident_reference,police_force,accident_severity,number_of_vehicles,number_of_casualties,date,day_of_week,time,local_authority_district,local_authority_ons_district,local_authority_highway\n';
  let casualties = 'accident_index,accident_year,accident_reference,vehicle_reference,casualty_reference,casualty_class,sex_of_casualty,age_of_casualty,age_band_of_casualty,casualty_severity\n';
  const ksi = { Westminster: 0, Camden: 0 };
  let rows = 0;
  for (let i = 0; i < 40; i++) {
    const index = `2023010${String(i).padStart(6, '0')}`;
    const [area, code] = i % 3 ? ['Westminster', 'E09000033'] : ['Camden', 'E09000007'];
    collisions += `${index},2023,${i},1,3,1,2,${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2023,2,08:00,-1,${code},E09000033\n`;
    for (let c = 0; c < 1 + (i % 2); c++) {
      const severity = 1 + ((i + c) % 3);
      casualties += `${index},2023,${i},1,${c},1,1,${20 + i},6,${severity}\n`;
      rows++;
      if (severity < 3) ksi[area]++;
    }
  }
  return { collisions, casualties, ksi, rows };
}

test('the City of London download picked as a folder gives the same; by ward on request; a STATS19 pair dropped together is joined', async () => {
  const raw = download();
  const page = await openData();
  // The page's own requests (the service worker's precache, which keeps every
  // file of the build for offline use once installed, is not the page asking).
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.setInputFiles('#folder-input', DOWNLOAD);
  await seeCityOfLondon(page, 'policeuk', raw);
  await seeStopAndSearch(page, raw, 'These are the figures for City of London (force), as the files count them.');

  // Street crime by ward: the ward table fetched only when asked for.
  await page.getByRole('link', { name: 'Data', exact: true }).click();
  assert.ok(!asked.some((p) => p.endsWith('/geo/lsoa-wards.txt')), 'the ward table is not fetched until asked for');
  await page.locator('#ward-load').focus();
  await page.keyboard.press('Enter');
  await page.locator('#ward-district').selectOption('City of London');
  const walbrook = page.locator('table.ward-table tr', { has: page.getByRole('cell', { name: 'Walbrook', exact: true }) });
  await walbrook.waitFor();
  // Walbrook is the ward ONS fits City of London 001F (E01032739) to.
  assert.equal(await walbrook.locator('td.num').innerText(), inLsoa(raw, 'E01032739').toLocaleString('en-GB'));
  assert.match(await walbrook.innerText(), /E05009312/);
  assert.match(await page.locator('.ward-method').innerText(), /best-fit lookup/);
  assert.ok(asked.some((p) => p.endsWith('/geo/lsoa-wards.txt')), 'the ward table was fetched when asked for');

  // STATS19: a casualty file and its collision file dropped together are joined by accident index.
  const pair = stats19Pair();
  await page.evaluate(([casualties, collisions]) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([casualties], 'dft-road-casualty-statistics-casualty-2023.csv', { type: 'text/csv' }));
    transfer.items.add(new File([collisions], 'dft-road-casualty-statistics-collision-2023.csv', { type: 'text/csv' }));
    document.querySelector('.drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, [pair.casualties, pair.collisions]);
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('Road casualties (2 files)'), null, { timeout: 60_000 });
  assert.match(await page.locator('.import-log li').first().innerText(), /1 table and [\d,]+ figures imported\.$/);
  const main = await page.locator('main').innerText();
  assert.match(main, new RegExp(`Road casualties \\(STATS19, 2 files\\)\\s+${pair.rows} casualty rows`));
  assert.match(await page.locator('.table-notes').innerText(), /joined to the collision file \(dft-road-casualty-statistics-collision-2023\.csv\) by accident index/);
  await page.context().close();
});

test('nothing logged an error', () => {
  assert.deepEqual(app.errors, []);
});
