// End-to-end: a county outside Kent, from a file with no county row and no
// population. The built-in geography (fetched only now; the sample's first visit
// uses the slice it carries) derives the county, the built-in populations
// (fetched only now) give the rate per 1,000, and the area is chosen by keyboard
// from the searchable list of every district and partnership. Then a partnership
// of two districts (Dartford and Gravesham) from a file by district: summed,
// compared with Kent, ranked among Kent's partnerships.
// Run with `node --test tests/e2e/geography.test.mjs` after `make build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir, startApp, tablesListed } from './harness.mjs';

const POPULATION = new URL('../../public/geography/population.tsv', import.meta.url).pathname;

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

// Surrey's eleven districts in 2021/22 and 2022/23; no Surrey row, no population.
const SURREY = {
  Elmbridge: [7010, 7340], 'Epsom and Ewell': [3150, 3080], Guildford: [8100, 8450],
  'Mole Valley': [3900, 4120], 'Reigate and Banstead': [8800, 8610], Runnymede: [6300, 6900],
  Spelthorne: [7250, 7020], 'Surrey Heath': [4400, 4480], Tandridge: [4700, 4650],
  Waverley: [5600, 5900], Woking: [6900, 7150],
};

/** The mid-2022 estimate for a code, read from the same file the app fetches. */
function midYear(code, year) {
  const lines = readFileSync(POPULATION, 'utf8').split('\n');
  const years = lines.find((l) => l.startsWith('Y\t')).split('\t').slice(1).map(Number);
  const row = lines.find((l) => l.startsWith(`P\t${code}\t`)).split('\t').slice(2);
  return Number(row[years.indexOf(year)]);
}

