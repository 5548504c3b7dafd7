// End-to-end: a workbook of a thousand measures keeps the page responsive. The
// worker's figures are read a slice at a time, the assessment is worked in
// slices with the page handling input between them, folded editors are built
// when unfolded and long lists show a page at a time. The bounds here catch the
// freezes the issue saw coming back; issue 17's 200 ms is `make bench`'s to
// measure (section C, with 10,000 measures too).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir, startApp } from './harness.mjs';
import { manySheets, wideCsv } from './scale-inputs.mjs';

/** Watches the page's long tasks from now on; `longest()` reads the longest. */
async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.longestTask = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longestTask = Math.max(window.longestTask, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  return () => page.evaluate(() => window.longestTask);
}

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

// The Assessment view is drawn a few parts a task (src/ui/turns.rs), and marks
// its figures busy until every part has the newest assessment: the waits below
// are on that state, so every task of the drawing falls inside the watch.
const settled = (page) => page.waitForFunction(
  () => document.querySelector('.figures') && !document.querySelector('.figures[aria-busy]'),
  null,
  { timeout: 120_000 },
);

// The issue measured one task of 33 s here. Timings are the benchmark's to
// judge (make bench, section C, holds this case to issue 17's 200 ms; on a
// quiet machine this test sees about 100 ms): the bound below catches the
// freeze coming back with room for a busy machine, as the 500-sheet test does.
test('a thousand measures: the assessment arrives, lists show a page at a time, and the page answers', async (t) => {
  const page = await app.openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  const longestTask = await watchLongTasks(page);
  const file = join(scratchDir('cspw-scale-'), 'thousand-measures.csv');
  writeFileSync(file, wideCsv(1000));
  await page.setInputFiles('#file-input', file);
  await page.waitForFunction(
    () => document.querySelector('.import-log li')?.textContent.includes('thousand-measures.csv'),
    null,
    { timeout: 60_000 },
  );
  // By its address rather than its role: Playwright's role query runs on the
  // page's main thread, and its own time would count among the page's tasks.
  await page.locator('a[href="#/assessment"]').first().click();
  await page.waitForFunction(
    () => [...document.querySelectorAll('table.assessment th[scope=row]')].some((th) => th.textContent === 'Thefts 999')
      || document.querySelector('.show-more')?.textContent.includes('of 1,000 measures'),
    null,
    { timeout: 120_000 },
  );
  await settled(page);
  const rows = page.locator('table.assessment tbody tr');
  assert.equal(await rows.count(), 50);
  const more = page.locator('.show-more').first();
  assert.match(await more.innerText(), /Showing 50 of 1,000 measures\./);
  await more.getByRole('button', { name: 'Show 50 more measures' }).press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('table.assessment tbody tr').length === 100);
  assert.match(await more.innerText(), /Showing 100 of 1,000 measures\./);

  // The page answers while an option change recomputes all thousand measures,
  // and every task until the new figures are all drawn is watched.
  const compared = () => page.locator('table.assessment tbody tr').first().locator('td').nth(2).innerText();
  const previously = await compared();
  const before = await page.evaluate(() => performance.now());
  await page.locator('#comparison-select').selectOption('2');
  const answered = await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(performance.now()))));
  t.diagnostic(`first frame after an option change: ${Math.round(answered - before)} ms`);
  await settled(page);
  // Compared with two years earlier now: 2014/15 rather than 2015/16.
  assert.notEqual(await compared(), previously);
  assert.match(await compared(), /2014\/15/);
  const findings = page.locator('section.measure-findings');
  assert.equal(await findings.count(), 50);
  const longest = await longestTask();
  t.diagnostic(`longest main-thread task seen: ${Math.round(longest)} ms`);
  assert.ok(longest < 1000, `a main-thread task took ${Math.round(longest)} ms with 1,000 measures (issue 17: the benchmark's target is 200 ms)`);

  // The district chart's measure, one of 1,000: a box that narrows the list as
  // one types (ui::name_chooser), not a <select> of 1,000 options; by keyboard alone.
  const chooser = page.locator('#measure-select');
  assert.equal(await chooser.getAttribute('role'), 'combobox');
  assert.equal(await chooser.getAttribute('aria-expanded'), 'false');
  assert.match(await page.locator('#measure-select-hint').innerText(), /^1,000 measures: type part of a name/);
  await chooser.focus();
  await chooser.press('ArrowDown');
  assert.equal(await chooser.getAttribute('aria-expanded'), 'true');
  assert.match(await page.locator('#measure-select-hint').innerText(), /^50 of 1,000 matching measures listed/);
  await chooser.fill('thefts 99');
  const options = page.locator('#measure-select-list [role=option]');
  // Every word must appear: 19 names hold "99"; "Thefts 99" and "Thefts 990" to
  // "Thefts 999" begin with what was typed, so come first; the first is active.
  await page.waitForFunction(() => document.querySelectorAll('#measure-select-list [role=option]').length === 19);
  assert.match(await page.locator('#measure-select-hint').innerText(), /^19 matching measures: /);
  assert.equal(await options.first().innerText(), 'Thefts 99');
  assert.equal(await options.nth(10).innerText(), 'Thefts 999');
  assert.equal(await options.nth(11).innerText(), 'Thefts 199');
  assert.equal(await chooser.getAttribute('aria-activedescendant'), 'measure-select-list-0');
  await chooser.press('ArrowDown');
  await chooser.press('ArrowDown');
  assert.equal(await chooser.getAttribute('aria-activedescendant'), 'measure-select-list-2');
  assert.equal(await options.nth(2).getAttribute('aria-selected'), 'true');
  const wanted = await options.nth(2).innerText();
  await chooser.press('Enter');
  assert.equal(await chooser.getAttribute('aria-expanded'), 'false');
  assert.equal(await chooser.inputValue(), wanted);
  await page.waitForFunction((name) => document.querySelector('[data-chart="district-comparison"]')?.closest('figure')?.outerHTML.includes(name), wanted, { timeout: 30_000 });
  // Escape closes the list and puts back the name chosen.
  await chooser.fill('thefts 12');
  assert.equal(await chooser.getAttribute('aria-expanded'), 'true');
  await chooser.press('Escape');
  assert.equal(await chooser.getAttribute('aria-expanded'), 'false');
  assert.equal(await chooser.inputValue(), wanted);
  assert.deepEqual(app.blocked, []);
  assert.deepEqual(app.errors, []);
});

