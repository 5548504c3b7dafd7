// End-to-end: the built dist/ served by a plain static server on 127.0.0.1,
// driven in Debian's Chromium. Run with `make e2e` (after `make build`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { DIST, REAL, areaShown, figureOf, scratchDir, startApp, watchCsp } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

// The harness (harness.mjs) launches Chromium, serves dist/, opens guarded pages
// and keeps the suite's errors, requests, blocked requests and CSP violations.
let app;
let server;
let browser;
let consoleErrors;
let cspViolations;
let requests;
let blocked;
const openPage = (path, options) => app.openPage(path, options);

/** The page has imported the sample when the assessment table shows its figures. */
async function waitForSample(page) {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('table.assessment').waitFor({ timeout: 30_000 });
  // Drawn a few parts a task: wait for the last part (the figures are busy until then).
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 30_000 });
}

before(async () => {
  app = await startApp();
  ({ server, browser, errors: consoleErrors, cspViolations, requests, blocked } = app);
});

after(async () => {
  await app?.close();
});

test('the page loads with the sample assessment and its published figures', async () => {
  const page = await openPage();
  await waitForSample(page);
  assert.equal(await page.title(), 'Assessment – CSP Workbench');
  const row = (measure) => page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: measure, exact: true }) });
  const allCrime = row('All crime');
  assert.equal(await allCrime.locator('td.figure').innerText(), '5,040');
  assert.equal(await allCrime.locator('td.change').innerText(), '+0.8% (+42)');
  assert.match(await allCrime.locator('td.source').innerText(), /Recorded crime D60/);
  const da = row('Domestic abuse incidents');
  assert.equal(await da.locator('td.figure').innerText(), '1,319');
  assert.match(await da.innerText(), /\+17% \(\+192\)\s+▲\s*significant rise, worse\s+11\.4\s+\(10\.8–12\.0\)\s+the third lowest\s+\+7%\s/);
  assert.equal(await row('Violent crime').locator('td.change').innerText(), '+13% (+195)');
  // Whether a change is real: a marker with its words, and the sentence behind it.
  const marker = (measure) => row(measure).locator('td.significance');
  assert.equal(await marker('Violent crime').locator('.visually-hidden').textContent(), 'significant rise, worse');
  assert.equal(await marker('Violent crime').locator('.marker-sentence').textContent(), 'The rise is more than normal variation (p < 0.001): exact conditional test for two Poisson counts. Higher is worse for this measure, so it has worsened.');
  assert.equal(await marker('All crime').locator('.visually-hidden').textContent(), 'within normal variation');
  assert.equal(await marker('All crime').locator('.marker-sentence').textContent(), 'The rise is within normal variation (p = 0.68): exact conditional test for two Poisson counts.');
  assert.equal(await row('Drug offences').locator('td.change').innerText(), '−18% (−45)');
  await page.context().close();
});

test('a chart renders on a canvas that is not blank, with its numbers as a table', async () => {
  const page = await openPage('#/assessment');
  await waitForSample(page);
  const canvas = page.locator('[data-chart="district-comparison"] canvas').first();
  await canvas.waitFor();
  // ECharts animates in; wait until the bars have been painted.
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-chart="district-comparison"] canvas');
    if (!c || c.width === 0) return false;
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) painted++;
    }
    return painted > 5000;
  }, null, { timeout: 15_000 });
  const chart = page.locator('[data-chart="district-comparison"]');
  assert.match(await chart.getAttribute('aria-label'), /Tunbridge Wells: 43\.4 per 1,000, 1st of 12/);

  await page.locator('#measure-select').selectOption('Drug offences');
  await page.waitForFunction(() => document
    .querySelector('[data-chart="district-comparison"]')
    ?.getAttribute('aria-label')?.includes('11th of 12'));
  assert.match(await chart.getAttribute('aria-label'), /1\.8 per 1,000, 11th of 12\. County: 1\.5 per 1,000/);

  const toggle = page.getByRole('button', { name: 'Show as table' });
  await toggle.click();
  assert.equal(await page.getByRole('button', { name: 'Hide table' }).getAttribute('aria-expanded'), 'true');
  const local = page.locator('#district-comparison-table tr', { hasText: 'Tunbridge Wells' });
  assert.equal((await local.innerText()).split('\t').map((s) => s.trim()).join('|'), '11th|Tunbridge Wells|212|1.8');
  await page.context().close();
});

test('the findings carry every published figure, with their method and cells', async () => {
  const page = await openPage('#/assessment');
  await waitForSample(page);
  const findings = page.locator('.measure-findings');
  await findings.first().waitFor();
  const text = await page.locator('section', { has: page.locator('#findings-heading') }).innerText();
  for (const figure of [
    'All crime increased by 0.8% (42 crimes) in Oct 2014 – Sep 2015, to 5,040 crimes from 4,998',
    'Domestic abuse incidents increased by 17% (192 incidents)',
    'against a Kent-wide increase of 7%',
    'an average monthly repeat victimisation rate of 23.5% (the mean of the twelve monthly rates), below the Kent average of 25.5%',
    'Violent crime increased by 13% (195 crimes)',
    'Tunbridge Wells has the third lowest rate of the 12 districts in Kent',
    'to 53 crimes from 38 in the previous year, while across Kent it fell by 3%',
    'Anti-social behaviour incidents decreased by 2% (66 incidents)',
    'against a Kent-wide decrease of 5%',
    'has recorded steady falls in anti-social behaviour incidents over the past five years',
    'was 1.8 per 1,000 population in Oct 2014 – Sep 2015 (212 offences), above the Kent average of 1.5 per 1,000',
    'Tunbridge Wells is 11th of 12 districts in Kent',
    'Drug offences decreased by 18% (45 offences)',
    'All casualties: 482 in 2014, above the 2004–2008 average of 463',
    'KSI casualties: 59 in 2014, below the 2004–2008 average of 70',
    'Child KSI casualties: 7 in 2014, above the 2004–2008 average of 3',
    'Child slight casualties: 44 in 2014, above the 2004–2008 average of 35',
    'to 51 casualties from 37',
    'to 52 casualties from 55',
    'Car occupant accounted for 70% of road casualties in Tunbridge Wells in 2014 (337 of 482)',
    'Town centre accounted for 87% of drunkenness arrests in Tunbridge Wells in 2015 (103 of 119)',
  ]) {
    assert.ok(text.includes(figure), `the findings do not say “${figure}”`);
  }
  // A count is never called a rate: only rate findings speak of "per 1,000".
  const drugs = findings.filter({ has: page.getByRole('heading', { name: 'Drug offences', exact: true }) });
  const rate = drugs.locator('li', { hasText: 'The rate of drug offences' });
  await rate.locator('summary').click();
  const detail = await rate.locator('.finding-detail').innerText();
  assert.match(detail, /Rate = count ÷ population × 1,000 = 212 ÷ 116,100 × 1,000\. Byar's 95% interval: 1\.6 to 2\.1\./);
  assert.match(detail, /csp-sample-assessment\.xlsx › Recorded crime › D63/);
  assert.match(detail, /csp-sample-assessment\.xlsx › Population › C15/);
  await page.context().close();
});

test("the officer's choices change the assessment and are kept after a reload", async () => {
  const page = await openPage('#/assessment');
  await waitForSample(page);
  const lede = page.locator('.lede');
  assert.match(await lede.innerText(), /^Tunbridge Wells, data to Dec 2015, for the 2016\/17 plan\./);
  // While the figures are updated after a choice, the page says so: the
  // figures are marked busy and a polite status names the area, both gone once
  // the new figures are drawn. Every change to them is recorded, with the All
  // crime figure on show at that moment.
  await page.evaluate(() => {
    const figures = document.querySelector('.figures');
    const status = document.querySelector('.updating-status');
    const allCrime = () => [...document.querySelectorAll('table.assessment tr')]
      .find((r) => r.querySelector('th')?.textContent === 'All crime')?.querySelector('td.figure')?.textContent;
    window.updates = [];
    const record = () => window.updates.push({ busy: figures.getAttribute('aria-busy'), status: status.textContent, allCrime: allCrime() });
    record();
    new MutationObserver(record).observe(document.querySelector('main'), { subtree: true, childList: true, attributes: true, characterData: true });
  });
  // Keyboard only: focus the area, choose Ashford.
  await page.locator('#area-select').focus();
  await page.locator('#area-select').selectOption('Ashford');
  await page.waitForFunction(() => document.querySelector('.lede')?.textContent.startsWith('Ashford'));
  const row = (measure) => page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: measure, exact: true }) });
  assert.equal(await row('All crime').locator('td.figure').innerText(), '8,650');
  const updates = await page.evaluate(() => window.updates);
  assert.deepEqual(updates[0], { busy: null, status: '', allCrime: updates[0].allCrime });
  assert.notEqual(updates[0].allCrime, '8,650');
  // Marked as updating while Tunbridge Wells' figure was still on show…
  assert.ok(updates.some((u) => u.busy === 'true' && u.status === 'Updating the figures for Ashford…' && u.allCrime === updates[0].allCrime),
    JSON.stringify(updates.slice(0, 8)));
  // …and no longer once Ashford's is.
  const last = updates.at(-1);
  assert.deepEqual(last, { busy: null, status: '', allCrime: '8,650' });
  assert.equal(await page.locator('.figures').getAttribute('aria-busy'), null);
  assert.equal(await page.getByRole('status').filter({ hasText: 'Updating' }).count(), 0);
  assert.match(await row('All crime').innerText(), /4th of 12/);
  // Compared with two years earlier; a chosen baseline; an earlier reporting period.
  await page.locator('#comparison-select').selectOption('2');
  await page.waitForFunction(() => document.querySelector('table.assessment')?.textContent.includes('(Oct 2012 – Sep 2013)'));
  await page.locator('#baseline-from').fill('2009');
  await page.locator('#baseline-to').fill('2013');
  await page.locator('#baseline-to').press('Tab');
  await page.locator('#baseline-from').fill('soon');
  await page.locator('#baseline-from').press('Tab');
  assert.equal(await page.getByRole('alert').first().innerText(), '“soon” is not a year: type four digits, such as 2004.');
  await page.locator('#baseline-from').fill('2009');
  await page.locator('#baseline-from').press('Tab');
  await page.reload();
  await waitForSample(page);
  assert.match(await lede.innerText(), /^Ashford,/);
  assert.equal(await page.locator('#comparison-select').inputValue(), '2');
  assert.equal(await page.locator('#baseline-from').inputValue(), '2009');
  assert.equal(await page.locator('#baseline-to').inputValue(), '2013');
  await page.locator('#area-select').selectOption('Tunbridge Wells');
  await page.waitForFunction(() => document.querySelector('.lede')?.textContent.startsWith('Tunbridge Wells'));
  assert.match(await page.locator('section', { has: page.locator('#findings-heading') }).innerText(),
    /All casualties: 482 in 2014, above the 2009–2013 average of 443/);
  await page.context().close();
});

