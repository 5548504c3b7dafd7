// End-to-end (issue 12): a workbook laid out the ways district analysts lay
// them out — a merged two-level header whose group row carries the row
// labels' headers, years stored as numbers, "Measure | Q1 | Q2 | Q3" with the
// year in the sheet's name, areas across the top, and a one-row-per-arrest
// list, and a proportion beside counts — written here with SheetJS, dropped
// on the Data view, and read with the right measures, periods, layouts and
// units, giving the right figures in the Assessment. Run after `make build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { areaShown, startApp } from './harness.mjs';

const require = createRequire(import.meta.url);
const XLSX = require('xlsx');

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

/** The workbook, as bytes, and the figures it holds that the test checks. */
function layoutsWorkbook() {
  const book = XLSX.utils.book_new();
  // 1. Two measures over years stored as numbers; "District" and the
  //    population base sit on the group row with blanks beneath them.
  const crime = XLSX.utils.aoa_to_sheet([
    ['Community safety indicators, Kent districts'],
    ['Source: Kent Police recorded crime'],
    [],
    ['District', 'Population (mid-2015)', 'Theft from the person', null, 'Criminal damage', null],
    [null, null, 2014, 2015, 2014, 2015],
    ['Ashford', 126000, 210, 231, 1290, 1244],
    ['Dover', 112000, 144, 150, 1102, 1180],
    ['Tunbridge Wells', 116000, 188, 176, 990, 1012],
    ['Kent', 1510000, 2400, 2512, 14800, 15030],
  ]);
  crime['!merges'] = [
    { s: { r: 3, c: 2 }, e: { r: 3, c: 3 } },
    { s: { r: 3, c: 4 }, e: { r: 3, c: 5 } },
  ];
  XLSX.utils.book_append_sheet(book, crime, 'Crime');
  // 2. Measures down, bare quarters across; the year is the sheet's name.
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([
    ['Measure', 'Q1', 'Q2', 'Q3'],
    ['Hate crime', 31, 28, 35],
    ['Shoplifting', 402, 388, 415],
  ]), 'Quarterly 2015-16');
  // 3. Areas across the top, the period in the title.
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([
    ['Recorded crime by district, 2015/16'],
    [],
    ['Offence', 'Ashford', 'Dover', 'Tunbridge Wells'],
    ['Vehicle crime', 520, 410, 388],
    ['Public order offences', 300, 280, 251],
  ]), 'By district');
  // 4. One row per arrest: an ID, a date, an offence and a district.
  const offences = ['Theft', 'Assault', 'Drugs possession'];
  const arrests = [['Arrest ID', 'Date of arrest', 'Offence', 'District']];
  for (let i = 0; i < 24; i++) {
    arrests.push([`A${1000 + i}`, new Date(Date.UTC(2015, 3 + (i % 3), 2 + i)), offences[i % 3], ['Ashford', 'Dover'][i % 2]]);
  }
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(arrests, { cellDates: true }), 'Arrests');
  // 5. Measures across with a year column: victims beside the share of them
  //    who were repeat victims, written as a proportion (0.22).
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([
    ['District', 'Year', 'Victims', 'Proportion of repeat victims'],
    ['Ashford', 2014, 400, 0.25], ['Ashford', 2015, 420, 0.22],
    ['Dover', 2014, 350, 0.27], ['Dover', 2015, 330, 0.24],
    ['Tunbridge Wells', 2014, 300, 0.2], ['Tunbridge Wells', 2015, 310, 0.21],
  ]), 'Repeat victims');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' });
}

test('a workbook of real-world layouts is read with the right measures, periods and layouts', async () => {
  const page = await app.openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor({ timeout: 30_000 });

  const bytes = [...layoutsWorkbook()];
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'layouts.xlsx'));
    document.querySelector('.drop-zone').dispatchEvent(
      new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
  }, bytes);
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('layouts.xlsx'),
    null, { timeout: 60_000 });
  assert.match(await page.locator('.import-log li').first().innerText(), /^layouts\.xlsx: 5 tables and \d+ figures imported\.$/);

  const row = (sheet) => page.locator('table.data-tables tbody tr', { has: page.getByRole('rowheader', { name: sheet, exact: true }) })
    .filter({ hasText: 'layouts.xlsx' });
  // Every measure of the two-level header kept apart, none named after the title.
  const crime = await row('Crime').innerText();
  assert.match(crime, /wide \(periods across\)/);
  assert.match(crime, /Criminal damage/);
  assert.match(crime, /Theft from the person/);
  assert.doesNotMatch(crime, /Community safety indicators/);
  // "Measure | Q1 | Q2 | Q3" keeps its measure names.
  const quarterly = await row('Quarterly 2015-16').innerText();
  assert.match(quarterly, /Hate crime, Shoplifting/);
  // Areas across are areas; the arrests are counted.
  assert.match(await row('By district').innerText(), /wide \(areas across\)[\s\S]*Public order offences, Vehicle crime/);
  assert.match(await row('Arrests').innerText(), /records[\s\S]*Arrests, Arrests by offence/);
  // The proportion is shown with its unit, the victims as a count.
  assert.match(await row('Repeat victims').innerText(), /Proportion of repeat victims \(proportion \(0\.22 = 22%\)\)/);

  // The mapping step shows the periods each column was read as: years stored
  // as numbers under their measure, quarters within the sheet's year.
  const mapping = page.locator('details.mapping', { hasText: 'layouts.xlsx › Crime' });
  await mapping.locator('summary').click();
  await mapping.getByLabel('Role of column 4 (“Theft from the person · 2015”)').waitFor();
  await mapping.getByLabel('Role of column 6 (“Criminal damage · 2015”)').waitFor();

  // The figures reach the assessment under their own names.
  await page.getByRole('link', { name: 'Assessment' }).click();
  await page.getByLabel('Local area').selectOption('Dover');
  await areaShown(page, 'Dover');
  await page.locator('table.assessment').getByRole('rowheader', { name: 'Criminal damage', exact: true }).waitFor();
  await page.locator('table.assessment').getByRole('rowheader', { name: 'Vehicle crime', exact: true }).waitFor();
  // The right figures and changes: counts compared in per cent, the share in
  // percentage points, never summed or counted.
  const measureRow = (name) => page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name, exact: true }) });
  assert.equal(await measureRow('Criminal damage').locator('td.figure').innerText(), '1,180');
  assert.equal(await measureRow('Criminal damage').locator('td.change').innerText(), '+7.1% (+78)');
  assert.equal(await measureRow('Proportion of repeat victims').locator('td.figure').innerText(), '24.0%');
  assert.equal(await measureRow('Proportion of repeat victims').locator('td.change').innerText(), '−3.0 points');
  const findings = (await page.locator('.finding-text').allInnerTexts()).filter((f) => f.includes('repeat victims'));
  for (const f of findings) assert.doesNotMatch(f, /12 months to|victims of Proportion/, f);
  assert.deepEqual(app.errors, []);
  await page.context().close();
});
