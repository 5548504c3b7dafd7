// End-to-end: a workbook of a thousand measures keeps the page responsive. The
// assessment is worked in slices with the page handling input between them, and
// long lists show a page at a time. (How long the longest task takes is
// measured by `make bench`, not asserted here.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from './harness.mjs';

const DISTRICTS = [
  'Ashford', 'Canterbury', 'Dartford', 'Dover', 'Gravesham', 'Maidstone', 'Sevenoaks',
  'Shepway', 'Swale', 'Thanet', 'Tonbridge and Malling', 'Tunbridge Wells', 'Kent',
];

/** Areas down, three financial years, `measures` count columns across. */
export function wideCsv(measures) {
  const header = ['Area', 'Year', ...Array.from({ length: measures }, (_, i) => `Thefts ${i}`)];
  const lines = [header.join(',')];
  let seed = 7;
  const next = () => { seed = (seed * 48271) % 2147483647; return 1 + (seed % 500); };
  for (const area of DISTRICTS) {
    for (const year of ['2014/15', '2015/16', '2016/17']) {
      lines.push([area, year, ...Array.from({ length: measures }, next)].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('a thousand measures: the assessment arrives, lists show a page at a time, and the page answers', async (t) => {
  const page = await app.openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  await page.evaluate(() => {
    window.longestTask = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longestTask = Math.max(window.longestTask, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const file = join(mkdtempSync(join(tmpdir(), 'cspw-scale-')), 'thousand-measures.csv');
  writeFileSync(file, wideCsv(1000));
  await page.setInputFiles('#file-input', file);
  await page.waitForFunction(
    () => document.querySelector('.import-log li')?.textContent.includes('thousand-measures.csv'),
    null,
    { timeout: 60_000 },
  );
  await page.getByRole('link', { name: 'Assessment' }).first().click();
  await page.waitForFunction(
    () => [...document.querySelectorAll('table.assessment th[scope=row]')].some((th) => th.textContent === 'Thefts 999')
      || document.querySelector('.show-more')?.textContent.includes('of 1,000 measures'),
    null,
    { timeout: 120_000 },
  );
  const rows = page.locator('table.assessment tbody tr');
  assert.equal(await rows.count(), 50);
  const more = page.locator('.show-more').first();
  assert.match(await more.innerText(), /Showing 50 of 1,000 measures\./);
  await more.getByRole('button', { name: 'Show 50 more measures' }).press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('table.assessment tbody tr').length === 100);
  assert.match(await more.innerText(), /Showing 100 of 1,000 measures\./);

  // The page answers while an option change recomputes all thousand measures.
  const select = page.locator('#comparison-select');
  if (await select.count()) {
    const before = await page.evaluate(() => performance.now());
    await select.selectOption({ index: 1 });
    const answered = await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(performance.now()))));
    t.diagnostic(`first frame after an option change: ${Math.round(answered - before)} ms`);
  }
  const findings = page.locator('section.measure-findings');
  assert.equal(await findings.count(), 50);
  t.diagnostic(`longest main-thread task seen: ${Math.round(await page.evaluate(() => window.longestTask))} ms`);
  assert.deepEqual(app.blocked, []);
  assert.deepEqual(app.errors, []);
});