test('targets show their status and RAG, and can be added and removed', async () => {
  const page = await openPage('#/assessment');
  await waitForSample(page);
  const targets = page.locator('table.targets tbody tr');
  await targets.first().waitFor();
  assert.equal(await targets.count(), 3);
  assert.match(await targets.nth(0).innerText(), /On track\s*\(Green\)\s+On track: 97 crimes in Apr 2015 – Sep 2015 project to 194 for 2015\/16/);
  assert.match(await targets.nth(1).innerText(), /Off track\s*\(Red\)/);
  assert.match(await targets.nth(2).innerText(), /At risk\s*\(Amber\)\s+At risk: 42% in Q2 2015\/16, below the target of 50%/);
  // The table of measures shows each target's status too.
  const nte = page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: 'Violent crimes in the night-time economy', exact: true }) });
  assert.equal(await nte.locator('.rag').innerText(), 'On track');

  // A target with a period the workbench cannot read is refused with a reason.
  await page.locator('#target-priority').fill('Anti-social behaviour');
  await page.locator('#target-measure').selectOption('Anti-social behaviour incidents');
  await page.locator('#target-baseline').fill('2013/14');
  await page.locator('#target-period').fill('next year');
  await page.locator('#target-period').press('Enter');
  assert.equal(await page.locator('.target-form [role="alert"]').innerText(), '“next year” is not a period the workbench knows: try 2016/17 or 2016.');
  assert.equal(await targets.count(), 3);
  // Rolling years ending September: reduce on Oct 2013 – Sep 2014, judged on the year after.
  await page.locator('#target-baseline').fill('Oct 2013 - Sep 2014');
  await page.locator('#target-period').fill('Oct 2014 - Sep 2015');
  await page.locator('#target-period').press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('table.targets tbody tr').length === 4);
  assert.match(await targets.nth(3).innerText(), /Achieved\s*\(Green\)\s+Achieved: 3,246 incidents in Oct 2014 – Sep 2015, below 3,312 incidents in Oct 2013 – Sep 2014\./);
  await page.reload();
  await waitForSample(page);
  await targets.first().waitFor();
  assert.equal(await targets.count(), 4);
  await page.getByRole('button', { name: 'Remove the target “To reduce the number of violent incidents in the night-time economy.”' }).click();
  await page.waitForFunction(() => document.querySelectorAll('table.targets tbody tr').length === 3);
  assert.match(await targets.nth(0).innerText(), /Domestic abuse/);
  await page.context().close();
});

test('the priority matrix ranks issues and an override needs a reason that is kept', async () => {
  const page = await openPage('#/assessment');
  await waitForSample(page);
  const ranked = page.locator('table.priorities tbody tr');
  await ranked.first().waitFor();
  // Rows are issues: "Violent crime" with its measures counted under the name.
  const rowOf = (issue) => ranked.filter({ has: page.locator('th', { hasText: new RegExp(`^${issue}`) }) });
  assert.match(await rowOf('Violent crime').innerText(), /We recommend making violent crime a priority for 2016\/17\./);
  assert.match(await rowOf('Anti-social behaviour').innerText(), /We recommend anti-social behaviour is not set as a priority for 2016\/17\./);
  assert.match(await rowOf('Drugs').innerText(), /We recommend drugs are not set as a priority for 2016\/17\./);
  // Mark violent crime as a current priority: it "remains" one.
  await page.getByLabel('Violent crime is a priority in the current plan').check();
  await page.waitForFunction(() => document.querySelector('table.priorities')?.textContent.includes('We recommend violent crime remains a priority for 2016/17.'));
  // Override drugs: without a reason the override does not apply and the user is told.
  await page.getByLabel('Decision on Drugs', { exact: true }).selectOption('priority');
  assert.match(await page.locator('table.judgements [role="alert"]').innerText(), /Give a reason for overriding the matrix/);
  assert.match(await rowOf('Drugs').innerText(), /are not set as a priority/);
  await page.getByLabel('Reason for the decision on Drugs').fill('Alcohol and substance misuse is in the Kent Control Strategy');
  await page.getByLabel('Reason for the decision on Drugs').press('Tab');
  await page.waitForFunction(() => document.querySelector('table.priorities')?.textContent.includes('We recommend making drugs a priority for 2016/17.'));
  assert.match(await rowOf('Drugs').innerText(), /The matrix said not a priority; overridden: Alcohol and substance misuse is in the Kent Control Strategy/);
  // Keyboard focus stays on the judgement the user is changing.
  await page.getByLabel('Harm for Anti-social behaviour', { exact: true }).focus();
  await page.getByLabel('Harm for Anti-social behaviour', { exact: true }).selectOption('3');
  assert.match(await page.evaluate(() => document.activeElement?.id), /^harm-anti-social-behaviour-[0-9a-f]{8}$/);
  // Weights change the score: harm at 0 drops violent crime's total from 19 to 13 of 18.
  await page.locator('#weight-harm').fill('0');
  await page.locator('#weight-harm').press('Tab');
  await page.waitForFunction(() => document.querySelector('table.priorities')?.textContent.includes('13 of 18'));
  await page.reload();
  await waitForSample(page);
  await ranked.first().waitFor();
  assert.match(await rowOf('Drugs').innerText(), /overridden: Alcohol and substance misuse/);
  assert.equal(await page.locator('#weight-harm').inputValue(), '0');
  assert.equal(await page.getByLabel('Reason for the decision on Drugs').inputValue(), 'Alcohol and substance misuse is in the Kent Control Strategy');
  await page.context().close();
});

/** Waits until the chart drawn in `selector` has painted more than a blank canvas. */
async function waitForPaint(page, selector) {
  await page.waitForFunction((sel) => {
    const c = document.querySelector(`${sel} canvas`);
    if (!c || c.width === 0) return false;
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) painted++;
    }
    return painted > 2000;
  }, selector, { timeout: 15_000 });
}

/**
 * The board's chart kinds, each matched by its id: a measure's charts are named
 * by kind and the measure's stable id (its slug and eight hex digits of a hash
 * of the exact name, core::id).
 */
const BOARD_CHART_KINDS = {
  trend: /^trend-violent-crime-[0-9a-f]{8}$/,
  target: /^target-violent-crimes-in-the-night-time-economy-[0-9a-f]{8}-\d+$/,
  funnel: /^funnel-violent-crime-[0-9a-f]{8}$/,
  'county change': /^county-change$/,
  'priority matrix': /^priority-matrix$/,
  breakdown: /^breakdown-road-casualties-[0-9a-f]{8}$/,
  'breakdown as 100%': /^breakdown-road-casualties-[0-9a-f]{8}-percent$/,
};

