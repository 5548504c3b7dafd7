// End-to-end: the workbench is honest about what it read. A user's first file
// replaces the built-in sample (which can be brought back); a table it is unsure
// of is flagged, kept out of the assessment, and confirmed through the mapping
// step by keyboard; a column of proportions is compared in percentage points.
// Run after `make build`: node --test --test-concurrency=1 tests/e2e/honest.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { areaShown, imported, scratchDir, startApp, tablesListed } from './harness.mjs';

const SAMPLE_LABEL = 'Built-in sample (illustrative, Tunbridge Wells 2015)';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

/** A fresh browser profile (so no data is kept from another test), on the Data view with the sample's eight tables. */
async function openData() {
  const page = await app.openPage('#/data');
  await tablesListed(page, 8);
  return page;
}

/** Two years of monthly victims and repeat-victimisation proportions for four areas. */
function repeatRates(header) {
  const lines = [`Month,Area,Victims,${header}`];
  for (const [area, scale] of [['Tunbridge Wells', 1], ['Maidstone', 1.3], ['Ashford', 0.9], ['Kent', 12]]) {
    for (let i = 0; i < 24; i++) {
      const year = 2014 + Math.floor((9 + i) / 12);
      const month = String(((9 + i) % 12) + 1).padStart(2, '0');
      const victims = Math.round(100 * scale + (i % 5) * 3);
      const rate = ((i < 12 ? 0.25 : 0.2) + (i % 3) * 0.01).toFixed(2);
      lines.push(`${year}-${month},${area},${victims},${rate}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function files() {
  const dir = scratchDir('cspw-honest-');
  writeFileSync(join(dir, 'repeats.csv'), repeatRates('Repeat victimisation rate'));
  writeFileSync(join(dir, 'unsure.csv'), repeatRates('DA'));
  return dir;
}

const measureRow = (page, name) => page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name, exact: true }) });

test("a user's first file replaces the sample, and the sample can be brought back", async () => {
  const dir = files();
  const page = await openData();
  const inUse = page.getByTestId('data-in-use');
  assert.match(await inUse.textContent(), /^Data in use: /);
  assert.equal((await inUse.locator('a').innerText()).trim(), SAMPLE_LABEL);
  assert.equal(await page.locator('table.data-tables tbody tr').count(), 8);

  await page.setInputFiles('#file-input', join(dir, 'repeats.csv'));
  await imported(page, 'repeats.csv');
  assert.equal(await page.locator('.import-log li').first().innerText(), 'repeats.csv: 1 table and 192 figures imported.');
  assert.match(await page.locator('.import-log li').nth(1).innerText(), /^Built-in sample: set aside, so the assessment uses only your data/);
  assert.equal(await page.locator('table.data-tables tbody tr').count(), 1);
  assert.equal((await inUse.locator('a').innerText()).trim(), 'Your data: 1 file');

  // The assessment holds the user's figures and none of the sample's.
  await page.getByRole('link', { name: 'Assessment' }).click();
  await measureRow(page, 'Victims').waitFor();
  assert.equal(await measureRow(page, 'All crime').count(), 0);
  assert.equal(await measureRow(page, 'Drug offences').count(), 0);

  // A second file joins the first.
  await page.getByRole('link', { name: 'Data', exact: true }).click();
  writeFileSync(join(dir, 'thefts.csv'), 'Area,Year,Thefts\nTunbridge Wells,2014,10\nTunbridge Wells,2015,12\n');
  await page.setInputFiles('#file-input', join(dir, 'thefts.csv'));
  await imported(page, 'thefts.csv');
  assert.equal(await page.locator('table.data-tables tbody tr').count(), 2);
  assert.equal((await inUse.locator('a').innerText()).trim(), 'Your data: 2 files');

  // The sample comes back in place of the user's data, after a confirmation.
  await page.getByRole('button', { name: 'Bring back the sample…' }).click();
  await page.getByRole('button', { name: 'Forget the imported data and bring back the sample' }).click();
  await page.waitForFunction(() => document.querySelectorAll('table.data-tables tbody tr').length === 8, null, { timeout: 30_000 });
  assert.equal((await inUse.locator('a').innerText()).trim(), SAMPLE_LABEL);
  await page.getByRole('link', { name: 'Assessment' }).click();
  assert.equal(await measureRow(page, 'All crime').locator('td.figure').innerText(), '5,040');
  assert.equal(await measureRow(page, 'Repeat victimisation rate').count(), 0);
  await page.context().close();
});

test('a doubtful table is flagged, left out of the assessment, and confirmed by keyboard', async () => {
  const dir = files();
  const page = await openData();
  await page.setInputFiles('#file-input', [join(dir, 'repeats.csv'), join(dir, 'unsure.csv')]);
  await imported(page, 'unsure.csv');
  assert.match(await page.locator('.import-log li').nth(1).innerText(),
    /^unsure\.csv: one table needs checking before it is used in the assessment: see “Check how this was read” in the Data view\.$/);

  // Flagged in the Data view, open, with its reason.
  const section = page.locator('section.check-reading');
  await section.getByRole('heading', { name: 'Check how this was read' }).waitFor();
  const mapping = section.locator('details.mapping.doubtful', { hasText: 'unsure.csv › CSV' });
  assert.equal(await mapping.getAttribute('open'), '');
  assert.match(await mapping.locator('ul.doubts').innerText(), /every figure of “DA” is between 0 and 1 with decimals/);
  const row = page.locator('table.data-tables tbody tr', { hasText: 'unsure.csv' });
  assert.match(await row.innerText(), /Check how this was read$/);

  // Absent from the assessment, and named there.
  await page.getByRole('link', { name: 'Assessment' }).click();
  await measureRow(page, 'Repeat victimisation rate').waitFor();
  assert.equal(await measureRow(page, 'DA').count(), 0);
  const note = page.locator('.left-out');
  assert.match(await note.innerText(), /One table is left out of this assessment until you check how it was read/);
  assert.match(await note.innerText(), /unsure\.csv › CSV \(A1:D97\)/);

  // Confirmed in the mapping step with the keyboard alone: the unit, then the button.
  await page.getByRole('link', { name: 'Data', exact: true }).click();
  const unit = mapping.getByLabel('Unit of column 4 (“DA”)');
  await unit.focus();
  await page.keyboard.press('ArrowDown'); // count
  await page.keyboard.press('ArrowDown'); // proportion
  assert.equal(await unit.locator('option:checked').innerText(), 'Unit: proportion (0.22 = 22%)');
  const confirm = mapping.getByRole('button', { name: 'Confirm mapping and re-import' });
  await confirm.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('table.data-tables tbody tr')]
    .some((r) => r.textContent.includes('unsure.csv') && r.textContent.endsWith('Confirmed by you')), null, { timeout: 60_000 });
  assert.equal(await page.locator('section.check-reading').count(), 0);
  assert.match(await page.locator('table.data-tables tbody tr', { hasText: 'unsure.csv' }).innerText(), /DA \(proportion \(0\.22 = 22%\)\)/);

  // Now in the assessment, as a proportion.
  await page.getByRole('link', { name: 'Assessment' }).click();
  await measureRow(page, 'DA').waitFor();
  assert.equal(await measureRow(page, 'DA').locator('td.figure').innerText(), '22.0%');
  assert.equal(await page.locator('.left-out').count(), 0);

  // The mappings can be exported for cspw.
  await page.getByRole('link', { name: 'Data', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export mappings' }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'csp-workbench-mappings.json');
  await page.context().close();
});

test('a column of proportions is compared in percentage points, never counted', async () => {
  const dir = files();
  const page = await openData();
  await page.setInputFiles('#file-input', join(dir, 'repeats.csv'));
  await imported(page, 'repeats.csv');
  await page.getByRole('link', { name: 'Assessment' }).click();
  await page.getByLabel('Local area').selectOption('Tunbridge Wells');
  await areaShown(page, 'Tunbridge Wells');
  const row = measureRow(page, 'Repeat victimisation rate');
  assert.equal(await row.locator('td.figure').innerText(), '22.0%');
  assert.equal(await row.locator('td.change').innerText(), '+1.0 points');
  const findings = await page.locator('.finding-text').allInnerTexts();
  const mine = findings.filter((f) => f.includes('epeat victimisation rate'));
  assert.ok(mine.some((f) => f.startsWith('Repeat victimisation rate fell from 27.0% to 22.0% in Sep 2016 (5 percentage points on the same period a year earlier).')), mine.join('\n'));
  for (const f of mine) {
    assert.doesNotMatch(f, /victims|12 months to|of repeat victimisation rate in Kent/, f);
  }
  await page.context().close();
});

test('by keyboard: a column made the denominator gives rates, and a sheet with no table is mapped by hand', async () => {
  const dir = scratchDir('cspw-by-hand-');
  // "Residents" is a population the workbench cannot know by its header.
  writeFileSync(join(dir, 'residents.csv'), [
    'District,Year,Residents,Burglary',
    'Ashford,2014,59000,280', 'Ashford,2015,60000,300',
    'Dover,2014,44000,250', 'Dover,2015,45000,270',
  ].join('\n') + '\n');
  // A note and blank rows between the header and the figures: no table is found.
  writeFileSync(join(dir, 'returns.csv'), [
    'Team,Visits 2015/16,Visits 2016/17', ',,', 'Figures are provisional.,,', ',,',
    'Town centre,12,15', 'Rural,9,11', 'Night-time economy,20,18',
  ].join('\n') + '\n');
  const page = await openData();
  await page.setInputFiles('#file-input', [join(dir, 'residents.csv'), join(dir, 'returns.csv')]);
  await imported(page, 'returns.csv');
  assert.match(await page.locator('.import-log li').first().innerText(),
    /^returns\.csv: 0 tables and 0 figures imported\. 1 sheet holds figures but no table was found on it: map it by hand under “Sheets without a table”\.$/);

  // The denominator, set in the mapping step from the keyboard.
  const mapping = page.locator('details.mapping', { hasText: 'residents.csv › CSV' });
  await mapping.locator('summary').focus();
  await page.keyboard.press('Enter');
  const base = mapping.getByLabel('“Residents” is');
  await base.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await base.locator('option:checked').innerText(), 'Population: the denominator of rates per 1,000 people');
  await mapping.getByRole('button', { name: 'Save mapping and re-import' }).focus();
  await page.keyboard.press('Enter');
  const residents = page.locator('table.data-tables tbody tr', { hasText: 'residents.csv' });
  await page.waitForFunction(() => [...document.querySelectorAll('table.data-tables tbody tr')]
    .some((r) => r.textContent.includes('Population (Residents)')), null, { timeout: 60_000 });
  assert.match(await residents.innerText(), /Confirmed by you$/);

  // The sheet with no table, mapped by hand from the keyboard: header row 1,
  // the first column the areas, the others figures whose header names the period.
  const byHand = page.locator('details.by-hand', { hasText: 'returns.csv › CSV' });
  await byHand.locator('summary').focus();
  await page.keyboard.press('Enter');
  assert.equal(await byHand.getByLabel('Header row (sheet row number; the lowest row of the header)').inputValue(), '1');
  assert.equal(await byHand.getByLabel('Role of column 1').locator('option:checked').innerText(), 'Area names');
  for (const column of ['Role of column 2', 'Role of column 3']) {
    const role = byHand.getByLabel(column);
    await role.focus();
    await page.keyboard.press('ArrowUp'); // from "Figures (measure in header)"
    assert.equal(await role.locator('option:checked').innerText(), 'Figures (period in header)');
  }
  await byHand.getByRole('button', { name: 'Map this sheet and re-import' }).focus();
  await page.keyboard.press('Enter');
  const returns = page.locator('table.data-tables tbody tr', { hasText: 'returns.csv' });
  await returns.waitFor({ timeout: 60_000 });
  assert.match(await returns.innerText(), /Visits.*Confirmed by you$/s);
  assert.match(await returns.innerText(), /\t6\t/);
  assert.equal(await page.locator('details.by-hand').count(), 0);

  // The rate per 1,000 comes from the user's denominator: 300 of 60,000.
  await page.getByRole('link', { name: 'Assessment' }).click();
  await page.getByLabel('Local area').selectOption('Ashford');
  await areaShown(page, 'Ashford');
  const burglary = measureRow(page, 'Burglary');
  await burglary.waitFor();
  assert.match(await burglary.locator('td').nth(5).innerText(), /^5\.0\s+\(/);
  assert.equal(await measureRow(page, 'Population (Residents)').count(), 0);
  await page.context().close();
});

test('nothing in the honesty tests logged an error', () => {
  assert.deepEqual(app.errors, []);
  assert.deepEqual(app.blocked, []);
});
