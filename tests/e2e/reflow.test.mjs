// End-to-end: readable on any screen (WCAG 2.2, 1.4.10 Reflow). Every view, with
// the sample and then with a real file, at 320, 390, 768 and 1366 CSS px: the page
// never scrolls sideways, wide tables scroll inside their own labelled,
// keyboard-focusable region with the first column kept in view, and charts fit.
// One page throughout; only the viewport changes. Screenshots for a person to
// look at go to $REFLOW_SHOTS when it is set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startApp, imported, REAL } from './harness.mjs';

const WIDTHS = [320, 390, 768, 1366];
const REAL_FILE = 'police-use-of-force-apr2017-mar2018-hosb3018-tables.ods';
const SHOTS = process.env.REFLOW_SHOTS;

let app;
let page;

before(async () => {
  app = await startApp();
  page = await app.openPage('#/assessment', { viewport: { width: 1366, height: 900 } });
  await page.locator('table.assessment').waitFor({ timeout: 60_000 });
});

after(async () => {
  await app?.close();
});

/** Two frames after a change, so layout, resize observers and charts have run. */
async function settle() {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * What sticks out sideways in `root` (the document, or a scrolling dialog): the
 * outermost elements past its right edge (a left-to-right page never scrolls to the left) that are not inside a region that
 * scrolls on its own, named so a failure says where to look.
 */
function overflowIn(rootSelector) {
  return page.evaluate((selector) => {
    const root = selector ? document.querySelector(selector) : document.scrollingElement;
    const box = selector ? root.getBoundingClientRect() : { left: 0, right: document.documentElement.clientWidth };
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
    const scrollsAlone = (el) => el.closest('.wide-table, [role="region"]') && el.closest('.wide-table, [role="region"]') !== el;
    const out = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > box.right + 0.5;
    };
    const offenders = [];
    for (const el of (selector ? root : document.body).querySelectorAll('*')) {
      if (!out(el) || scrollsAlone(el)) continue;
      if (el.parentElement && out(el.parentElement) && !scrollsAlone(el.parentElement)) continue;
      const r = el.getBoundingClientRect();
      offenders.push(`${name(el)} (${Math.round(r.left)}–${Math.round(r.right)} px)`);
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, offenders: offenders.slice(0, 8) };
  }, rootSelector);
}

async function assertNoSidewaysScroll(label, rootSelector = null) {
  const { scrollWidth, clientWidth, offenders } = await overflowIn(rootSelector);
  assert.ok(
    scrollWidth <= clientWidth,
    `${label}: ${rootSelector ?? 'the page'} is ${scrollWidth} px wide in ${clientWidth} px; sticking out: ${offenders.join(', ') || 'nothing named'}`,
  );
}

/** Every table shown sits in a focusable region named by text, with its first column kept in view. */
async function assertTablesInRegions(label, rootSelector = 'body') {
  const problems = await page.evaluate((selector) => {
    const found = [];
    for (const table of document.querySelector(selector).querySelectorAll('table')) {
      if (!table.getClientRects().length) continue; // hidden (a closed details, a table not shown)
      const where = table.querySelector('caption')?.textContent.trim() || table.className || 'a table';
      const region = table.parentElement;
      if (region?.getAttribute('role') !== 'region') { found.push(`${where}: not in a region`); continue; }
      if (region.getAttribute('tabindex') !== '0') found.push(`${where}: its region cannot be focused`);
      const names = (region.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent.trim() ?? '');
      if (!names.join('')) found.push(`${where}: its region has no name`);
      const first = table.querySelector('tbody tr > :first-child');
      if (first && getComputedStyle(first).position !== 'sticky') found.push(`${where}: the first column scrolls away`);
    }
    return found;
  }, rootSelector);
  assert.deepEqual(problems, [], `${label}: ${problems.join('; ')}`);
}

/** Every chart drawn fits its container at this width. */
async function assertChartsFit(label) {
  const wide = await page.evaluate(() => [...document.querySelectorAll('.chart')]
    .filter((c) => c.getClientRects().length && c.querySelector('canvas'))
    .map((c) => ({ id: c.dataset.chart, box: c.clientWidth, drawn: c.querySelector('canvas').getBoundingClientRect().width }))
    .filter((c) => c.drawn > c.box + 1));
  assert.deepEqual(wide, [], `${label}: charts drawn wider than their box`);
}

async function atEveryWidth(label, check) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await settle();
    await check(`${label} at ${width} px`);
    if (SHOTS && (width === 320 || width === 1366)) {
      await page.screenshot({ path: join(SHOTS, `${label.replace(/\W+/g, '-')}-${width}.png`) });
    }
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function go(hash, ready) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
  await settle();
}

/** Opens every chart's table, so those tables are checked too. */
async function showChartTables() {
  // Each pressed button becomes "Hide table", so the first left is always the next.
  const next = page.getByRole('button', { name: 'Show as table' });
  while (await next.count()) await next.first().click();
}