/** The first chart id on the page of each kind in BOARD_CHART_KINDS. */
function boardChartIds(ids) {
  return Object.fromEntries(Object.entries(BOARD_CHART_KINDS).map(([kind, pattern]) => [kind, ids.find((id) => pattern.test(id))]));
}

/** The numbers in a table's cells, commas and signs of formatting removed. */
function numbersIn(text) {
  return (text.match(/−?\d[\d,]*(\.\d+)?/g) || []).map((n) => Number(n.replace(/,/g, '').replace('−', '-')));
}

test('every chart kind renders on the board, and its table holds the same numbers', async () => {
  const page = await openPage('#/board');
  await page.locator('table.overview-table').waitFor({ timeout: 30_000 });
  const ids = await page.$$eval('[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart')));
  const chartIds = boardChartIds(ids);
  for (const kind of Object.keys(BOARD_CHART_KINDS)) {
    const id = chartIds[kind];
    assert.ok(id, `no ${kind} chart on the board: ${ids.join(', ')}`);
    await page.locator(`[data-chart="${id}"]`).scrollIntoViewIfNeeded();
    await waitForPaint(page, `[data-chart="${id}"]`);
  }
  assert.equal(new Set(ids).size, ids.length, 'chart ids repeat');
  // The table behind each of these charts carries the chart's own numbers.
  for (const kind of ['trend', 'county change', 'breakdown', 'target']) {
    const id = chartIds[kind];
    const fromChart = await page.evaluate((chartId) => {
      const option = echarts.getInstanceByDom(document.querySelector(`[data-chart="${chartId}"]`)).getOption();
      return option.series.flatMap((s) => (s.data || []).map((d) => (Array.isArray(d) ? d[d.length - 1] : (d && typeof d === 'object' ? d.value : d))))
        .filter((v) => typeof v === 'number');
    }, id);
    const figure = page.locator('figure', { has: page.locator(`[data-chart="${id}"]`) });
    await figure.getByRole('button', { name: 'Show as table' }).click();
    const inTable = numbersIn(await page.locator(`#${id}-table tbody`).innerText());
    for (const value of fromChart) {
      assert.ok(inTable.some((n) => Math.abs(n - value) < 0.051), `${id}: ${value} is drawn but not in its table (${inTable.join(' ')})`);
    }
  }
  // What a screen reader hears for the funnel plot names the districts outside the limits.
  assert.match(await page.locator(`[data-chart="${chartIds.funnel}"]`).getAttribute('aria-label'), /95%/);
  await page.context().close();
});

test('present mode shows one priority per screen, driven by the keyboard', async () => {
  const page = await openPage('#/board');
  await page.locator('table.overview-table').waitFor({ timeout: 30_000 });
  const priorities = await page.locator('table.overview-table tbody tr[data-recommended="true"]').count();
  await page.getByRole('button', { name: 'Present' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Presenting the board view' });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('present')), true);
  assert.equal(await dialog.locator('.present-count').innerText(), `1 of ${priorities + 1}`);
  await page.keyboard.press('ArrowRight');
  assert.equal(await dialog.locator('h2').first().innerText(), 'Domestic abuse');
  assert.equal(await dialog.locator('.present-count').innerText(), `2 of ${priorities + 1}`);
  assert.equal(await dialog.locator('section.board-priority').count(), 1);
  assert.ok(Number.parseFloat(await dialog.locator('h2').first().evaluate((h) => getComputedStyle(h).fontSize)) >= 36);
  await page.keyboard.press('End');
  assert.equal(await dialog.locator('.present-count').innerText(), `${priorities + 1} of ${priorities + 1}`);
  await page.keyboard.press('ArrowRight');
  assert.equal(await dialog.locator('.present-count').innerText(), `${priorities + 1} of ${priorities + 1}`);
  await page.keyboard.press('Home');
  assert.match(await dialog.locator('h2').first().innerText(), /on one page$/);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Present');
  await page.context().close();
});

test('a chart can be saved as PNG and as SVG', async () => {
  const page = await openPage('#/board', { acceptDownloads: true });
  await page.locator('table.overview-table').waitFor({ timeout: 30_000 });
  const trend = boardChartIds(await page.$$eval('[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart')))).trend;
  await waitForPaint(page, `[data-chart="${trend}"]`);
  // Saved under the chart's title, not its id.
  const title = 'Violent crime in Tunbridge Wells over time';
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Download the chart “${title}” as PNG` }).first().click(),
  ]);
  assert.equal(png.suggestedFilename(), `${title}.png`);
  const pngBytes = readFileSync(await png.path());
  assert.deepEqual([...pngBytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(pngBytes.length > 5000);
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Download the chart “${title}” as SVG` }).first().click(),
  ]);
  assert.equal(svg.suggestedFilename(), `${title}.svg`);
  const svgText = readFileSync(await svg.path(), 'utf8');
  assert.match(svgText, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svgText, /Violent crime in Tunbridge Wells over time/);
  await page.context().close();
});

