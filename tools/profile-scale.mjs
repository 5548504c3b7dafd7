// Development aid: where the main thread's long tasks go with many measures.
// Imports an N-measure CSV in the Data view, opens the Assessment, and prints
// each long task with the functions that took most of its time (a CDP CPU
// profile). Usage: node tools/profile-scale.mjs [measures=1000 | sheets=500] [dist=dist]
// (`sheets=500`: a workbook of 500 small sheets instead of one wide CSV).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../tests/e2e/harness.mjs';
import { manySheets, wideCsv } from '../tests/e2e/scale-inputs.mjs';

const [mode, count] = (process.argv[2] ?? 'measures=1000').includes('=') ? process.argv[2].split('=') : ['measures', process.argv[2]];
const measures = Number(count);
const app = await startApp(process.argv[3] ? new URL(`file://${process.argv[3]}/`).pathname : undefined);
try {
  const page = await app.openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await page.evaluate(() => {
    window.tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
  const file = join(mkdtempSync(join(tmpdir(), 'cspw-prof-')), mode === 'sheets' ? `s${measures}.xlsx` : `m${measures}.csv`);
  writeFileSync(file, mode === 'sheets' ? manySheets(measures) : wideCsv(measures));
  const origin = await page.evaluate(() => performance.timeOrigin);
  await cdp.send('Profiler.start');
  // A marker function busy for 30 ms at a known time lines the profile up with performance.now().
  const mark = await page.evaluate(() => {
    const at = performance.now();
    const cspwProfileMarker = () => { let x = 0; while (performance.now() - at < 30) x += 1; return x; };
    cspwProfileMarker();
    return at;
  });
  const t0 = await page.evaluate(() => performance.now());
  await page.setInputFiles('#file-input', file);
  await page.waitForFunction((n) => document.querySelector('.import-log li')?.textContent.includes(n), file.split('/').pop(), { timeout: 600_000 });
  const t1 = await page.evaluate(() => performance.now());
  await page.waitForTimeout(2000);
  const t2 = await page.evaluate(() => performance.now());
  await page.evaluate(() => { location.hash = '#/assessment'; });
  await page.locator('table.assessment tbody tr').first().waitFor({ timeout: 600_000 });
  await page.waitForTimeout(3000);
  const t3 = await page.evaluate(() => performance.now());
  const select = page.locator('#county-select');
  if (await select.count()) {
    const other = await select.evaluate((s) => [...s.options].map((o) => o.value).find((v) => v !== s.value) ?? null);
    if (other != null) await select.selectOption(other);
    await page.waitForTimeout(4000);
  }
  const { profile } = await cdp.send('Profiler.stop');
  const tasks = await page.evaluate(() => window.tasks);
  console.log(`phases (ms from start): import done ${Math.round(t1 - t0)}, assessment opened ${Math.round(t2 - t0)}..${Math.round(t3 - t0)}`);
  // Profile times are in µs on a monotonic clock; align with the first sample ~ Profiler.start ≈ t0.
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let t = profile.startTime;
  const raw = profile.samples.map((id, i) => { t += profile.timeDeltas[i]; return { id, t: t / 1000 }; });
  const markerAt = raw.find((s) => nodes.get(s.id).callFrame.functionName === 'cspwProfileMarker')?.t;
  const samples = raw.map((s) => ({ id: s.id, t: s.t - markerAt + mark }));
  const name = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
  const sorted = tasks.filter((x) => x.start >= t0 - 10).sort((a, b) => b.duration - a.duration).slice(0, 8);
  for (const task of sorted) {
    const inside = samples.filter((s) => s.t >= task.start && s.t <= task.start + task.duration);
    const self = new Map();
    const total = new Map();
    for (const s of inside) {
      const n = nodes.get(s.id);
      self.set(name(n), (self.get(name(n)) ?? 0) + 1);
      const seen = new Set();
      for (let id = s.id; id != null; id = parent.get(id)) {
        const k = name(nodes.get(id));
        if (!seen.has(k)) { seen.add(k); total.set(k, (total.get(k) ?? 0) + 1); }
      }
    }
    console.log(`\nlong task at ${Math.round(task.start - t0)} ms, ${Math.round(task.duration)} ms, ${inside.length} samples`);
    const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([f, c]) => `  ${(100 * c / Math.max(1, inside.length)).toFixed(0)}% ${f}`).join('\n');
    console.log(' self:\n' + top(self, 12));
    console.log(' total (the app\'s own functions):\n' + top(new Map([...total].filter(([f]) => f.includes('csp_workbench::') || f.includes('serde_json'))), 40));
  }
} finally {
  await app.close();
}