test('a county outside Kent: derived total, built-in population, area chosen by keyboard', async () => {
  const page = await app.openPage('#/data');
  const context = page.context();
  const requests = app.requestsIn(context);
  await tablesListed(page);
  // The sample has its own populations: nothing fetches the built-in ones.
  assert.ok(!requests.some((p) => p.endsWith('/geography/population.tsv')), 'populations fetched on the first visit');
  // Its comparisons with Kent come from the slice of the geography it carries:
  // the whole geography is not fetched on the first visit.
  await page.getByRole('link', { name: 'Assessment' }).click();
  await page.waitForFunction(() => document.querySelector('main')?.innerText.includes('11th of 12 districts in Kent'), null, { timeout: 30_000 });
  assert.ok(!requests.some((p) => p.endsWith('/geography/geography.tsv')), 'the geography was fetched on the first visit');
  await page.getByRole('link', { name: 'Data', exact: true }).click();

  const dir = scratchDir('cspw-geo-');
  const lines = ['District,Financial year,Measure,Value'];
  for (const [district, [before, after]] of Object.entries(SURREY)) {
    lines.push(`${district} Borough Council,2021/22,All crime,${before}`);
    lines.push(`${district},2022/23,All crime,${after}`);
  }
  writeFileSync(join(dir, 'surrey-districts.csv'), `${lines.join('\n')}\n`);
  await page.setInputFiles('#file-input', join(dir, 'surrey-districts.csv'));
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('surrey-districts.csv'), null, { timeout: 30_000 });

  await page.getByRole('link', { name: 'Assessment' }).click();
  // Keyboard only: Tab to the search box, type, Enter.
  const search = page.getByLabel('Find any district or partnership');
  await search.focus();
  await page.keyboard.type('Woking Borough Council');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('p.lede')?.textContent.includes('Woking'), null, { timeout: 20_000 });
  assert.equal(await page.locator('#area-select').inputValue(), 'Woking');
  assert.match(await page.locator('#area-search-hint').innerText(), /Assessing Woking/);

  // Compared with the derived Surrey, offered among the county, force, region and countries.
  const county = page.locator('#county-select');
  assert.equal(await county.inputValue(), 'Surrey');
  const offered = await county.locator('option').allInnerTexts();
  assert.ok(offered.includes('Surrey (county and police force area)'), offered.join(' | '));
  assert.ok(offered.some((o) => o.startsWith('South East (region)')), offered.join(' | '));
  assert.ok(offered.some((o) => o.startsWith('England and Wales')), offered.join(' | '));

  // The rate per 1,000 from the built-in mid-2022 estimate, and the rank among Surrey's districts.
  const row = page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: 'All crime', exact: true }) });
  const rate = (7150 / midYear('E07000217', 2022)) * 1000;
  await page.waitForFunction(
    (expected) => [...document.querySelectorAll('table.assessment tr')]
      .some((tr) => tr.textContent.includes('All crime') && tr.textContent.includes(expected)),
    rate.toFixed(1), { timeout: 20_000 },
  );
  const text = await row.innerText();
  assert.match(text, /7,150/);
  assert.ok(text.includes(rate.toFixed(1)), text);
  const rates = Object.entries(SURREY).map(([d, v]) => [d, v[1]]);
  assert.match(text, /10th of 11/);
  assert.ok(rates.length === 11);
  assert.ok(requests.some((p) => p.endsWith('/geography/population.tsv')), 'the populations were fetched once a file needed them');
  assert.ok(requests.some((p) => p.endsWith('/geography/geography.tsv')), 'the geography was fetched once a file needed it');

  // The finding names the derived county and the rank among its districts.
  const findings = await page.locator('main').innerText();
  assert.match(findings, /districts in Surrey/);
  assert.match(findings, /derived: the sum of its districts/);

  // An area the files do not have is known, and said so.
  await search.fill('');
  await search.focus();
  await page.keyboard.type('E06000063');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#area-search-hint')?.textContent.includes('Cumberland'));
  assert.match(await page.locator('#area-search-hint').innerText(), /Cumberland is known, but your files have no figures for it/);

  // A partnership of two districts, from a file by district with no row for it:
  // Dartford and Gravesham is the sum of its districts, compared with Kent and
  // ranked among Kent's partnerships.
  const KENT = ['Ashford', 'Canterbury', 'Dartford', 'Dover', 'Folkestone and Hythe', 'Gravesham',
    'Maidstone', 'Sevenoaks', 'Swale', 'Thanet', 'Tonbridge and Malling', 'Tunbridge Wells'];
  const burglary = (i, year) => 300 + ((i * 37 + year * 11) % 200);
  const kent = ['District,Year,Measure,Value'];
  KENT.forEach((d, i) => { for (const year of [2022, 2023]) kent.push(`"${d}",${year},Burglary,${burglary(i, year)}`); });
  writeFileSync(join(dir, 'kent-districts.csv'), `${kent.join('\n')}\n`);
  await page.getByRole('link', { name: 'Data', exact: true }).click();
  await page.setInputFiles('#file-input', join(dir, 'kent-districts.csv'));
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('kent-districts.csv'), null, { timeout: 30_000 });
  await page.getByRole('link', { name: 'Assessment' }).click();
  await search.fill('');
  await search.focus();
  await page.keyboard.type('Dartford and Gravesham');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('p.lede')?.textContent.includes('Dartford and Gravesham'), null, { timeout: 20_000 })
    .catch(async (e) => {
      const said = await page.locator('#area-search-hint').innerText().catch(() => '');
      const log = await page.locator('.import-log').innerText().catch(() => '');
      throw new Error(`${e.message}; the search said: ${said}; the import log: ${log}`);
    });
  const summed = burglary(KENT.indexOf('Dartford'), 2023) + burglary(KENT.indexOf('Gravesham'), 2023);
  const burglaryRow = page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: 'Burglary', exact: true }) });
  await page.waitForFunction(
    () => [...document.querySelectorAll('table.assessment tr')].some((tr) => tr.textContent.includes('Burglary') && / of 11/.test(tr.textContent)),
    null, { timeout: 20_000 },
  );
  const dg = await burglaryRow.innerText();
  assert.ok(dg.includes(summed.toLocaleString('en-GB')), dg);
  assert.match(dg, / of 11/);
  assert.equal(await county.inputValue(), 'Kent');
  const peersChosen = await page.locator('#peers-select option:checked').innerText();
  assert.match(peersChosen, /community safety partnerships in Kent/);
  const dgFindings = await page.locator('main').innerText();
  assert.match(dgFindings, /Dartford and Gravesham's figures are derived: the sum of its districts/);
  assert.deepEqual(app.errors, []);
  assert.deepEqual(app.blocked, []);
  await context.close();
});