test('the board pack opens from a file with the network blocked, draws its charts and prints a priority per page', async (t) => {
  const page = await openPage('#/board', { acceptDownloads: true });
  await page.locator('table.overview-table').waitFor({ timeout: 30_000 });
  const priorities = await page.locator('table.overview-table tbody tr[data-recommended="true"]').count();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the board pack' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'board-pack-tunbridge-wells-data-to-dec-2015-for-the-2016-17-plan.html');
  const dir = scratchDir('cspw-pack-');
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const size = readFileSync(file).length;
  t.diagnostic(`board pack: ${Math.round(size / 1024)} KB`);
  assert.match(await page.locator('.board-actions [role="status"]').innerText(), /^Saved board-pack-.+\.html \(\d+ KB\): it opens in any browser, offline\.$/);
  await page.context().close();

  // A board member's laptop: no network at all, the file opened from disk.
  const context = await browser.newContext({ offline: true, viewport: { width: 1100, height: 900 } });
  const seen = [];
  await context.route('**/*', (route) => {
    seen.push(route.request().url());
    return route.request().url().startsWith('file:') ? route.continue() : route.abort();
  });
  const pack = await context.newPage();
  const errors = [];
  pack.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  pack.on('pageerror', (e) => errors.push(e.message));
  await pack.goto(`file://${file}`);
  await pack.waitForFunction(() => document.documentElement.hasAttribute('data-charts-drawn'), null, { timeout: 15_000 });
  const charts = await pack.locator('[data-chart]').count();
  assert.ok(charts >= 10, `${charts} charts`);
  assert.equal(await pack.evaluate(() => document.documentElement.getAttribute('data-charts-drawn')), String(charts));
  assert.equal(await pack.locator('[data-chart] svg').count(), charts);
  assert.deepEqual(seen, [`file://${file}`]);
  assert.deepEqual(errors, []);
  assert.match(await pack.locator('h2').first().innerText(), /The assessment on one page/);
  assert.match(await pack.locator('section.priority h2').first().innerText(), /Domestic abuse/);
  assert.match(await pack.locator('body').innerText(), /On track: 97 crimes in Apr 2015 – Sep 2015 project to 194 for 2015\/16/);

  // Printed: the overview on an A4 landscape sheet, the targets (a page or
  // two), then each priority on a page of its own.
  // A4 at 96 dpi is 794 × 1,123 px; the pack's @page margins are 12 mm (45 px).
  await pack.setViewportSize({ width: 703, height: 1032 });
  await pack.emulateMedia({ media: 'print' });
  await pack.evaluate(() => window.dispatchEvent(new Event('resize')));
  const sections = await pack.$$eval('section.priority', (s) => s.map((e) => ({
    general: e.classList.contains('general'), breakBefore: getComputedStyle(e).breakBefore, height: e.getBoundingClientRect().height })));
  assert.equal(sections.length, priorities + 1);
  assert.deepEqual([...new Set(sections.map((s) => s.breakBefore))], ['page']);
  const summaryHeight = await pack.evaluate(() => document.querySelector('section.priority').getBoundingClientRect().top
    - document.querySelector('section.overview').getBoundingClientRect().bottom);
  assert.equal(await pack.$eval('section.overview', (e) => getComputedStyle(e).breakAfter), 'page');
  const pdf = await pack.pdf({ preferCSSPageSize: true, printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  const summaryPages = 1 + Math.ceil(summaryHeight / 1032);
  const tooLong = sections.filter((s) => !s.general && s.height > 1032);
  const generalPages = Math.ceil(sections.find((s) => s.general).height / 1032);
  t.diagnostic(`board pack printed: ${pages} A4 pages: ${summaryPages} of overview and targets, one for each of ${priorities} priorities, ${generalPages} across the assessment`);
  assert.deepEqual(tooLong, [], 'a priority runs over one printed page');
  assert.equal(pages, summaryPages + priorities + generalPages);
  await context.close();
});

test('the board view prints one priority per page', async () => {
  const page = await openPage('#/board');
  await page.locator('table.overview-table').waitFor({ timeout: 30_000 });
  const priorities = await page.locator('table.overview-table tbody tr[data-recommended="true"]').count();
  await page.emulateMedia({ media: 'print' });
  const breaks = await page.$$eval('section.board-priority', (s) => s.map((e) => getComputedStyle(e).breakBefore));
  // The priorities, the other issues and the charts across the assessment.
  assert.equal(breaks.length, priorities + 2);
  assert.deepEqual([...new Set(breaks)], ['page']);
  assert.equal(await page.locator('.board-actions').isVisible(), false);
  assert.equal(await page.locator('.app-header nav').isVisible(), false);
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= priorities + 2, `${pages} pages for ${priorities} priorities`);
  await page.context().close();
});

test('the views are reached from the navigation, by keyboard too', async () => {
  const page = await openPage();
  await waitForSample(page);
  await page.getByRole('link', { name: 'Data' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Data');
  assert.equal(await page.getByRole('link', { name: 'Data' }).getAttribute('aria-current'), 'page');
  const tables = page.locator('table.data-tables tbody tr');
  assert.equal(await tables.count(), 8);
  assert.match(await tables.first().innerText(), /Recorded crime\s+A4:D69\s+wide \(periods across\)\s+65\s+130/);
  assert.match(await page.locator('main').innerText(), /About: no header row above a row of figures\./);

  // A route change moves focus to the main content, so screen readers hear the
  // new view (in the task after the view is built, so the two stay short).
  await page.waitForFunction(() => document.activeElement?.id === 'main', null, { timeout: 5_000 });

  // Keyboard from a fresh load: the skip link comes first, then the navigation.
  await page.reload();
  await page.locator('table.data-tables tbody tr').first().waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Assessment');
  await page.keyboard.press('Enter');
  await page.locator('table.assessment').waitFor();

  await page.getByRole('link', { name: 'Plan' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Plan');
  await page.getByRole('link', { name: 'Board' }).click();
  assert.match(await page.locator('table.overview-table tr[data-issue="Domestic abuse"]').innerText(), /We recommend making domestic abuse a priority for 2016\/17\./);
  await page.context().close();
});


test('files picked or dropped are imported, and a bad file changes nothing', async (t) => {
  const page = await openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  const tables = page.locator('table.data-tables tbody tr');
  assert.equal(await tables.count(), 8);

  // The keyboard-accessible picker.
  await page.setInputFiles('#file-input', `${REAL}/2019-01-city-of-london-street.csv`);
  const log = page.locator('.import-log li').first();
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.includes('2019-01'));
  // 15 figures for the force and 40 for the districts of its records' LSOAs.
  assert.equal(await log.innerText(), '2019-01-city-of-london-street.csv: 1 table and 55 figures imported.');
  // The user's first file replaces the built-in sample: its figures never mix with theirs.
  assert.equal(await tables.count(), 1);
  assert.match(await tables.nth(0).innerText(), /2019-01-city-of-london-street\.csv\s+CSV\s+A1:L618\s+records/);

  // A damaged workbook dropped on the zone: one sentence, and nothing already loaded changes.
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])], 'broken.xlsx'));
    document.querySelector('.drop-zone').dispatchEvent(
      new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
  });
  const alert = page.locator('.import-log li.import-error');
  await alert.waitFor();
  assert.match(await alert.innerText(), /^“broken\.xlsx” could not be imported: it looks like an Excel \(\.xlsx\) workbook but it is damaged or protected \(.+\)\.$/);
  assert.equal(await tables.count(), 1);

  // The largest real extracts, timed as a person would wait for them.
  for (const name of ['rec-crime-pfa.csv', 'STATS19CasDataJan2010Dec2021forGMServers.csv', 'rec-crime-1898-2002.xls']) {
    const started = Date.now();
    await page.setInputFiles('#file-input', `${REAL}/${name}`);
    await page.waitForFunction((n) => document.querySelector('.import-log li')?.textContent.startsWith(n), name, { timeout: 60_000 });
    t.diagnostic(`${name}: imported in the browser in ${Date.now() - started} ms`);
    assert.match(await log.innerText(), /imported\.$/);
  }
  assert.match(await page.locator('main').innerText(), /rec-crime-pfa\.csv\s+CSV\s+A1:E46470\s+long/);

  // The new figures reach the assessment.
  await page.getByRole('link', { name: 'Assessment' }).click();
  // The force's figures: the district of the same name is an area apart.
  await page.getByLabel('Local area').selectOption('City of London (force)');
  await areaShown(page, 'City of London (force)');
  assert.equal(await figureOf(page, 'Bicycle theft', '29'), '29');
  await page.context().close();
});

/** A data.police.uk-shaped street file: `rows` records, evenly over 14 crime types and 12 months. */
function streetCsv(rows) {
  const types = ['Anti-social behaviour', 'Bicycle theft', 'Burglary', 'Criminal damage and arson', 'Drugs',
    'Other crime', 'Other theft', 'Possession of weapons', 'Public order', 'Robbery', 'Shoplifting',
    'Theft from the person', 'Vehicle crime', 'Violence and sexual offences'];
  const lines = ['Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'];
  for (let i = 0; i < rows; i++) {
    const month = String((i % 12) + 1).padStart(2, '0');
    const type = types[Math.floor(i / 12) % types.length];
    const id = type === 'Anti-social behaviour' ? '' : (i * 2654435761 % 4294967296).toString(16).padStart(64, '0');
    lines.push(`${id},2019-${month},Kent Police,Kent Police,0.263${i % 1000},51.13${i % 997},On or near High Street,E0100${i % 9000},Tunbridge Wells 0${i % 20}A,${type},Under investigation,`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

test('every real extract imports in the browser, in one batch', async (t) => {
  const expected = {
    '2019-01-city-of-london-street.csv': '1 table and 55 figures imported.',
    '2020-04-city-of-london-street.csv': '1 table and 39 figures imported.',
    'Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv': '1 table and 0 figures imported.',
    'STATS19CasDataJan2010Dec2021forGMServers.csv': '1 table and 96 figures imported.',
    'Time_series_tables_2019-20.ods': '29 tables and 7,820 figures imported.',
    'dft-road-casualty-statistics-road-safety-open-dataset-data-guide-2024.xlsx': '1 table and 0 figures imported.',
    'police-use-of-force-apr2017-mar2018-hosb3018-tables.ods': '22 tables and 4,521 figures imported.',
    'rec-crime-1898-2002.xls': '1 table and 17,808 figures imported.',
    'rec-crime-pfa.csv': '1 table and 46,469 figures imported.',
  };
  const files = readdirSync(REAL).filter((f) => f !== 'README.md').map((f) => join(REAL, f));
  assert.equal(files.length, Object.keys(expected).length);
  const page = await openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  const started = Date.now();
  await page.setInputFiles('#file-input', [...files, join(REAL, 'README.md')]);
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('“README.md”'), null, { timeout: 120_000 });
  t.diagnostic(`all ten real files imported in the browser in ${Date.now() - started} ms`);
  const log = await page.locator('.import-log li').allInnerTexts();
  for (const [name, summary] of Object.entries(expected)) {
    assert.ok(log.includes(`${name}: ${summary}`), `${name}: ${log.find((l) => l.includes(name))}`);
  }
  assert.match(log[0], /^“README\.md” could not be imported: it holds no table of figures/);
  const main = page.locator('main');
  assert.match(await main.innerText(), /Time_series_tables_2019-20\.ods\s+RTI_By_Force\s+A8:R59\s+wide \(periods across\)/);

  await page.getByRole('link', { name: 'Assessment' }).click();
  await page.getByLabel('Local area').selectOption('Avon and Somerset');
  // The previous area's figures stay until the new assessment is ready.
  await areaShown(page, 'Avon and Somerset');
  const robbery = page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: 'Robbery', exact: true }) });
  // rec-crime-pfa.csv: 12 months ending 31-12-2018, Avon and Somerset, Robbery = 1447.
  assert.equal(await robbery.locator('td.figure').innerText(), '1,447');
  assert.equal(await robbery.locator('td').first().innerText(), '2018');
  await page.context().close();
});