async function checkEveryView(data) {
  await go('#/data', 'table.data-tables');
  // The confirmation in the Data view, open while measured.
  await page.getByRole('button', { name: 'Bring back the sample…' }).click();
  await atEveryWidth(`${data}, Data`, async (label) => {
    await assertNoSidewaysScroll(label);
    await assertTablesInRegions(label, 'main');
  });
  await page.getByRole('button', { name: 'Keep it' }).click();

  await go('#/assessment', 'h1');
  await showChartTables();
  await atEveryWidth(`${data}, Assessment`, async (label) => {
    await assertNoSidewaysScroll(label);
    await assertTablesInRegions(label, 'main');
    await assertChartsFit(label);
  });

  await go('#/plan', 'h1');
  await atEveryWidth(`${data}, Plan`, async (label) => {
    await assertNoSidewaysScroll(label);
    await assertTablesInRegions(label, 'main');
  });

  await go('#/board', 'h1');
  await showChartTables();
  await atEveryWidth(`${data}, Board`, async (label) => {
    await assertNoSidewaysScroll(label);
    await assertTablesInRegions(label, 'main');
    await assertChartsFit(label);
  });

  const present = page.getByRole('button', { name: 'Present' });
  if (await present.count()) {
    await present.click();
    await page.locator('.present').waitFor();
    // The summary slide, then the first priority with its charts.
    for (const slide of ['summary', 'first priority']) {
      await atEveryWidth(`${data}, present mode, ${slide}`, async (label) => {
        await assertNoSidewaysScroll(label);
        await assertNoSidewaysScroll(label, '.present');
        await assertTablesInRegions(label, '.present');
        await assertChartsFit(label);
      });
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Escape');
    await page.locator('.present').waitFor({ state: 'detached' });
  }
}

test('no view scrolls sideways at 320, 390, 768 or 1366 px, with the sample and with a real file', async () => {
  // A draft, so the Plan view has its priorities, text boxes and action tables.
  await go('#/plan', 'h1');
  await page.getByRole('button', { name: 'New draft from the assessment' }).click();
  await page.locator('#plan-introduction').waitFor();
  await page.getByRole('button', { name: 'Add an action' }).first().click();
  await checkEveryView('sample');

  await go('#/data', '#file-input');
  await page.setInputFiles('#file-input', join(REAL, REAL_FILE));
  await imported(page, REAL_FILE);
  await checkEveryView(REAL_FILE);
  assert.deepEqual(app.errors, []);
  assert.deepEqual(app.blocked, []);
  assert.deepEqual(app.cspViolations, []);
});

test('the measures table keeps its first column in view and its markers open from the keyboard', async () => {
  // The sample again (the previous test loaded a real file).
  await go('#/data', 'h1');
  const bringBack = page.getByRole('button', { name: 'Bring back the sample…' });
  if (await bringBack.count()) {
    await bringBack.click();
    await page.getByRole('button', { name: 'Forget the imported data and bring back the sample' }).click();
  }
  await go('#/assessment', 'table.assessment');
  await page.setViewportSize({ width: 320, height: 900 });
  await settle();

  const region = page.getByRole('region', { name: /every measure, its change, rate and comparisons/ });
  assert.ok(await region.evaluate((r) => r.scrollWidth > r.clientWidth), 'at 320 px the measures table scrolls in its region');
  // Scrolled to its far end, the measure names are still at the region's left edge.
  const kept = await region.evaluate((r) => {
    r.scrollLeft = r.scrollWidth;
    const cell = r.querySelector('tbody th[scope="row"]');
    return { cell: cell.getBoundingClientRect().left, region: r.getBoundingClientRect().left, scrolled: r.scrollLeft };
  });
  assert.ok(kept.scrolled > 0);
  assert.ok(Math.abs(kept.cell - kept.region) <= 2, `the first column moved to ${kept.cell} px (region at ${kept.region} px)`);

  // The key says what the markers mean, once.
  assert.match(await page.locator('.marker-key').innerText(), /▲ significant rise · ▼ significant fall · ○ within normal variation · – not tested/);

  // From the region, Tab reaches the first marker; Enter opens its sentence.
  await region.evaluate((r) => { r.scrollLeft = 0; });
  await region.focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => ({
    tag: document.activeElement.tagName,
    words: document.activeElement.querySelector('.visually-hidden')?.textContent,
    symbolHidden: document.activeElement.querySelector('.marker-symbol')?.getAttribute('aria-hidden'),
  }));
  assert.equal(focused.tag, 'SUMMARY');
  assert.match(focused.words, /^(significant rise|significant fall|within normal variation|not tested)(, worse|, better)?$/);
  assert.equal(focused.symbolHidden, 'true');
  await page.keyboard.press('Enter');
  const sentence = page.locator('td.significance details[open] .marker-sentence').first();
  await sentence.waitFor();
  assert.match(await sentence.innerText(), /normal variation|^Not tested: /);
  // Opened, the cell still keeps the page from scrolling sideways.
  await assertNoSidewaysScroll('an opened marker at 320 px');

  // Violent crime's rise is significant: its marker says so, and its sentence names the test.
  const violent = page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: 'Violent crime', exact: true }) });
  assert.equal(await violent.locator('td.significance .visually-hidden').textContent(), 'significant rise, worse');
  assert.equal(await violent.locator('td.significance .marker-symbol').textContent(), '▲');
  assert.equal(
    await violent.locator('.marker-sentence').textContent(),
    'The rise is more than normal variation (p < 0.001): exact conditional test for two Poisson counts. Higher is worse for this measure, so it has worsened.',
  );
  await page.setViewportSize({ width: 1366, height: 900 });
});
