// Development aid: where the main thread's long tasks go with many measures.
// Imports an N-measure input in the Data view, opens the Assessment, changes
// "Compared with", then reloads the page (the data read back from IndexedDB),
// and prints each long task of every phase with the functions that took most
// of its time (a CDP CPU profile).
// Usage: node tools/profile-scale.mjs [measures=1000 | sheets=500 | file=PATH] [dist=dist]
// (`measures=N`: tests/e2e/scale.test.mjs's wide CSV of N measure columns;
// `sheets=500`: a workbook of 500 small sheets; `file=PATH`: any file, such as
// make bench's target/bench-inputs/measures-10000.csv).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { startApp } from '../tests/e2e/harness.mjs';
import { manySheets, wideCsv } from '../tests/e2e/scale-inputs.mjs';

const [mode, value] = (process.argv[2] ?? 'measures=1000').includes('=') ? process.argv[2].split('=') : ['measures', process.argv[2]];
let file;
if (mode === 'file') {
  file = resolve(value);
} else {
  file = join(mkdtempSync(join(tmpdir(), 'cspw-prof-')), mode === 'sheets' ? `s${value}.xlsx` : `m${value}.csv`);
  writeFileSync(file, mode === 'sheets' ? manySheets(Number(value)) : wideCsv(Number(value)));
}
const app = await startApp(process.argv[3] ? new URL(`file://${resolve(process.argv[3])}/`).pathname : undefined);
try {
  const context = await app.newContext();
  // Every page of the profile (the reload too) records its long tasks in epoch ms.
  await context.addInitScript(() => {
    window.tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.tasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await app.openIn(context, '#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  const now = () => page.evaluate(() => performance.timeOrigin + performance.now());
  const assessed = () => page.evaluate(() => performance.getEntriesByName('cspw:assess').length);
  // A marker function busy for 30 ms at a known time lines a profile up with the clock.
  const marker = () => page.evaluate(() => {
    const at = performance.now();
    const cspwProfileMarker = () => { let x = 0; while (performance.now() - at < 30) x += 1; return x; };
    cspwProfileMarker();
    return performance.timeOrigin + at;
  });
  const phases = [];
  const phase = async (label, act, done) => {
    const start = await now();
    await act();
    await done();
    await page.waitForTimeout(2000);
    phases.push({ label, start, end: await now() });
  };
  const untilAssessed = async (before) => page.waitForFunction((k) => performance.getEntriesByName('cspw:assess').length > k, before, { timeout: 600_000, polling: 100 });
  await cdp.send('Profiler.start');
  const mark1 = await marker();
  let before = await assessed();
  await phase('import', () => page.setInputFiles('#file-input', file), async () => {
    await page.waitForFunction((n) => document.querySelector('.import-log li')?.textContent.includes(n), basename(file), { timeout: 600_000 });
    await untilAssessed(before);
  });
  await phase('Assessment opened', () => page.evaluate(() => { location.hash = '#/assessment'; }),
    () => page.locator('table.assessment tbody tr').first().waitFor({ timeout: 600_000 }));
  const select = page.locator('#county-select');
  const other = (await select.count()) ? await select.evaluate((s) => [...s.options].map((o) => o.value).find((v) => v !== s.value) ?? null) : null;
  if (other != null) {
    before = await assessed();
    await phase('"Compared with" changed', () => select.selectOption(other), () => untilAssessed(before));
  }
  // Wait for the data to be kept (its write is sliced and follows the import).
  await page.waitForTimeout(3000);
  const first = (await cdp.send('Profiler.stop')).profile;
  const tasksBefore = await page.evaluate(() => window.tasks);
  const profiled = [{ profile: first, mark: mark1, phases: [...phases] }];
  phases.length = 0;
  await cdp.send('Profiler.start');
  await phase('reload (data read back from IndexedDB)', () => page.reload(), async () => {
    await page.waitForFunction(() => performance.getEntriesByName('cspw:assess').length > 0 && document.querySelector('table.assessment tbody tr'), null, { timeout: 600_000, polling: 100 });
  });
  const mark2 = await marker();
  profiled.push({ profile: (await cdp.send('Profiler.stop')).profile, mark: mark2, phases: [...phases] });
  const tasks = [...tasksBefore, ...await page.evaluate(() => window.tasks)];
  for (const { profile, mark, phases: inProfile } of profiled) report(profile, mark, inProfile, tasks);
} finally {
  await app.close();
}

/** Prints each phase's long tasks with the functions a CPU profile saw in them. */
function report(profile, mark, phases, tasks) {
  // Profile times are µs on a monotonic clock: lined up on the marker's samples.
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let t = profile.startTime;
  const raw = profile.samples.map((id, i) => { t += profile.timeDeltas[i]; return { id, t: t / 1000 }; });
  const markerAt = raw.find((s) => nodes.get(s.id).callFrame.functionName === 'cspwProfileMarker')?.t;
  const samples = raw.map((s) => ({ id: s.id, t: s.t - markerAt + mark }));
  const name = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
  for (const p of phases) {
    const inPhase = tasks.filter((x) => x.start + x.duration >= p.start && x.start <= p.end);
    const longest = inPhase.reduce((m, x) => Math.max(m, x.duration), 0);
    console.log(`\n=== ${p.label}: ${inPhase.length} long tasks, longest ${Math.round(longest)} ms, over 200 ms: ${inPhase.filter((x) => x.duration > 200).length}`);
    for (const task of inPhase.sort((a, b) => b.duration - a.duration).slice(0, 5)) {
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
      console.log(`\nlong task at ${Math.round(task.start - p.start)} ms into the phase, ${Math.round(task.duration)} ms, ${inside.length} samples`);
      const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([f, c]) => `  ${(100 * c / Math.max(1, inside.length)).toFixed(0)}% ${f}`).join('\n');
      console.log(' self:\n' + top(self, 10));
      console.log(' total (the app\'s own functions):\n' + top(new Map([...total].filter(([f]) => f.includes('csp_workbench::') || f.includes('serde_json'))), 30));
    }
  }
}