test('a 50 MB file imports in a worker with progress, and can be cancelled', async (t) => {
  const dir = scratchDir('cspw-');
  const path = join(dir, 'kent-street-2019.csv');
  writeFileSync(path, streetCsv(336_000));
  const page = await openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  const tables = page.locator('table.data-tables tbody tr');
  const before = await tables.count();

  // Watch every step the progress bar shows, and press Cancel the moment the worker
  // reports it is part-way through the rows (a fast machine shows each step only briefly).
  await page.evaluate(() => {
    window.progressSteps = [];
    window.cancelOn = 'Counting records';
    new MutationObserver(() => {
      const label = document.querySelector('.import-progress label');
      const bar = document.querySelector('.import-progress progress');
      if (!label) return;
      window.progressSteps.push(`${label.textContent} @${bar?.value}`);
      if (window.cancelOn && label.textContent.includes(window.cancelOn) && bar?.value > 0) {
        window.cancelOn = null;
        [...document.querySelectorAll('.import-progress button')].find((b) => b.textContent === 'Cancel')?.click();
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.setInputFiles('#file-input', path);
  const log = page.locator('.import-log li').first();
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.includes('cancelled'));
  assert.equal(await log.innerText(), 'Import of “kent-street-2019.csv” cancelled; nothing was changed.');
  assert.equal(await page.locator('.import-progress').count(), 0);
  assert.equal(await tables.count(), before);
  assert.equal(await page.evaluate(() => window.cancelOn), null, 'Cancel was pressed mid-way through the rows');

  const started = Date.now();
  await page.setInputFiles('#file-input', path);
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.endsWith('imported.'), null, { timeout: 120_000 });
  t.diagnostic(`50 MB street CSV (336,000 rows) imported in the browser in ${Date.now() - started} ms`);
  const steps = await page.evaluate(() => window.progressSteps);
  // A record-level file this size is counted as it streams, never held as a grid.
  assert.ok(steps.some((s) => s.includes('Counting records')), steps.join(' | '));
  assert.ok(!steps.some((s) => s.includes('Finding tables')), steps.join(' | '));
  assert.equal(await log.innerText(), 'kent-street-2019.csv: 1 table and 9,540 figures imported.');
  // It replaced the built-in sample.
  assert.equal(await tables.count(), 1);
  await page.getByRole('link', { name: 'Assessment' }).click();
  await page.getByLabel('Local area').selectOption('Kent (force)'); // Kent Police, named apart from the county
  await areaShown(page, 'Kent (force)');
  // 336,000 rows over 14 types and 12 months: 2,000 bicycle thefts in December 2019;
  // 168 counts by type and month, and 12 monthly totals of all crime without ASB.
  assert.equal(await figureOf(page, 'Bicycle theft', '2,000'), '2,000');
  await page.context().close();
});

test('an import still works when the worker started ahead of time failed to load', async () => {
  // The app starts an import worker once the first chart is drawn; if that one
  // cannot load (the network dropped before it was cached), the import must
  // start a new one rather than wait for a worker that will never be ready.
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  let refused = 0;
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1') return route.abort();
    if (url.pathname.endsWith('/import-worker_loader.js') && refused === 0) {
      refused += 1;
      return route.abort();
    }
    return route.continue();
  });
  const page = await context.newPage();
  await page.goto(`${server.url}#/data`);
  await page.locator('table.data-tables tbody tr').first().waitFor();
  const deadline = Date.now() + 10_000;
  while (refused === 0 && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
  assert.equal(refused, 1, 'the worker started ahead of time was refused');
  const dir = scratchDir('cspw-');
  writeFileSync(join(dir, 'thefts.csv'), 'Area,Year,Thefts\nKent,2014,10\nKent,2015,12\n');
  await page.setInputFiles('#file-input', join(dir, 'thefts.csv'));
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('thefts.csv'), null, { timeout: 20_000 });
  assert.equal(await page.locator('.import-log li').first().innerText(), 'thefts.csv: 1 table and 2 figures imported.');
  await context.close();
});

test('a 200,000-row workbook imports in the worker', async (t) => {
  const path = new URL('../../target/fixtures/street-200k.xlsx', import.meta.url).pathname;
  assert.ok(existsSync(path), 'make e2e generates target/fixtures/street-200k.xlsx');
  const page = await openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  const started = Date.now();
  await page.setInputFiles('#file-input', path);
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('street-200k.xlsx'), null, { timeout: 120_000 });
  t.diagnostic(`200,000-row workbook (11 MB .xlsx) imported in the browser in ${Date.now() - started} ms`);
  assert.equal(await page.locator('.import-log li').first().innerText(), 'street-200k.xlsx: 1 table and 10,652 figures imported.');
  // Row i is in month i mod 12 + 1 and crime type (i div 12) mod 14, as the generator
  // writes it; the assessment shows the latest month, December.
  let bicycleInDecember = 0;
  for (let i = 0; i < 200_000; i++) if (i % 12 === 11 && Math.floor(i / 12) % 14 === 1) bicycleInDecember++;
  await page.getByRole('link', { name: 'Assessment' }).click();
  await page.getByLabel('Local area').selectOption('Kent (force)'); // Kent Police, named apart from the county
  await areaShown(page, 'Kent (force)');
  const expected = bicycleInDecember.toLocaleString('en-GB');
  assert.equal(await figureOf(page, 'Bicycle theft', expected), expected);
  await page.context().close();
});

test('a corrected mapping is saved as a recipe and applied to a renamed copy, after a reload too', async () => {
  const dir = scratchDir('cspw-');
  const csv = 'Year,Crimes,Notes\r\n2014,12,provisional\r\n2015,15,final\r\n';
  for (const name of ['crimes-2015.csv', 'Copy of crimes-2015.csv', 'crimes (final).csv']) writeFileSync(join(dir, name), csv);
  const page = await openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  await page.setInputFiles('#file-input', join(dir, 'crimes-2015.csv'));
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('crimes-2015.csv'));

  const mapping = page.locator('details.mapping', { hasText: 'crimes-2015.csv › CSV' });
  await mapping.locator('summary').click();
  const notes = mapping.getByLabel('Role of column 3 (“Notes”)');
  assert.equal(await notes.inputValue(), '3', 'detected as breakdown labels');
  // Keyboard only: focus the role, choose "Ignore", type the area, submit with Enter.
  await notes.focus();
  await notes.selectOption({ label: 'Ignore' });
  await mapping.getByLabel('Area for every figure, when no column holds area names').focus();
  await page.keyboard.type('Tunbridge Wells');
  await mapping.getByRole('button', { name: 'Save mapping and re-import' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('details.mapping summary')
    && [...document.querySelectorAll('details.mapping summary')].some((s) => s.textContent.startsWith('crimes-2015.csv') && s.textContent.includes('saved mapping')));

  // A renamed copy is read with the recipe, with nothing to do.
  await page.setInputFiles('#file-input', join(dir, 'Copy of crimes-2015.csv'));
  await page.waitForFunction(() => [...document.querySelectorAll('details.mapping summary')]
    .some((s) => s.textContent.startsWith('Copy of crimes-2015.csv') && s.textContent.includes('saved mapping')));

  // Recipes outlive the tab.
  await page.reload();
  await page.locator('table.data-tables tbody tr').first().waitFor();
  await page.setInputFiles('#file-input', join(dir, 'crimes (final).csv'));
  await page.waitForFunction(() => [...document.querySelectorAll('details.mapping summary')]
    .some((s) => s.textContent.startsWith('crimes (final).csv') && s.textContent.includes('saved mapping')));

  await page.getByRole('link', { name: 'Assessment' }).click();
  await page.getByLabel('Local area').selectOption('Tunbridge Wells');
  await areaShown(page, 'Tunbridge Wells');
  const crimes = page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: 'Crimes', exact: true }) });
  assert.equal(await crimes.locator('td.figure').innerText(), '15');
  assert.equal(await crimes.locator('td.change').innerText(), '+25% (+3)');
  await page.context().close();
});