test('five hundred sheets: every table listed, the assessment drawn, and no long freeze', async (t) => {
  const page = await app.openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  const longestTask = await watchLongTasks(page);
  await page.setInputFiles('#file-input', { name: 'five-hundred-sheets.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: manySheets(500) });
  await page.waitForFunction(
    () => document.querySelector('.import-log li')?.textContent.startsWith('five-hundred-sheets.xlsx'),
    null,
    { timeout: 60_000 },
  );
  assert.match(await page.locator('.import-log li').first().innerText(), /^five-hundred-sheets\.xlsx: 500 tables and 19,500 figures imported\./);
  await page.waitForFunction(() => document.querySelectorAll('table.data-tables tbody tr').length === 500);
  // Each table's mapping is a folded editor, built when unfolded.
  assert.equal(await page.locator('details.mapping').count(), 500);
  assert.equal(await page.locator('details.mapping select').count(), 0);
  await page.locator('a[href="#/assessment"]').first().click();
  await page.waitForFunction(
    () => document.querySelector('.show-more')?.textContent.includes('of 500 measures'),
    null,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(500);
  const longest = await longestTask();
  t.diagnostic(`longest main-thread task seen: ${Math.round(longest)} ms`);
  // The issue measured 9 s here; the bound catches that coming back with room
  // for a busy machine. (The longest task is about 300–700 ms: the Data view's
  // 500 rows and the assessment's first slice, not yet under issue 17's 200 ms.)
  assert.ok(longest < 2000, `a main-thread task took ${Math.round(longest)} ms with 500 sheets`);
  assert.deepEqual(app.blocked, []);
  assert.deepEqual(app.errors, []);
});
