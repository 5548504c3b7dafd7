// End-to-end: where crime happens. The 24 real City of London months in
// ../shared/data/geo/policeuk/ picked as a folder; the Assessment view's
// "Where it happens" shows the concentration finding and figures, equal to a
// tally this test makes from the raw rows, the Lorenz curve with its table by
// keyboard, and crime by IMD decile — whose table is not fetched on the first
// visit. Run after `make build`:
//   node --test --test-concurrency=1 tests/e2e/hotspots.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { imported, startApp, tablesListed } from './harness.mjs';

const DOWNLOAD = new URL('../../../shared/data/geo/policeuk/', import.meta.url).pathname;
const LOOKUP = new URL('../../../shared/data/geo/lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv', import.meta.url).pathname;

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

/** The City of London's 2011 LSOAs from the ONS lookup, and all crime in `year` by LSOA from the raw rows. */
function rawTally(year = '2020') {
  const city = new Set(readFileSync(LOOKUP, 'utf8').split('\n').slice(1)
    .map((l) => l.split(',')).filter((f) => f[6] === 'City of London').map((f) => f[1]));
  const counts = new Map([...city].map((c) => [c, 0]));
  for (const month of readdirSync(DOWNLOAD).filter((m) => m.startsWith(`${year}-`))) {
    for (const name of readdirSync(join(DOWNLOAD, month)).filter((n) => n.endsWith('-street.csv'))) {
      const lines = readFileSync(join(DOWNLOAD, month, name), 'utf8').split(/\r?\n/).slice(1);
      for (const line of lines.filter((l) => l.trim())) {
        // No field before the crime type holds a comma in these files.
        const f = line.split(',');
        if (f[9] !== 'Anti-social behaviour' && counts.has(f[7])) counts.set(f[7], counts.get(f[7]) + 1);
      }
    }
  }
  const sorted = [...counts.values()].sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((s, x) => s + x, 0);
  const gini = sorted.reduce((s, x, i) => s + (2 * (i + 1) - n - 1) * x, 0) / (n * total);
  return { n, total, busiest: sorted[n - 1], gini, counts };
}

test('street files dropped: concentration figures and finding, the Lorenz table by keyboard, crime by deprivation', async () => {
  const raw = rawTally();
  assert.equal(raw.n, 6);
  const context = await app.newContext();
  const page = await app.openIn(context, '#/data');
  await tablesListed(page);
  const fetched = () => app.requestsIn(context).map((u) => new URL(u).pathname);
  assert.ok(!fetched().some((p) => p.endsWith('/geo/imd-deciles.txt')), 'the IMD table is not fetched on the first visit');

  await page.setInputFiles('#folder-input', DOWNLOAD);
  await imported(page, 'policeuk', 90_000);
  await page.getByRole('link', { name: 'Assessment' }).click();
  await page.getByLabel('Local area').selectOption('City of London');
  await page.waitForFunction(() => document.querySelector('.lede')?.textContent.startsWith('City of London'));

  const section = page.locator('section.hotspots');
  await section.getByRole('heading', { name: 'Where it happens' }).waitFor({ timeout: 30_000 });
  const share = (x) => `${Math.round((100 * x) / raw.total)}%`;
  const finding = await section.locator('.finding-text').first().innerText();
  assert.equal(
    finding.split('.')[0] + '.',
    `${share(raw.busiest)} of crime (excluding anti-social behaviour) in City of London in 2020 happened in 17% of its neighbourhoods (1 of 6 LSOAs): City of London 001F.`,
  );
  assert.match(finding, new RegExp(`The Gini coefficient is ${raw.gini.toFixed(2)}\\.`));
  // The busiest shares: with six LSOAs the busiest 10% is one LSOA.
  const ten = section.locator('table tr', { hasText: 'Busiest 10%' });
  assert.deepEqual(await ten.locator('td').allInnerTexts(),
    ['Busiest 10%', '1 of 6', raw.busiest.toLocaleString('en-GB'), `${(Math.round((1000 * raw.busiest) / raw.total) / 10).toString()}%`]);
  // The finding also stands among the assessment's findings for all crime.
  assert.ok(await page.locator('#findings-heading ~ * .finding-text', { hasText: 'of its neighbourhoods (1 of 6 LSOAs)' }).count() > 0);

  // The Lorenz curve: drawn, described, and its table shown from the keyboard.
  const lorenz = section.locator('[data-chart="lorenz"]');
  await lorenz.locator('canvas').first().waitFor({ timeout: 20_000 });
  assert.match(await lorenz.getAttribute('aria-label'), /Lorenz curve of crime \(excluding anti-social behaviour\) in 2020 across City of London's 6 neighbourhoods/);
  const figure = section.locator('figure', { has: page.locator('[data-chart="lorenz"]') });
  const toggle = figure.getByRole('button', { name: 'Show as table' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  const rows = figure.locator('tbody tr');
  assert.equal(await rows.count(), 6);
  assert.deepEqual((await rows.last().locator('td').allInnerTexts()).slice(0, 2), ['100.0%', '100.0%']);

  // Crime by deprivation: the IMD table fetched only now.
  const deprivation = section.locator('[data-chart="deprivation"]');
  await deprivation.waitFor({ timeout: 30_000 });
  assert.ok(fetched().some((p) => p.endsWith('/geo/imd-deciles.txt')), 'the IMD table was fetched once street records were there');
  assert.match(await section.innerText(), /None of City of London's neighbourhoods is among England's most deprived fifth/);

  // The neighbourhood map of the City's six LSOAs, 2019 chosen: each area's
  // records equal to the raw rows of 2019, its fill its class's legend swatch.
  const hoods = page.locator('section.neighbourhoods');
  await hoods.locator('.map svg').waitFor({ timeout: 30_000 });
  await page.selectOption('#neighbourhood-period-select', { label: '2019' });
  await page.waitForFunction(() => document.querySelector('.neighbourhoods .map svg title')?.textContent.endsWith('City of London, 2019'));
  await hoods.getByRole('button', { name: 'Show as table' }).click();
  const raw2019 = rawTally('2019');
  const hoodRows = await hoods.locator('table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  const hoodAreas = await hoods.locator('.map-area').evaluateAll((paths) =>
    paths.map((p) => ({ code: p.getAttribute('data-code'), cls: p.getAttribute('data-class'), fill: p.getAttribute('fill') })));
  const swatches = await hoods.locator('.map-legend rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('fill')));
  assert.equal(hoodRows.length, 6);
  for (const [i, [name, code, records]] of hoodRows.entries()) {
    assert.equal(hoodAreas[i].code, code);
    assert.equal(Number(records.replace(/,/g, '')), raw2019.counts.get(code), `${name} (${code})`);
    assert.equal(hoodAreas[i].fill, swatches[Number(hoodAreas[i].cls)], `${name}'s fill`);
  }

  // Another crime, chosen from the keyboard.
  await page.locator('#hotspots-crime').focus();
  await page.locator('#hotspots-crime').selectOption('Burglary');
  await page.waitForFunction(() => document.querySelector('section.hotspots .finding-text')?.textContent.includes('of burglary in City of London'));
  assert.deepEqual(app.errors, []);
  assert.deepEqual(app.blocked, []);
  assert.deepEqual(app.cspViolations, []);
  await context.close();
});