test('the header row can be corrected in the mapping step, by keyboard', async () => {
  // A table read under the wrong header: rows 2 and 3 were taken as a
  // two-row header ("Crimes · Number"); the user says the header is row 2.
  // (Mapping by hand, with its own header-row and header-depth boxes, is
  // driven by keyboard in honest.test.mjs.)
  const dir = scratchDir('cspw-');
  writeFileSync(join(dir, 'two-headers.csv'), 'Crime figures\nArea,Year,Crimes\nArea name,Calendar year,Number\nTunbridge Wells,2014,12\nTunbridge Wells,2015,14\n');
  const page = await openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  await page.setInputFiles('#file-input', join(dir, 'two-headers.csv'));
  // Settled: the file's table listed and the sample set aside.
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('table.data-tables tbody tr')];
    return rows.some((r) => r.textContent.includes('two-headers.csv')) && !rows.some((r) => r.textContent.includes('csp-sample'));
  });
  const mapping = page.locator('details.mapping', { hasText: 'two-headers.csv › CSV' });
  await mapping.locator('summary').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('details.mapping')].some((d) => d.open && d.textContent.includes('two-headers.csv')));
  const headerRow = mapping.getByLabel('Header row (sheet row number)');
  assert.equal(await headerRow.inputValue(), '3');
  // Keyboard only: focus the header row, step it down to 2, submit with Enter.
  await headerRow.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await headerRow.inputValue(), '2');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('details.mapping summary')]
    .some((s) => s.textContent.startsWith('two-headers.csv › CSV (A2:C5)') && s.textContent.includes('saved mapping')), null, { timeout: 60_000 });
  const row = page.locator('table.data-tables tbody tr', { hasText: 'two-headers.csv' });
  assert.match(await row.innerText(), /A2:C5\s+wide \(measures across\)[\s\S]*\bCrimes\s+Confirmed by you$/);

  // The figures read right: 12 then 14 crimes.
  await page.getByRole('link', { name: 'Assessment' }).click();
  await page.getByLabel('Local area').selectOption('Tunbridge Wells');
  await areaShown(page, 'Tunbridge Wells');
  const crimes = page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: 'Crimes', exact: true }) });
  assert.equal(await crimes.locator('td.figure').innerText(), '14');
  assert.equal(await crimes.locator('td.change').innerText(), '+17% (+2)');
  await page.context().close();
});

test('a mapping saved on the built-in sample imports the sample file itself again', async () => {
  // The sample arrives as data, not as a file: saving a mapping for one of its
  // tables fetches the spreadsheet and imports it through the worker.
  const page = await openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  const mapping = page.locator('details.mapping', { hasText: 'csp-sample-assessment.xlsx › Recorded crime' });
  await mapping.locator('summary').click();
  const headerRow = mapping.getByLabel('Header row (sheet row number)');
  const row = await headerRow.inputValue();
  await headerRow.fill(row);
  await headerRow.press('Enter');
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('csp-sample-assessment.xlsx'));
  assert.match(await page.locator('.import-log li').first().innerText(), /^csp-sample-assessment\.xlsx: \d+ tables and [\d,]+ figures imported\. It has the same content as the file already loaded under that name, so it replaced the earlier copy\.$/);
  await page.waitForFunction(() => [...document.querySelectorAll('details.mapping summary')]
    .some((s) => s.textContent.startsWith('csp-sample-assessment.xlsx › Recorded crime') && s.textContent.includes('saved mapping')));
  await page.getByRole('link', { name: 'Assessment' }).click();
  const allCrime = page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: 'All crime', exact: true }) });
  assert.equal(await allCrime.locator('td.figure').innerText(), '5,040');
  await page.context().close();
});

test('an area the workbench does not know can be named, now and for later files', async () => {
  const dir = scratchDir('cspw-');
  writeFileSync(join(dir, 'twbc-thefts.csv'), 'Area,Year,Thefts\nTWBC,2014,10\nTWBC,2015,12\n');
  writeFileSync(join(dir, 'twbc-burglary.csv'), 'Area,Year,Burglaries\nTWBC,2014,30\nTWBC,2015,27\n');
  const page = await openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  await page.setInputFiles('#file-input', join(dir, 'twbc-thefts.csv'));
  const areas = page.locator('.area-names table');
  await areas.locator('tr', { hasText: 'TWBC' }).waitFor();
  assert.match(await areas.locator('tr', { hasText: 'TWBC' }).innerText(), /TWBC\s+Other/);

  await page.getByLabel('Area in the data').selectOption('TWBC');
  await page.getByLabel('Call it').fill('Tunbridge Wells');
  await page.getByLabel('Level', { exact: true }).selectOption({ label: 'District (compared with the county)' });
  await page.getByRole('button', { name: 'Save area name' }).click();
  assert.equal(
    await page.locator('.area-names [role="status"]').innerText(),
    '“TWBC” is now read as Tunbridge Wells, district (compared with the county).',
  );
  assert.equal(await areas.locator('tr', { hasText: 'TWBC' }).count(), 0);

  await page.reload();
  await page.locator('table.data-tables tbody tr').first().waitFor();
  await page.setInputFiles('#file-input', join(dir, 'twbc-burglary.csv'));
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('twbc-burglary.csv'));
  await page.getByRole('link', { name: 'Assessment' }).click();
  const burglary = page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: 'Burglaries', exact: true }) });
  assert.equal(await burglary.locator('td.figure').innerText(), '27');
  await page.context().close();
});

test('the app reloads and works with the network off after one visit', async () => {
  // tools/service-worker.mjs listed the build in sw.js after `trunk build`.
  const wasm = readdirSync(DIST).find((f) => /^csp-workbench-[0-9a-f]+_bg\.wasm$/.test(f));
  assert.ok(wasm, 'dist/ holds the hashed wasm');
  assert.ok(existsSync(`${DIST}/sw.js`), 'dist/sw.js exists');
  assert.ok(readFileSync(`${DIST}/sw.js`, 'utf8').includes(`"${wasm}"`), `dist/sw.js lists ${wasm}`);

  // A context without routes: Playwright's interception would stand in front of the service worker.
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push({ text: m.text(), url: m.location().url }); });
  page.on('pageerror', (e) => errors.push({ text: e.message, url: '' }));

  // The one visit: the worker installs, precaches the build and takes control.
  await page.goto(server.url);
  await waitForSample(page);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await waitForSample(page);
  }
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker controls the page');
  // The code fetched on demand (tools/split-wasm.mjs), which the page has not asked for, is kept by the worker.
  const chunks = readdirSync(DIST).filter((f) => /^csp-workbench-.+-[0-9a-f]{16}\.wasm$/.test(f));
  assert.ok(chunks.length > 0, 'dist/ holds on-demand chunks');
  for (const chunk of chunks) assert.ok(readFileSync(`${DIST}/sw.js`, 'utf8').includes(`"${chunk}"`), `dist/sw.js lists ${chunk}`);

  await context.setOffline(true);
  // The network really is off: a file the build does not hold cannot be had.
  assert.equal(await page.evaluate(() => fetch('sw.js?offline-probe').then(() => 'fetched', () => 'failed')), 'failed');
  await page.reload();
  await waitForSample(page);
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the offline page is served by the service worker');
  const allCrime = page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: 'All crime', exact: true }) });
  assert.equal(await allCrime.locator('td.figure').innerText(), '5,040');

  await page.goto(`${server.url}#/board`);
  await page.locator('table.overview-table').waitFor({ timeout: 30_000 });
  // ECharts and the stylesheet came from the cache: the charts are drawn.
  await page.locator('[data-chart] canvas').first().waitFor({ state: 'attached', timeout: 30_000 });
  const trend = `[data-chart="${boardChartIds(await page.$$eval('[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart')))).trend}"]`;
  await page.locator(trend).scrollIntoViewIfNeeded();
  await waitForPaint(page, trend);

  // The Board view's code, fetched when first opened, came from the cache.
  // Importing starts the worker, whose script and wasm are only ever fetched now: from the cache.
  await page.goto(`${server.url}#/data`);
  await page.locator('table.data-tables tbody tr').first().waitFor();
  await page.setInputFiles('#file-input', `${REAL}/2019-01-city-of-london-street.csv`);
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.includes('2019-01'), null, { timeout: 30_000 });
  assert.equal(await page.locator('.import-log li').first().innerText(), '2019-01-city-of-london-street.csv: 1 table and 55 figures imported.');
  // Street records bring the maps' parts, whose code (never fetched online) comes from the cache.
  await page.locator('section.ward-counts').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByText('could not fetch').count(), 0);
  await context.close();

  // Only the deliberate probe may have failed.
  for (const e of errors) {
    if (!`${e.text} ${e.url}`.includes('offline-probe')) consoleErrors.push(`offline: ${e.text} ${e.url}`);
  }
});