// A table of police force areas (issue 13, force-level data): the proposal is a
// force, never Action Fraud; "Kent" is the force the file holds, not the county;
// a force is compared with its region, derived from its forces, and ranked
// among them by rate per 1,000 from the built-in estimates.
test('forces: a table of police force areas gives the force, its derived region, rate and rank', async () => {
  const REGIONS = {
    'North East': ['Cleveland', 'Durham', 'Northumbria'],
    'North West': ['Cheshire', 'Cumbria', 'Greater Manchester', 'Lancashire', 'Merseyside'],
    'Yorkshire and The Humber': ['Humberside', 'North Yorkshire', 'South Yorkshire', 'West Yorkshire'],
    'East Midlands': ['Derbyshire', 'Leicestershire', 'Lincolnshire', 'Northamptonshire', 'Nottinghamshire'],
    'West Midlands': ['Staffordshire', 'Warwickshire', 'West Mercia', 'West Midlands'],
    East: ['Bedfordshire', 'Cambridgeshire', 'Essex', 'Hertfordshire', 'Norfolk', 'Suffolk'],
    London: ['City of London', 'Metropolitan Police'],
    'South East': ['Hampshire', 'Kent', 'Surrey', 'Sussex', 'Thames Valley'],
    'South West': ['Avon and Somerset', 'Devon and Cornwall', 'Dorset', 'Gloucestershire', 'Wiltshire'],
    Wales: ['Dyfed-Powys', 'Gwent', 'North Wales', 'South Wales'],
  };
  const robbery = (force, year) => 400 + ((force.length * 53 + year * 7) % 900);
  const lines = ['Financial year,PFA,Offence,Number of offences'];
  for (const [year, label] of [[2016, '2016/17'], [2017, '2017/18']]) {
    for (const force of [...Object.values(REGIONS).flat(), 'British Transport Police']) {
      lines.push(`${label},${force},Robbery,${robbery(force, year)}`);
      lines.push(`${label},${force},Criminal damage and arson,${robbery(force, year) * 3}`);
    }
    lines.push(`${label},Action Fraud,Fraud offences,90000`);
  }
  const dir = scratchDir('cspw-forces-');
  writeFileSync(join(dir, 'forces.csv'), `${lines.join('\n')}\n`);
  const page = await app.openPage('#/data');
  await tablesListed(page);
  await page.setInputFiles('#file-input', join(dir, 'forces.csv'));
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('forces.csv'), null, { timeout: 30_000 });
  await page.getByRole('link', { name: 'Assessment' }).click();
  // Proposed: a force (the first by name of those with the most figures).
  await page.waitForFunction(() => document.querySelector('p.lede')?.textContent.includes('Avon and Somerset'), null, { timeout: 30_000 });
  assert.equal(await page.locator('#area-select').inputValue(), 'Avon and Somerset');

  const search = page.getByLabel('Find any district or partnership');
  await search.focus();
  await page.keyboard.type('Kent');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#area-search-hint')?.textContent.includes('Kent'), null, { timeout: 20_000 });
  assert.match(await page.locator('#area-search-hint').innerText(), /Assessing Kent \(force\)\./);

  await search.fill('');
  await search.focus();
  await page.keyboard.type('Surrey Police');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('p.lede')?.textContent.includes('Surrey (force)'), null, { timeout: 20_000 });
  const county = page.locator('#county-select');
  assert.equal(await county.inputValue(), 'South East');
  const offered = await county.locator('option').allInnerTexts();
  assert.ok(offered.some((o) => o.startsWith('England and Wales')), offered.join(' | '));

  // Surrey's rate over the built-in mid-2017 estimate: its eleven districts'.
  const surrey = Array.from({ length: 11 }, (_, i) => `E070002${String(7 + i).padStart(2, '0')}`)
    .reduce((sum, code) => sum + midYear(code, 2017), 0);
  const rate = ((robbery('Surrey', 2017) / surrey) * 1000).toFixed(1);
  await page.waitForFunction(
    (expected) => [...document.querySelectorAll('table.assessment tr')]
      .some((tr) => tr.textContent.includes('Robbery') && tr.textContent.includes(expected) && / of 5/.test(tr.textContent)),
    rate, { timeout: 20_000 },
  ).catch(async (e) => {
    const row = await page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: 'Robbery', exact: true }) }).innerText();
    throw new Error(`${e.message}; expected ${rate} per 1,000 and a rank of 5; the row: ${row}`);
  });
  const main = await page.locator('main').innerText();
  assert.match(main, /police force areas in the South East/);
  assert.match(main, /South East figure is derived: the sum of its police force areas/);
  assert.match(main, /offences of criminal damage and arson|\d offences/);
  await page.context().close();
});
