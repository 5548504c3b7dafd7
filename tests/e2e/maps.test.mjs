// End-to-end: the maps (issue 14). The first visit fetches no boundary file;
// choosing "Map" under "Compared with other districts" fetches the districts'
// boundaries once and draws Kent's districts, each coloured by the class its
// table row states, the figures equal to the sample's own (published) figures;
// the keyboard reaches an area and hears its name and figure. Run after `make build`:
//   node --test --test-concurrency=1 tests/e2e/maps.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

/** "1,234.5" or "−1.2" as a number. */
const num = (text) => Number(text.replace(/,/g, '').replace('−', '-').replace('%', '').replace('+', ''));

/** Whether a shown value lies in a class as its label states it ("1.21 to under 1.33"). */
function inClass(value, label) {
  let m;
  if ((m = label.match(/^under (.+)$/))) return value < num(m[1]);
  if ((m = label.match(/^(.+) to under (.+)$/))) return value >= num(m[1]) && value < num(m[2]);
  if ((m = label.match(/^(.+) and over$/))) return value >= num(m[1]);
  return label === 'all areas';
}

test('district map: fetched on demand, coloured by its table, reached by keyboard', async () => {
  const page = await app.openPage();
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.locator('[data-chart="district-comparison"] canvas').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  assert.ok(!requests.some((p) => p.includes('/maps/')), `a map file was fetched on the first visit: ${requests.filter((p) => p.includes('/maps/'))}`);

  await page.selectOption('#measure-select', 'Drug offences');
  await page.selectOption('#district-view-select', 'map');
  const map = page.locator('.map svg');
  await map.waitFor({ timeout: 30_000 });
  assert.equal(requests.filter((p) => p.endsWith('/maps/districts.txt')).length, 1, 'the boundaries were fetched once');

  // Every area: its class and label agree with its table row (same order).
  await page.getByRole('button', { name: 'Show as table' }).click();
  const rows = await page.locator('.map-figure table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  const areas = await page.locator('.map .map-area').evaluateAll((paths) =>
    paths.map((p) => ({ label: p.getAttribute('aria-label'), cls: p.getAttribute('data-class'), fill: p.getAttribute('fill') })));
  const legend = await page.locator('.map .map-legend text').allTextContents();
  assert.equal(areas.length, 12, 'Kent has twelve districts');
  assert.equal(rows.length, 12);
  for (const [i, row] of rows.entries()) {
    const [name, count, rate, cls] = row;
    assert.ok(areas[i].label.startsWith(`${name}: ${rate} per 1,000 (${cls})`), `${areas[i].label} / ${row}`);
    assert.ok(inClass(num(rate), cls), `${name}: ${rate} is not in ${cls}`);
    // The legend's n-th class (after its title) is the area's class.
    assert.equal(legend[1 + Number(areas[i].cls)], cls);
    assert.ok(num(count) > 0);
  }
  // The sample's published figure: Tunbridge Wells, 212 drug offences, 1.8 per 1,000, 11th of 12.
  const tw = rows.findIndex((r) => r[0] === 'Tunbridge Wells');
  assert.equal(tw, 10);
  assert.equal(rows[tw][1], '212');
  assert.equal(num(rows[tw][2]).toFixed(1), '1.8');
  assert.ok(await page.locator('.map .map-outline').count() === 1, 'the local area is outlined');

  // Keyboard: Tab from the last control lands on the map; arrows move area to area.
  await page.locator('#map-value-select').focus();
  await page.keyboard.press('Tab');
  let focused = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.ok(focused.startsWith(`${rows[0][0]}: `), focused);
  for (let i = 0; i < tw; i += 1) await page.keyboard.press('ArrowRight');
  focused = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.ok(focused.startsWith(`Tunbridge Wells: ${rows[tw][2]} per 1,000`), focused);
  assert.match(await page.locator('.map-readout').innerText(), /^Tunbridge Wells: 1\.8\d per 1,000/);
  await page.keyboard.press('End');
  focused = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.ok(focused.startsWith(`${rows[11][0]}: `), focused);

  // Change on the previous year: All crime, 4,998 → 5,040 (+0.8%) in Tunbridge Wells, diverging colours.
  await page.selectOption('#measure-select', 'All crime');
  await page.selectOption('#map-value-select', 'change');
  await page.waitForFunction(() => document.querySelector('.map svg')?.textContent.includes('Change on'));
  const change = await page.locator('.map-figure table tbody tr', { hasText: 'Tunbridge Wells' }).locator('td').allTextContents();
  assert.deepEqual(change.slice(1, 4), ['4,998', '5,040', '+0.8%']);
  assert.equal(requests.filter((p) => p.endsWith('/maps/districts.txt')).length, 1, 'the boundaries were kept');

  // PNG and SVG downloads of the map.
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /as SVG$/ }).last().click(),
  ]);
  assert.match(svgDownload.suggestedFilename(), /^district-map-.*\.svg$/);
  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /as PNG$/ }).last().click(),
  ]);
  assert.match(pngDownload.suggestedFilename(), /\.png$/);
  assert.deepEqual(app.errors, []);
  assert.deepEqual(app.blocked, []);
});