test('the Content-Security-Policy is strict and dist/ names no outside host', async () => {
  const html = readFileSync(`${DIST}/index.html`, 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'index.html carries a CSP');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.match(csp, /connect-src 'self'/);
  assert.match(csp, /worker-src 'self';/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\s\*/);
  for (const file of readdirSync(DIST).filter((f) => /\.(html|css)$/.test(f))) {
    assert.doesNotMatch(readFileSync(`${DIST}/${file}`, 'utf8'), /(src|href)=["']?(https?:)?\/\//, file);
  }
});

test('axe-core finds no serious or critical accessibility violations on any view', async () => {
  // axe is injected as a script, which the page's own CSP would rightly refuse.
  const page = await openPage('', { bypassCSP: true });
  await waitForSample(page);
  const axeSource = readFileSync(AXE_PATH, 'utf8');
  for (const view of ['#/assessment', '#/data', '#/plan', '#/board']) {
    await page.goto(server.url + view);
    await page.getByRole('heading', { level: 1 }).waitFor();
    if (view === '#/assessment') await waitForSample(page);
    await page.evaluate(axeSource);
    const results = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }));
    const serious = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
      `${view} has serious accessibility violations`,
    );
  }
  // The plan editor with a draft open: every field, table and button.
  await page.goto(`${server.url}#/plan`);
  await page.getByRole('button', { name: 'New draft from the assessment' }).click();
  await page.locator('#plan-introduction').waitFor();
  await page.locator('details.snapshots summary').click();
  const editor = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  assert.deepEqual(
    editor.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    'the plan editor has serious accessibility violations',
  );
  await page.goto(`${server.url}#/board`);
  await page.locator('table.overview-table').waitFor();
  // Present mode, on its second slide (a priority with its charts).
  await page.getByRole('button', { name: 'Present' }).click();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('dialog').locator('h2').first().waitFor();
  const present = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  assert.deepEqual(
    present.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    'present mode has serious accessibility violations',
  );
  await page.context().close();
});

/**
 * Moves the mouse onto something drawn in the chart at `selector` (a bar, a
 * scatter point, a point of a line) and returns the tooltip ECharts shows: its
 * title and rows, each row's text, name, value and the value's font weight (the
 * stylesheet's rule applied, though the CSP forbids inline styles).
 */
async function hoverChart(page, selector) {
  const chart = page.locator(selector);
  await chart.scrollIntoViewIfNeeded();
  const point = await page.evaluate((sel) => {
    const instance = echarts.getInstanceByDom(document.querySelector(sel));
    // Bars and scatter points answer an item tooltip; lines answer the axis.
    const rank = (s) => (s.subType === 'scatter' || s.subType === 'bar' ? 0 : 1);
    const series = instance.getModel().getSeries().filter((s) => !s.get('silent')).sort((a, b) => rank(a) - rank(b));
    for (const s of series) {
      const data = s.getData();
      const points = data.getLayout('points');
      for (let i = 0; i < data.count(); i++) {
        let layout = data.getItemLayout(i);
        if (!layout && points) layout = [points[2 * i], points[2 * i + 1]];
        if (!layout) continue;
        const [x, y] = layout.width !== undefined
          ? [layout.x + layout.width / 2, layout.y + layout.height / 2]
          : [layout[0], layout[1]];
        if (Number.isFinite(x) && Number.isFinite(y)) return { x, y };
      }
    }
    return null;
  }, selector);
  assert.ok(point, `${selector}: nothing drawn to hover over`);
  const box = await chart.boundingBox();
  await page.mouse.move(box.x + 2, box.y + 2);
  await page.mouse.move(box.x + point.x, box.y + point.y, { steps: 4 });
  const tooltip = chart.locator('.cspw-tooltip');
  await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
  await page.waitForFunction((sel) => document.querySelector(`${sel} .cspw-tooltip`)?.innerText.trim(), selector);
  const shown = await tooltip.evaluate((t) => ({
    text: t.innerText.trim(),
    title: t.querySelector('.cspw-tooltip-title')?.innerText ?? '',
    rows: [...t.querySelectorAll('.cspw-tooltip-row')].map((r) => {
      const value = r.querySelector('.cspw-tooltip-value');
      return {
        text: r.innerText.trim(),
        name: r.querySelector('.cspw-tooltip-name')?.innerText ?? '',
        value: value?.innerText ?? null,
        weight: value ? getComputedStyle(value).fontWeight : null,
      };
    }),
  }));
  await page.mouse.move(box.x + 2, box.y + 2);
  return shown;
}

/** The tooltip names each figure and keeps its name and value apart ("Kent: 24.06", never "Kent24.06"). */
function assertTooltipSeparates(kind, tip) {
  const figures = tip.rows.filter((r) => r.value !== null);
  assert.ok(figures.length > 0, `${kind}: the tooltip is not the app's own (${JSON.stringify(tip.text)})`);
  for (const r of figures) {
    assert.match(r.value, /^[−+]?[\d,]+(\.\d+)?$/, `${kind}: ${JSON.stringify(r)}`);
    assert.equal(r.text, r.name ? `${r.name}: ${r.value}` : r.value, `${kind}: name and value run together`);
    assert.equal(r.weight, '700', `${kind}: the tooltip's stylesheet rule did not apply`);
  }
}

test('hovering every chart kind shows a tooltip with names and values apart, and nothing breaks the CSP', async () => {
  const violationsBefore = cspViolations.length;
  const errorsBefore = consoleErrors.length;
  const page = await openPage('#/assessment');
  await waitForSample(page);
  await waitForPaint(page, '[data-chart="district-comparison"]');
  const district = await hoverChart(page, '[data-chart="district-comparison"]');
  assertTooltipSeparates('district comparison', district);
  assert.equal(district.title, 'Tunbridge Wells ◆', 'the district chart names the district it shows');

  await page.getByRole('link', { name: 'Board' }).click();
  await page.locator('table.overview-table').waitFor({ timeout: 30_000 });
  const ids = boardChartIds(await page.$$eval('[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart'))));
  for (const [kind, id] of Object.entries(ids)) {
    assert.ok(id, `no ${kind} chart on the board`);
    await page.locator(`[data-chart="${id}"]`).scrollIntoViewIfNeeded();
    await waitForPaint(page, `[data-chart="${id}"]`);
    assertTooltipSeparates(kind, await hoverChart(page, `[data-chart="${id}"]`));
  }
  assert.deepEqual(cspViolations.slice(violationsBefore), [], 'hovering broke the CSP');
  assert.deepEqual(consoleErrors.slice(errorsBefore), []);
  await page.context().close();
});

/** Downloads the board pack from the Board view of `page` into a new folder; returns the file's path. */
async function downloadBoardPack(page) {
  await page.locator('table.overview-table').waitFor({ timeout: 30_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the board pack' }).click(),
  ]);
  const file = join(scratchDir('cspw-pack-'), download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** The board pack at `file` opened from disk with the network off, its CSP watched; resolves once its charts are drawn. */
async function openBoardPack(file, violations, errors) {
  const context = await browser.newContext({ offline: true, viewport: { width: 1100, height: 900 } });
  await watchCsp(context, 'board pack', violations);
  const pack = await context.newPage();
  pack.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  pack.on('pageerror', (e) => errors.push(e.message));
  await pack.goto(`file://${file}`);
  await pack.waitForFunction(() => document.documentElement.hasAttribute('data-charts-drawn'), null, { timeout: 15_000 });
  return pack;
}

test('hovering every chart kind in the board pack shows its tooltip under the pack\'s own CSP', async () => {
  const page = await openPage('#/board', { acceptDownloads: true });
  const file = await downloadBoardPack(page);
  await page.context().close();
  const violations = [];
  const errors = [];
  const pack = await openBoardPack(file, violations, errors);
  const ids = boardChartIds(await pack.$$eval('[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart'))));
  for (const [kind, id] of Object.entries(ids)) {
    assert.ok(id, `no ${kind} chart in the pack`);
    assertTooltipSeparates(`board pack ${kind}`, await hoverChart(pack, `[data-chart="${id}"]`));
  }
  assert.deepEqual(violations, [], 'hovering broke the board pack\'s CSP');
  assert.deepEqual(errors, []);
  await pack.context().close();
});

// Names that differ only by punctuation share a slug ("knife-crime"), and both
// fall in one issue (weapons) by default, where they share its decision by
// design. Put in issues of their own with the issue editor, they must stay
// apart everywhere: ids on the page, labels, decisions, the pack's chart data.
test('measures named alike ("Knife crime", "Knife-crime") keep their own ids, decisions and board pages', async () => {
  const page = await openPage('#/data', { acceptDownloads: true });
  await page.locator('table.data-tables tbody tr').first().waitFor();
  const districts = ['Ashford', 'Canterbury', 'Dartford', 'Dover', 'Gravesham', 'Maidstone', 'Sevenoaks', 'Shepway',
    'Swale', 'Thanet', 'Tonbridge and Malling', 'Tunbridge Wells'];
  const lines = ['Area,Period,Measure,Count'];
  ['2012/13', '2013/14', '2014/15'].forEach((year, y) => districts.forEach((area, d) => {
    lines.push(`${area},${year},Knife crime,${40 + d * 3 + y * 5}`);
    lines.push(`${area},${year},Knife-crime,${90 + d * 7 - y * 4}`);
  }));
  await page.setInputFiles('#file-input', { name: 'knives.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\r\n')}\r\n`) });
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('knives.csv'));
  assert.match(await page.locator('.import-log li').first().innerText(), /imported\.$/);
  /** Ids used more than once on the page, and labels whose `for` names no control. */
  const idProblems = () => page.evaluate(() => {
    const seen = new Map();
    document.querySelectorAll('[id]').forEach((e) => seen.set(e.id, (seen.get(e.id) || 0) + 1));
    const orphans = [...document.querySelectorAll('label[for]')].filter((l) => !l.control).map((l) => l.htmlFor);
    return { repeated: [...seen].filter(([, n]) => n > 1).map(([id]) => id), orphans };
  });
  // The Data view with the file's mapping unfolded: each column's controls are its own.
  await page.locator('details.mapping', { hasText: 'knives.csv › CSV' }).locator('summary').click();
  await page.locator('details.mapping', { hasText: 'knives.csv › CSV' }).locator('select').first().waitFor();
  assert.deepEqual(await idProblems(), { repeated: [], orphans: [] });

  await page.getByRole('link', { name: 'Assessment' }).click();
  const ranked = page.locator('table.priorities tbody tr');
  await ranked.first().waitFor();
  // Both measures are in the measures table, each with its own row.
  const measureRows = await page.locator('table.assessment th[scope=row]').allInnerTexts();
  assert.ok(measureRows.includes('Knife crime') && measureRows.includes('Knife-crime'), measureRows.join(' | '));
  // By default both are measures of one issue, which holds them both.
  const weapons = ranked.filter({ has: page.getByRole('rowheader', { name: /^Weapons/ }) });
  assert.match(await weapons.locator('th').getAttribute('title'), /^Knife crime, Knife-crime$|^Knife-crime, Knife crime$/);
  // The issue editor makes each an issue of its own (its box cleared).
  const editor = page.locator('details.issue-groups');
  await editor.locator('summary').click();
  for (const name of ['Knife-crime', 'Knife crime']) {
    const box = editor.getByLabel(name, { exact: true });
    await box.fill('');
    await box.press('Tab');
    await page.getByLabel(`Decision on ${name}`, { exact: true }).waitFor();
  }
  const rowOf = (measure) => ranked.filter({ has: page.getByRole('rowheader', { name: measure, exact: true }) });
  await rowOf('Knife crime').waitFor();
  await rowOf('Knife-crime').waitFor();
  // No id on the page is used twice, so each label names its own field: the
  // matrix, the judgements, the issue editor, the measure tables and findings.
  assert.deepEqual(await idProblems(), { repeated: [], orphans: [] });
  // Each label controls the control that names its own issue or measure.
  for (const name of ['Knife crime', 'Knife-crime']) {
    const decision = page.getByLabel(`Decision on ${name}`, { exact: true });
    assert.equal(await decision.count(), 1);
    assert.equal(await editor.getByLabel(name, { exact: true }).inputValue(), name);
  }
  // The district chart draws each measure's own figures.
  for (const name of ['Knife crime', 'Knife-crime']) {
    await page.locator('#measure-select').selectOption(name);
    await page.waitForFunction((n) => {
      const chart = document.querySelector('[data-chart="district-comparison"]');
      return chart && echarts.getInstanceByDom(chart)?.getOption().title?.[0]?.text.startsWith(`${n} `);
    }, name);
  }
  // An override set through one issue's labels lands on that issue.
  await page.getByLabel('Decision on Knife-crime', { exact: true }).selectOption('priority');
  await page.getByLabel('Reason for the decision on Knife-crime', { exact: true }).fill('Raised by the youth panel');
  await page.getByLabel('Reason for the decision on Knife-crime', { exact: true }).press('Tab');
  await page.waitForFunction(() => document.querySelector('table.priorities')?.textContent.includes('overridden: Raised by the youth panel'));
  assert.match(await rowOf('Knife-crime').innerText(), /overridden: Raised by the youth panel/);
  assert.doesNotMatch(await rowOf('Knife crime').innerText(), /overridden/);
  assert.equal(await page.getByLabel('Decision on Knife crime', { exact: true }).inputValue(), 'matrix');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('cspw.priorities.v1')));
  assert.deepEqual(Object.keys(stored.overrides), ['Knife-crime']);

  // Both on the board: each page of the pack draws its own issue's charts.
  await page.getByLabel('Decision on Knife crime', { exact: true }).selectOption('priority');
  await page.getByLabel('Reason for the decision on Knife crime', { exact: true }).fill('Up three years running');
  await page.getByLabel('Reason for the decision on Knife crime', { exact: true }).press('Tab');
  await page.waitForFunction(() => document.querySelector('table.priorities')?.textContent.includes('overridden: Up three years running'));
  await page.getByRole('link', { name: 'Board' }).click();
  const file = await downloadBoardPack(page);
  await page.context().close();
  const violations = [];
  const errors = [];
  const pack = await openBoardPack(file, violations, errors);
  const pages = await pack.$$eval('section.priority', (sections) => sections.map((s) => ({
    heading: s.querySelector('h2')?.textContent ?? '',
    charts: [...s.querySelectorAll('[data-chart]')].map((c) => ({
      id: c.getAttribute('data-chart'),
      title: echarts.getInstanceByDom(c)?.getOption().title?.[0]?.text ?? '',
    })),
  })));
  const drawn = pages.flatMap((p) => p.charts.map((c) => c.id));
  assert.equal(new Set(drawn).size, drawn.length, `chart ids repeat in the pack: ${drawn.join(', ')}`);
  // The chart data holds each chart once: no key twice (JSON.parse would keep the last silently).
  const raw = readFileSync(file, 'utf8').match(/<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/)[1];
  const keys = Object.keys(JSON.parse(raw));
  for (const key of keys) assert.equal(raw.split(`${JSON.stringify(key)}:`).length - 1, 1, `the chart data names ${key} more than once`);
  assert.equal(keys.length, await pack.locator('[data-chart]').count());
  assert.deepEqual(await pack.evaluate(() => {
    const seen = new Map();
    document.querySelectorAll('[id]').forEach((e) => seen.set(e.id, (seen.get(e.id) || 0) + 1));
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  }), []);
  for (const name of ['Knife crime', 'Knife-crime']) {
    const own = pages.find((p) => p.heading === name);
    assert.ok(own, `no page for ${name}: ${pages.map((p) => p.heading).join(', ')}`);
    const trend = own.charts.find((c) => c.id.startsWith('trend-'));
    assert.ok(trend, `${name}'s page has no trend chart`);
    assert.equal(trend.title.toLowerCase(), `${name} in Tunbridge Wells over time`.toLowerCase(), `${name}'s page draws another issue's chart`);
  }
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await pack.context().close();
});

/** The rows of a CSV file (RFC 4180 quoting), without its byte order mark. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && body[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

test('the figures CSV and Excel files write a rise and a fall as plain numbers', async () => {
  const page = await openPage('#/assessment', { acceptDownloads: true });
  await waitForSample(page);
  await page.getByRole('link', { name: 'Plan' }).click();
  // The exports sit under a draft.
  await page.getByRole('button', { name: 'New draft from the assessment' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Figures (CSV)' }).click(),
  ]);
  const rows = parseCsv(readFileSync(await download.path(), 'utf8'));
  const change = rows[0].indexOf('Change');
  assert.ok(change > 0, rows[0].join('|'));
  const cell = (measure) => rows.find((r) => r[0] === measure)?.[change];
  // All crime rose by 42 and drug offences fell by 45 (the published figures).
  assert.equal(cell('All crime'), '42');
  assert.equal(cell('Violent crime'), '195');
  assert.equal(cell('Drug offences'), '-45');
  // The Excel file: each change a number cell (a rise's sign is in its number
  // format), never text.
  const [excel] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Figures (Excel)' }).click(),
  ]);
  const XLSX = require('xlsx');
  const sheet = XLSX.read(readFileSync(await excel.path())).Sheets.Figures;
  const grid = XLSX.utils.sheet_to_json(sheet, { header: 1, raw: true });
  const column = grid[0].indexOf('Change');
  const at = (measure) => {
    const r = grid.findIndex((row) => row[0] === measure);
    return sheet[XLSX.utils.encode_cell({ r, c: column })];
  };
  for (const [measure, value] of [['All crime', 42], ['Violent crime', 195], ['Drug offences', -45]]) {
    assert.equal(at(measure)?.t, 'n', `${measure}: ${JSON.stringify(at(measure))}`);
    assert.equal(at(measure).v, value);
  }
  await page.context().close();
});

test('nothing logged an error, nothing broke the CSP and no request left 127.0.0.1', () => {
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(cspViolations, []);
  assert.deepEqual(blocked, []);
  assert.ok(requests.length > 5, 'requests were recorded');
  for (const url of requests) {
    const { protocol, hostname } = new URL(url);
    assert.ok(protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1', url);
  }
});
