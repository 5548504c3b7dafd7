// `make bench`: browser benchmarks of the built app in Debian's Chromium.
//
//   A. Import, workbench (the app's own import worker) against a peer on the
//      page's main thread (SheetJS; PapaParse + a JavaScript group-by), run by
//      run in the same page session, on deterministic inputs (bench/inputs.mjs).
//   B. Build sizes, initial download, cold load to first chart, the
//      assessment's recompute, the longest main-thread task and the JS heap
//      during a 100,000-row import in the real app.
//   C. Many measures in the real app: the longest main-thread tasks and the
//      recompute with 1,000 and 10,000 measures (import, opening the
//      Assessment view, a recompute, the page reloaded with the data kept).
//   M. Peak memory on hostile workbooks (examples/make_memory_inputs.rs): the
//      command-line reader's maximum resident set (/usr/bin/time -v), and the
//      import worker's WebAssembly memory in Chromium.
//
// Prints one table per section, then writes bench/RESULTS.md.
//   node bench/run.mjs [--dist dist] [--runs 5] [--inputs target/bench-inputs]
//                      [--out bench/RESULTS.md] [--sections A,B,C,M] [--only street-100k.csv,…]
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchChromium } from '../tests/e2e/harness.mjs';
import { cspTableShape, DEFAULT_DIR, ensureInputs, INPUTS } from './inputs.mjs';
import { serveBench } from './server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The many-measures inputs of section C, and the national table of 300-odd partnerships. */
const MANY = [INPUTS.measures1k, INPUTS.measures10k, INPUTS.csp300];
/** How an input of section C is named in the tables (`short`) and described (`about`). */
function manyLabel(input) {
  if (input === INPUTS.csp300) {
    const { partnerships, offences } = cspTableShape();
    return {
      short: `${input.file} (${int(partnerships.length)} partnerships × ${int(offences.length)} offences)`,
      target: `${int(partnerships.length)} partnerships`,
      about: `\`${input.file}\` (a national Home Office partnership table: every partnership of the built-in geography, ${int(partnerships.length)}, with its force × the ${int(offences.length)} offences of the Home Office's table × ${int(input.years * 4)} quarters, ${int(partnerships.length * offences.length * input.years * 4)} rows)`,
    };
  }
  return {
    short: `${input.file} (${int(input.measures)} measures)`,
    target: `${int(input.measures)} measures`,
    about: `\`${input.file}\` (a long table of ${int(input.measures)} measures × Kent's 12 districts and the county × ${int(input.years)} financial years)`,
  };
}

// ---- arguments ------------------------------------------------------------------

function parseArgs(argv) {
  const opts = {
    dist: 'dist', runs: 5, inputs: DEFAULT_DIR, out: join(ROOT, 'bench/RESULTS.md'),
    sections: ['A', 'B', 'C', 'M'], only: null, coldLoads: 5, toggles: 10,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--dist': opts.dist = value(); break;
      case '--runs': opts.runs = Math.max(1, Number.parseInt(value(), 10)); break;
      case '--inputs': opts.inputs = value(); break;
      case '--out': opts.out = value(); break;
      case '--sections': opts.sections = value().toUpperCase().split(','); break;
      case '--only': opts.only = value().split(','); break;
      case '--cold-loads': opts.coldLoads = Math.max(1, Number.parseInt(value(), 10)); break;
      default:
        console.error(`bench: unknown option ${argv[i]}\nusage: node bench/run.mjs [--dist dist] [--runs 5] [--inputs dir] [--out file] [--sections A,B,C] [--only file,…]`);
        process.exit(2);
    }
  }
  opts.dist = resolve(opts.dist);
  if (!existsSync(join(opts.dist, 'index.html'))) {
    console.error(`bench: ${opts.dist}/index.html not found: build the app first (make build)`);
    process.exit(2);
  }
  return opts;
}

// ---- formatting (en-GB) -----------------------------------------------------------

const nf = (digits) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (n) => nf(0).format(n);
const ms = (n) => (n == null || Number.isNaN(n) ? '–' : nf(n >= 100 ? 0 : n >= 10 ? 1 : 2).format(n));
const kb = (bytes) => `${nf(1).format(bytes / 1024)} KB`;
const mb = (bytes) => (bytes == null ? '–' : `${nf(1).format(bytes / (1024 * 1024))} MB`);
const bytesize = (bytes) => (bytes < 1024 * 1024 ? kb(bytes) : mb(bytes));
const plural = (n, one, many = `${one}s`) => `${int(n)} ${n === 1 ? one : many}`;
const ratio = (r) => (r == null || !Number.isFinite(r) ? '–' : `${nf(2).format(r)}×`);
const log = (...a) => console.error('bench:', ...a);

function median(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const stats = (xs) => (xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length } : null);
const spread = (s) => (s ? `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})` : '–');

/** A Markdown table, padded so that it also reads as plain text. */
function table(headers, rows, align = []) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const width = headers.map((_, i) => Math.max(3, ...cells.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => (align[i] === 'r' ? c.padStart(width[i]) : c.padEnd(width[i]))).join(' | ')} |`;
  const rule = `| ${width.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

// ---- the machine ------------------------------------------------------------------

function machine(browserVersion) {
  const cpus = os.cpus();
  let osName = `${os.type()} ${os.release()}`;
  try {
    const pretty = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m)?.[1];
    if (pretty) osName = `${pretty} (${os.type()} ${os.release()})`;
  } catch { /* not Linux */ }
  let commit = 'unknown';
  try {
    // Read-only: the commit the tree was checked out at (it may have uncommitted changes).
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch { /* not a checkout */ }
  return {
    cpu: `${cpus[0]?.model?.trim() ?? 'unknown'} × ${cpus.length}`,
    ram: `${nf(1).format(os.totalmem() / 2 ** 30)} GiB`,
    os: osName,
    chromium: browserVersion,
    node: process.version,
    commit,
    loadStart: os.loadavg()[0],
  };
}

// ---- CDP: garbage collection and the JS heap ----------------------------------------

/**
 * Two CDP sessions on the page: one for Performance.getMetrics, which Chromium
 * answers even while the page's main thread is busy, and one for the calls
 * that wait for it to be idle, so that those never hold up the first.
 */
async function cdpFor(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  cdp.idle = await page.context().newCDPSession(page);
  return cdp;
}

async function heapUsed(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
}

/**
 * The JS heap plus what V8 keeps outside it: ArrayBuffer backing stores and
 * external strings (a large TextDecoder result lives there, not in JSHeapUsedSize).
 */
async function heapWithExternal(cdp) {
  const u = await cdp.idle.send('Runtime.getHeapUsage');
  return u.usedSize + (u.backingStorageSize ?? 0) + (u.embedderHeapUsedSize ?? 0);
}

/**
 * Polls JSHeapUsedSize (and the heap with external memory) every ~50 ms until
 * stopped; resolves to { baseline, peak, baselineAll, peakAll, samples }.
 */
async function heapWatch(cdp) {
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const baseline = await heapUsed(cdp);
  const baselineAll = await heapWithExternal(cdp).catch(() => null);
  let peak = baseline;
  let peakAll = baselineAll;
  let samples = 0;
  let samplesAll = 0;
  let running = true;
  const sampleJs = async () => {
    const used = await heapUsed(cdp).catch(() => null);
    if (used != null) {
      samples++;
      peak = Math.max(peak, used);
    }
  };
  const sampleAll = async () => {
    const all = await heapWithExternal(cdp).catch(() => null);
    if (all != null && peakAll != null) {
      samplesAll++;
      peakAll = Math.max(peakAll, all);
    }
  };
  const every50ms = async (sample) => {
    while (running) {
      await sample();
      await new Promise((ok) => setTimeout(ok, 50));
    }
  };
  const loops = [every50ms(sampleJs), every50ms(sampleAll)];
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      await Promise.all([sampleJs(), sampleAll()]);
      return { baseline, peak, baselineAll, peakAll, samples, samplesAll };
    },
  };
}

// ---- A: import, workbench against peer ------------------------------------------------

const IMPORT_INPUTS = [
  { key: 'street100k', label: 'street-100k.csv', trials: 2 },
  { key: 'street1m', label: 'street-1m.csv', trials: 1, heap: true },
  { key: 'records50k', label: 'records-50k.xlsx', trials: 2 },
  { key: 'records20k', label: 'records-20k.ods', trials: 2 },
  { key: 'sample', label: 'csp-sample-assessment.xlsx', trials: 3 },
];

/** Does the peer's group-by give the workbench's totals, measure by measure? */
function compareTotals(w, p) {
  if (!w || !p) return { agree: null, diffs: [] };
  const diffs = [];
  for (const measure of new Set([...Object.keys(w), ...Object.keys(p)])) {
    if ((w[measure] ?? 0) !== (p[measure] ?? 0)) diffs.push(`${measure}: workbench ${w[measure] ?? 0}, peer ${p[measure] ?? 0}`);
  }
  return { agree: diffs.length === 0, diffs };
}

async function benchImports(browser, server, opts, warnings) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => warnings.push(`bench page error: ${e.message}`));
  await page.goto(`${server.url}__bench/page.html`);
  await page.waitForFunction(() => window.bench?.ready);
  const cdp = await cdpFor(page);
  const gc = () => cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const results = [];

  for (const input of IMPORT_INPUTS) {
    const spec = INPUTS[input.key];
    if (opts.only && !opts.only.includes(spec.file)) continue;
    const file = spec.file;
    const bytes = await page.evaluate((f) => bench.load(f), file);
    const csv = spec.kind === 'csv';
    const modes = await page.evaluate((c) => (c ? bench.csvModes : bench.sheetModes), csv);
    const peer = (mode) => page.evaluate(([f, m, r]) => bench.peer(f, m, { records: r }), [file, mode, spec.records]);
    const workbench = (check = true) => page.evaluate(([f, c]) => bench.workbench(f, { check: c }), [file, check]);
    log(`${file} (${bytesize(bytes)}): choosing the peer's fastest mode of ${modes.join(', ')}`);

    // The peer's fastest mode, chosen on untimed trials (which also warm it up).
    const trials = {};
    for (let t = 0; t < input.trials; t++) {
      for (const mode of modes) {
        await gc();
        const r = await peer(mode);
        (trials[mode] ??= []).push(r.ms);
      }
    }
    const mode = modes.reduce((best, m) => (median(trials[m]) < median(trials[best]) ? m : best), modes[0]);
    const peerName = csv ? `PapaParse ${mode} + group-by` : `SheetJS ${mode}${spec.records ? ' + group-by' : ''}`;

    // One untimed warm-up of each, then alternate run by run.
    log(`${file}: warm-up, then ${opts.runs} runs each, alternating (peer: ${peerName})`);
    await gc();
    const warm = await workbench();
    await gc();
    const peerWarm = await peer(mode);
    const wTimes = [];
    const wInner = [];
    const pTimes = [];
    let wLast = warm;
    let pLast = peerWarm;
    let memoryBytes = warm.memoryBytes ?? null;
    for (let run = 0; run < opts.runs; run++) {
      if (!warm.error) {
        await gc();
        const w = await workbench(run === opts.runs - 1);
        if (w.error) {
          warnings.push(`${file}: the workbench failed on run ${run + 1}: ${w.error}`);
        } else {
          wTimes.push(w.ms);
          if (w.workerMs != null) wInner.push(w.workerMs);
          if (w.memoryBytes != null) memoryBytes = Math.max(memoryBytes ?? 0, w.memoryBytes);
          if (w.observations != null) wLast = w;
        }
      }
      await gc();
      const p = await peer(mode);
      pTimes.push(p.ms);
      pLast = p;
    }
    if (warm.error) warnings.push(`${file}: the workbench could not import it: ${warm.error}`);
    if (pLast.errors) warnings.push(`${file}: the peer reported ${pLast.errors} parse errors`);

    const check = spec.records && !warm.error ? compareTotals(wLast.totals, pLast.totals) : { agree: null, diffs: [] };
    if (check.agree === false) warnings.push(`${file}: the totals disagree: ${check.diffs.join('; ')}`);
    if (spec.records && !warm.error && wLast.forceObservations !== pLast.groups) {
      warnings.push(`${file}: the workbench made ${int(wLast.forceObservations)} observations by force, the peer ${int(pLast.groups)} groups`);
    }

    // The 1M-row file: the page's JS heap during one more run of each side.
    let heap = null;
    if (input.heap) {
      log(`${file}: one more run of each while watching the page's JS heap`);
      heap = {};
      if (!warm.error) {
        const watch = await heapWatch(cdp);
        const w = await workbench(false);
        heap.workbench = await watch.stop();
        if (w.memoryBytes != null) memoryBytes = Math.max(memoryBytes ?? 0, w.memoryBytes);
      }
      const watch = await heapWatch(cdp);
      await peer(mode);
      heap.peer = await watch.stop();
    }

    const w = stats(wTimes);
    const p = stats(pTimes);
    const allCrime = (t) => t?.['All crime (excluding anti-social behaviour)'];
    results.push({
      file, bytes, rows: spec.rows ?? null, records: spec.records, peerName, mode, trials,
      workbench: w, peer: p, workerOwn: stats(wInner), ratio: w && p ? w.median / p.median : null,
      error: warm.error ?? null,
      observations: wLast.observations ?? null, tables: wLast.tables ?? null,
      peerGroups: pLast.groups, peerRows: pLast.rows,
      wTotal: spec.records ? sumTotals(wLast.totals) : null, pTotal: spec.records ? sumTotals(pLast.totals) : null,
      wAllCrime: allCrime(wLast.totals), pAllCrime: allCrime(pLast.totals),
      agree: check.agree, memoryBytes, heap,
    });
    log(`${file}: workbench ${spread(w)} ms, peer ${spread(p)} ms, ratio ${ratio(w && p ? w.median / p.median : null)}`);
    await page.evaluate((f) => bench.drop(f), file);
  }
  await context.close();
  return results;
}

/**
 * A police.uk download (a zip of 12 monthly street files, 1,000,000 rows) imported by the
 * app's worker as a user's drop is, LSOA table fetch included. There is no peer: nothing on
 * the page reads a zip of CSVs. The force's totals are checked against the rows.
 */
async function benchDownloads(browser, server, opts, warnings) {
  const spec = INPUTS.streetYearZip;
  if (opts.only && !opts.only.includes(spec.file)) return null;
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => warnings.push(`bench page error: ${e.message}`));
  await page.goto(`${server.url}__bench/page.html`);
  await page.waitForFunction(() => window.bench?.ready);
  const cdp = await cdpFor(page);
  const gc = () => cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const file = spec.file;
  const bytes = await page.evaluate((f) => bench.load(f), file);
  log(`${file} (${bytesize(bytes)}): warm-up, then ${opts.runs} runs`);
  const warm = await page.evaluate((f) => bench.workbench(f, { check: true }), file);
  if (warm.error) {
    warnings.push(`${file}: the workbench could not import it: ${warm.error}`);
    await context.close();
    return { file, bytes, error: warm.error };
  }
  const times = [];
  const inner = [];
  let last = warm;
  for (let run = 0; run < opts.runs; run++) {
    await gc();
    last = await page.evaluate((f) => bench.workbench(f, { check: false }), file);
    if (last.error) {
      warnings.push(`${file}: the workbench failed on run ${run + 1}: ${last.error}`);
      break;
    }
    times.push(last.ms);
    if (last.workerMs != null) inner.push(last.workerMs);
    log(`${file}: run ${run + 1}: ${ms(last.ms)} ms`);
  }
  await page.evaluate((f) => bench.drop(f), file);
  await context.close();
  // The force's figure for all crime but ASB, summed over the months, and every row counted once.
  const rows = Object.entries(warm.forceTotals ?? {}).filter(([m]) => m !== 'All crime (excluding anti-social behaviour)')
    .reduce((s, [, n]) => s + n, 0);
  if (rows !== spec.rows) warnings.push(`${file}: the force's counts add up to ${rows} rows, not ${spec.rows}`);
  return {
    file, bytes, rows, observations: warm.observations, tables: warm.tables,
    workbench: stats(times), workerOwn: stats(inner), memoryBytes: last.memoryBytes ?? warm.memoryBytes,
  };
}

function heapCells(h) {
  if (!h) return ['–', '–', '–', '–', '–', '–'];
  const all = h.baselineAll == null ? ['–', '–', '–'] : [mb(h.baselineAll), mb(h.peakAll), mb(h.peakAll - h.baselineAll)];
  return [mb(h.baseline), mb(h.peak), mb(h.peak - h.baseline), ...all];
}

/** Every row counted once: the sum over the 14 categories (the all-crime measure is a subtotal). */
function sumTotals(t) {
  if (!t) return null;
  return Object.entries(t).filter(([m]) => m !== 'All crime (excluding anti-social behaviour)').reduce((s, [, n]) => s + n, 0);
}

// ---- B: sizes -----------------------------------------------------------------------------

function walk(root, at = root) {
  // Hidden entries (Trunk's .stage while a build runs) are not part of the build.
  return readdirSync(at, { withFileTypes: true }).filter((e) => !e.name.startsWith('.')).flatMap((entry) => {
    const path = join(at, entry.name);
    if (entry.isDirectory()) return walk(root, path);
    return entry.isFile() ? [relative(root, path).split(sep).join('/')] : [];
  });
}

function sizes(dist) {
  const files = {};
  for (const file of walk(dist).sort()) {
    const bytes = readFileSync(join(dist, file));
    files[file] = {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length,
    };
  }
  // What sw.js precaches: its FILES list, and sw.js itself.
  let precache = null;
  if (existsSync(join(dist, 'sw.js'))) {
    const list = readFileSync(join(dist, 'sw.js'), 'utf8').match(/const FILES = (\[[\s\S]*?\]);/)?.[1];
    if (list) precache = [...JSON.parse(list).map(decodeURIComponent), 'sw.js'];
  }
  return { files, precache };
}

function sum(files, names) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const name of names) for (const k of Object.keys(total)) total[k] += files[name]?.[k] ?? 0;
  return total;
}

// ---- B: the real app ------------------------------------------------------------------------

const FIRST_CHART_PROBE = () => {
  // Fallback for builds without the cspw:first-chart mark: when a chart's canvas first appears.
  const seen = () => {
    if (window.__benchFirstChart == null && document.querySelector('[data-chart] canvas')) {
      window.__benchFirstChart = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
};

async function coldLoads(browser, server, opts, dist) {
  const loads = [];
  let requested = null;
  for (let i = 0; i < opts.coldLoads; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    await context.addInitScript(FIRST_CHART_PROBE);
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(server.url);
    await page.waitForFunction(() => window.__benchFirstChart != null
      || performance.getEntriesByName('cspw:first-chart').length > 0, null, { timeout: 60_000, polling: 50 });
    const snapshot = [...requests];
    // The mark may follow the canvas by a moment: give it a second.
    await page.waitForFunction(() => performance.getEntriesByName('cspw:first-chart').length > 0, null, { timeout: 1000, polling: 50 }).catch(() => {});
    const t = await page.evaluate(() => {
      const mark = performance.getEntriesByName('cspw:first-chart')[0];
      return mark ? { ms: mark.startTime, source: 'mark' } : { ms: window.__benchFirstChart, source: 'canvas' };
    });
    loads.push(t);
    if (!requested) requested = snapshot;
    log(`cold load ${i + 1}: first chart at ${ms(t.ms)} ms (${t.source})`);
    await context.close();
  }
  const base = new URL(server.url);
  const files = [...new Set(requested.map((u) => {
    const url = new URL(u);
    if (url.origin !== base.origin) return null;
    const path = decodeURIComponent(url.pathname).replace(/^\//, '');
    return path === '' ? 'index.html' : path;
  }).filter((f) => f && existsSync(join(dist, f)) && statSync(join(dist, f)).isFile()))];
  return { loads, requestedFiles: files };
}

async function loadedApp(browser, server, hash = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  await page.goto(server.url + hash);
  await page.locator('table.assessment').waitFor({ timeout: 120_000 });
  return page;
}

async function recompute(browser, server, opts) {
  const page = await loadedApp(browser, server);
  const count = () => page.evaluate(() => performance.getEntriesByName('cspw:assess').length);
  const before = await count();
  const changes = [];
  let marks = true;
  for (const id of ['#county-select', '#area-select']) {
    const select = page.locator(id);
    if (!(await select.count())) continue;
    const { current, other } = await select.evaluate((s) => ({
      current: s.value,
      other: [...s.options].map((o) => o.value).find((v) => v !== s.value) ?? null,
    }));
    if (other == null) continue;
    for (let i = 0; i < opts.toggles; i++) {
      const n = await count();
      await select.selectOption(i % 2 === 0 ? other : current);
      changes.push(id);
      // Wait for the recompute's measure; a build without them gets time to settle instead.
      if (marks) {
        marks = await page.waitForFunction((k) => performance.getEntriesByName('cspw:assess').length > k, n, { timeout: 5000, polling: 20 })
          .then(() => true, () => false);
      } else {
        await page.waitForTimeout(300);
      }
      await page.waitForTimeout(50);
    }
  }
  const durations = await page.evaluate((k) => performance.getEntriesByName('cspw:assess').slice(k).map((e) => e.duration), before);
  await page.context().close();
  return { changes: changes.length, initial: before, durations, stats: stats(durations) };
}

async function appImport(browser, server, inputsDir) {
  const page = await loadedApp(browser, server);
  await page.evaluate(() => { location.hash = '#/data'; });
  await page.locator('#file-input').waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForTimeout(500);
  const name = INPUTS.street100k.file;
  await page.evaluate((file) => {
    window.__bench = { tasks: [], start: null, end: null, outcome: null };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
    document.querySelector('#file-input').addEventListener('change', () => { window.__bench.start = performance.now(); }, { capture: true });
    const seen = () => {
      if (window.__bench.end != null) return;
      const li = [...document.querySelectorAll('.import-log li')].find((l) => l.textContent.includes(file));
      if (li) {
        window.__bench.end = performance.now();
        window.__bench.outcome = li.textContent;
      }
    };
    new MutationObserver(seen).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, name);
  const cdp = await cdpFor(page);
  const watch = await heapWatch(cdp);
  await page.setInputFiles('#file-input', join(inputsDir, name));
  await page.waitForFunction(() => window.__bench.end != null, null, { timeout: 180_000, polling: 50 });
  await page.waitForTimeout(1000); // tasks straight after the outcome still belong to the import
  const heap = await watch.stop();
  const r = await page.evaluate(() => {
    const measure = performance.getEntriesByName('cspw:import').at(-1);
    const b = window.__bench;
    const tasks = b.tasks.filter((t) => t.start + t.duration >= b.start);
    return {
      outcome: b.outcome,
      measured: measure ? measure.duration : null,
      fallback: b.end - b.start,
      tasks: tasks.map((t) => t.duration),
    };
  });
  await page.context().close();
  return {
    outcome: r.outcome,
    importMs: r.measured ?? r.fallback,
    importSource: r.measured != null ? 'cspw:import measure' : 'change event to outcome text',
    outcomeMs: r.fallback,
    longest: r.tasks.length ? Math.max(...r.tasks) : 0,
    over50: r.tasks.filter((d) => d > 50).length,
    over100: r.tasks.filter((d) => d > 100).length,
    taskCount: r.tasks.length,
    heap,
  };
}

/**
 * Many measures in the app: `input` (measures-1000.csv: 1,000 measures, 130,000 figures;
 * measures-10000.csv: 10,000 measures, 390,000 figures) chosen with the file picker in
 * the Data view, then the Assessment view opened, then "Compared with" changed; the long
 * tasks of each phase (from its start to one second after the app's `cspw:assess`
 * measure that ends it) and the recompute's own duration.
 */
async function manyMeasures(browser, server, inputsDir, input) {
  const page = await loadedApp(browser, server);
  await page.evaluate(() => { location.hash = '#/data'; });
  await page.locator('#file-input').waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForTimeout(500);
  const name = input.file;
  await page.evaluate(() => {
    window.__bench = { tasks: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
  const assessed = () => page.evaluate(() => performance.getEntriesByName('cspw:assess').length);
  const phase = async (label, act, settle) => {
    const before = await assessed();
    const start = await page.evaluate(() => performance.now());
    await act();
    await page.waitForFunction((k) => performance.getEntriesByName('cspw:assess').length > k, before, { timeout: 300_000, polling: 100 });
    if (settle) await settle();
    await page.waitForTimeout(1000);
    return page.evaluate(({ label, start, before }) => {
      const end = performance.now();
      const tasks = window.__bench.tasks.filter((t) => t.start + t.duration >= start && t.start <= end).map((t) => t.duration);
      const assess = performance.getEntriesByName('cspw:assess').slice(before).map((e) => e.duration);
      return { label, tasks, assess: assess.at(-1) ?? null };
    }, { label, start, before });
  };
  const phases = [];
  phases.push(await phase('import and recompute (Data view)', () => page.setInputFiles('#file-input', join(inputsDir, name))));
  await page.evaluate(() => { location.hash = '#/'; });
  const opened = await page.evaluate(() => performance.now());
  await page.locator('table.assessment').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1000);
  phases.push(await page.evaluate(({ start }) => ({
    label: 'Assessment view opened',
    tasks: window.__bench.tasks.filter((t) => t.start + t.duration >= start).map((t) => t.duration),
    assess: null,
  }), { start: opened }));
  const select = page.locator('#county-select');
  if (await select.count()) {
    const other = await select.evaluate((s) => [...s.options].map((o) => o.value).find((v) => v !== s.value) ?? null);
    if (other != null) phases.push(await phase('"Compared with" changed', () => select.selectOption(other)));
  }
  // The page loaded again with the data kept in IndexedDB: its write follows the
  // import a slice at a time, so it is waited for (the app's cspw:kept measure).
  // (A build without that measure gets 15 seconds instead.)
  await page.waitForFunction(() => performance.getEntriesByName('cspw:kept').length > 0, null, { timeout: 120_000, polling: 100 })
    .catch(() => page.waitForTimeout(15_000));
  await page.context().addInitScript(() => {
    window.__bench = { tasks: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.reload();
  // Read back (cspw:restore), then assessed: the first cspw:assess to start after it.
  // A build without cspw:restore: the Assessment's rows on show, nothing busy, then 5 s.
  const measured = await page.waitForFunction(() => {
    const restored = performance.getEntriesByName('cspw:restore')[0];
    return restored && performance.getEntriesByName('cspw:assess').some((a) => a.startTime >= restored.startTime + restored.duration);
  }, null, { timeout: 120_000, polling: 100 }).then(() => true, () => false);
  if (!measured) {
    await page.waitForFunction(() => document.querySelector('table.assessment tbody tr') && !document.querySelector('[aria-busy="true"]'), null, { timeout: 300_000, polling: 100 });
    await page.waitForTimeout(4000);
  }
  await page.waitForTimeout(1000);
  phases.push(await page.evaluate(() => {
    const restored = performance.getEntriesByName('cspw:restore')[0] ?? { startTime: 0, duration: null };
    const assess = performance.getEntriesByName('cspw:assess').filter((a) => a.startTime >= restored.startTime + (restored.duration ?? 0));
    return {
      label: 'page reloaded, the data read back from IndexedDB',
      tasks: window.__bench.tasks.map((t) => t.duration),
      assess: assess.at(-1)?.duration ?? null,
      restore: restored.duration,
    };
  }));
  await page.context().close();
  return phases.map((p) => ({
    ...p,
    input,
    longest: p.tasks.length ? Math.max(...p.tasks) : 0,
    over100: p.tasks.filter((d) => d > 100).length,
  }));
}

// ---- M: peak memory on hostile workbooks ------------------------------------------------------

/** The inputs of examples/make_memory_inputs.rs, written under the bench inputs. */
const MEMORY_INPUTS = [
  { file: 'declares-62m-cells.xlsx', about: 'one sheet of 1,048,576 rows × 60 columns filled (62,914,560 cells), its parts inflating to just under the 1 GB allowed' },
  { file: 'sparse-within-limit.xls', about: 'an Excel 97–2003 sheet of two cells spanning 25,000 rows × 240 columns, exactly the 6,000,000 cells an .xls may span (accepted)' },
  { file: 'sparse-far.xls', about: 'an Excel 97–2003 sheet of two cells at the corners of its grid (refused from the records\' positions)' },
  { file: 'worst-numbers.xlsx', about: 'areas down, 59 years across, 199,999 rows × 60 columns: 11,999,940 filled cells, just under the 12,000,000 allowed; numbers' },
  { file: 'worst-text.xlsx', about: 'the same grid, every cell a shared string of about 120 characters (10,007 of them)' },
  { file: 'worst.csv', about: 'the same kind of table as text, 99,999 rows × 60 columns: 5,999,940 cells, just under the 6,000,000 a text file may hold' },
  { file: 'worst.xls', about: 'an Excel 97–2003 sheet of 23,437 rows × 256 columns filled: 5,999,872 cells, just under the 6,000,000 an .xls may span' },
];
const MEMORY_DIR = 'memory';

function memoryInputs(inputsDir) {
  const dir = join(inputsDir, MEMORY_DIR);
  // Written again when the generator changes (the limits they sit at move with it).
  const stamp = join(dir, '.generator');
  const generator = readFileSync(join(ROOT, 'examples/make_memory_inputs.rs'), 'utf8');
  const current = existsSync(stamp) && readFileSync(stamp, 'utf8') === generator;
  if (!current || !MEMORY_INPUTS.every((i) => existsSync(join(dir, i.file)))) {
    log(`writing the memory inputs into ${dir}`);
    execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'make_memory_inputs', '--', dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    writeFileSync(stamp, generator);
  }
  execFileSync('cargo', ['build', '--quiet', '--release', '--bin', 'cspw'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return dir;
}

/** `cspw inspect FILE` under /usr/bin/time -v: its maximum resident set and what it said. */
function nativePeak(path) {
  const started = Date.now();
  // stderr whatever the outcome: /usr/bin/time writes its figures there when cspw reads the file too.
  const run = spawnSync('/usr/bin/time', ['-v', join(ROOT, 'target/release/cspw'), 'inspect', path], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const stderr = run.stderr?.toString() ?? '';
  const status = run.status ?? 1;
  const seconds = (Date.now() - started) / 1000;
  const kb = Number(stderr.match(/Maximum resident set size \(kbytes\): (\d+)/)?.[1] ?? NaN);
  const said = stderr.split('\n').find((l) => l.trim() && !l.startsWith('\t') && !l.startsWith('Command')) ?? '';
  return { peakBytes: kb * 1024, status, said: said.trim(), seconds };
}

async function benchMemory(browser, server, inputsDir, warnings) {
  const dir = memoryInputs(inputsDir);
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => warnings.push(`bench page error: ${e.message}`));
  await page.goto(`${server.url}__bench/page.html`);
  await page.waitForFunction(() => window.bench?.ready);
  const out = [];
  for (const input of MEMORY_INPUTS) {
    const path = join(dir, input.file);
    log(`peak memory: ${input.file}, natively`);
    const native = nativePeak(path);
    log(`peak memory: ${input.file}, natively ${mb(native.peakBytes)}; in the import worker`);
    const name = `${MEMORY_DIR}/${input.file}`;
    const bytes = await page.evaluate((f) => bench.load(f), name);
    const worker = await page.evaluate((f) => bench.workbench(f, { check: false }), name);
    await page.evaluate((f) => bench.drop(f), name);
    out.push({ ...input, bytes, native, worker });
  }
  await context.close();
  return out;
}

// ---- the report -----------------------------------------------------------------------------

function report({ opts, env, started, imports, download, size, cold, assess, imp, many, memory, warnings }) {
  const out = [];
  const section = (title) => out.push('', `## ${title}`, '');
  const targets = [];
  const target = (name, figure, met) => targets.push([name, figure, met == null ? 'not measured' : met ? 'met' : 'not met']);

  out.push('# CSP Workbench: browser benchmarks', '',
    `Written by \`make bench\` (\`node bench/run.mjs\`) on ${started.toISOString()}; ${opts.runs} timed runs per side.`, '');
  out.push(table(['', ''], [
    ['Machine', env.cpu], ['RAM', env.ram], ['OS', env.os], ['Chromium', env.chromium],
    ['Node', env.node], ['Commit', `${env.commit} (the working tree may hold uncommitted changes)`],
    ['Build measured', opts.dist],
    ['Load average (1 min) at start, end', `${nf(2).format(env.loadStart)}, ${nf(2).format(os.loadavg()[0])} (other work on the machine slows every figure)`],
  ]));

  section('How each figure was measured');
  out.push(
    '- **Inputs** are generated once by `bench/inputs.mjs` from a seeded PRNG (mulberry32) into `target/bench-inputs/`: street files shaped like data.police.uk\'s (24 months, mostly one force, ASB about 28%, two outcome names with commas so the file has quoted fields), a 20-column .xlsx and a 12-column .ods written by SheetJS, the same .ods with its content.xml unindented (as LibreOffice writes it; SheetJS indents it), and the app\'s sample.',
    '- **Workbench import**: on a bench page served from the same origin as the build, a fresh `new Worker(\'/import-worker_loader.js\')` per run, started and `ready` before the timer (the app starts its worker ahead of time); the time from `postMessage({name, bytes, recipes: \'[]\'})` (the buffer transferred) to the `done` message, which holds the imported data as JSON.',
    '- **Peer import**, on the same page\'s main thread: spreadsheets with SheetJS `XLSX.read(…, {type: \'array\', dense: true, …})` and `sheet_to_json(ws, {header: 1})` for every sheet; CSV with `TextDecoder` and PapaParse. For record files the peer then counts rows by (Crime type, Falls within, Month) and all crime but ASB by (Falls within, Month), in a `Map`, which is what the workbench computes from them. Each peer mode (PapaParse full parse, 4 MB `chunk` streaming, `step` row by row; SheetJS with its defaults, or `lean` without formatted text, number formats, HTML and styles) is tried untimed and the fastest is the one timed.',
    `- **Runs**: one untimed warm-up of each side, then ${opts.runs} runs of each, alternating workbench and peer, with a garbage collection (CDP \`HeapProfiler.collectGarbage\`) before each; median (min–max) in ms. The ratio is the workbench's median ÷ the peer's.`,
    '- **Totals**: the workbench\'s observations are summed per measure and compared with the peer\'s group-by; the rows column counts each record once (the sum over the 14 categories).',
    '- **JS heap**: CDP `Performance.getMetrics` (JSHeapUsedSize) polled every 50 ms after a garbage collection, during one extra run of each side on the 1M-row CSV, and during the app\'s own 100,000-row import. JSHeapUsedSize leaves out what V8 keeps outside its heap, such as the string a large `TextDecoder.decode` returns and every ArrayBuffer, so the same poll also reads `Runtime.getHeapUsage` (usedSize + backingStorageSize + embedderHeapUsedSize, the last being Blink\'s own heap; WebAssembly memory is in none of them). The workbench parses in its worker, whose memory is not the page\'s: the worker\'s wasm memory is shown as it reports it (`memoryBytes`, the most it held, as wasm memory never shrinks).',
    '- **Build sizes**: every file in the build directory, raw, gzip (level 9) and brotli (quality 11). The **initial download** is the sum, compressed, of the build\'s files the page requested during a cold load up to the first chart (Playwright request events); the **precache** is what `sw.js` caches, everything in the build.',
    `- **Cold load to first chart**: ${opts.coldLoads} loads, each in a fresh browser context (no cache, no service worker yet); the app's \`performance.mark('cspw:first-chart')\` (its startTime, from navigation start), or where the build has no such mark, the moment the first \`[data-chart] canvas\` appears (a MutationObserver). Median.`,
    `- **Recompute**: in a loaded app, "Compared with" (\`#county-select\`) and then "Local area" (\`#area-select\`) changed back and forth ${opts.toggles} times each; the app's \`cspw:assess\` measures recorded after the first change.`,
    '- **Import in the real app**: the app loaded with its sample, the Data view opened, a `PerformanceObserver` for `longtask` installed, and `street-100k.csv` chosen with the file picker; the import is timed by the app\'s `cspw:import` measure, or else from the input\'s `change` event to the outcome sentence in the import log. Long tasks from the `change` event to one second after the outcome are counted.',
    `- **Many measures in the app**: ${MANY.map((i) => manyLabel(i).about).join(', ')}, each in a fresh profile, chosen with the file picker in the Data view; then the Assessment view opened; then "Compared with" changed; then, once the data are kept in IndexedDB (the app's \`cspw:kept\` measure), the page reloaded, reading them back. Each phase's long tasks (\`longtask\` entries over 50 ms) from its start to one second after the \`cspw:assess\` measure that ends it (for the view, one second after its table appears; for the reload, every task from the navigation on, start-up included, to one second after the first \`cspw:assess\` that starts after the data are read back, \`cspw:restore\`); the recompute is that measure, from the change to the new assessment on show (the work is done in slices with the page answering between them, so it is not one task).`,
  );

  section('A. Import: workbench against peer (same page, alternating runs)');
  const aRows = imports.map((r) => [
    r.file, bytesize(r.bytes), r.error ? 'could not import' : spread(r.workbench), r.peerName, spread(r.peer), ratio(r.ratio),
    r.records ? `${r.wTotal == null ? '–' : int(r.wTotal)} / ${int(r.pTotal)}` : `${r.observations == null ? '–' : int(r.observations)} figures / ${int(r.peerRows)} rows`,
    r.agree == null ? '–' : r.agree ? 'yes' : 'NO',
    r.memoryBytes == null ? 'not reported' : mb(r.memoryBytes),
  ]);
  const aTable = table(['Input', 'Size', 'Workbench ms, median (min–max)', 'Peer', 'Peer ms, median (min–max)', 'Workbench ÷ peer',
    'Rows: workbench / peer', 'Totals agree', 'Worker wasm memory'], aRows, ['', 'r', 'r', '', 'r', 'r', 'r', '', 'r']);
  out.push(aTable);
  const trialRows = imports.map((r) => [r.file, Object.entries(r.trials).map(([m, t]) => `${m} ${ms(median(t))}`).join(', '), r.mode,
    r.workerOwn ? spread(r.workerOwn) : '–']);
  out.push('', 'Peer modes tried (untimed, median ms; the fastest was timed), and the part of the workbench\'s time spent inside its worker (the `importMs` the worker reports in its `done` message; the rest is starting the read, passing messages and the JSON string back):', '',
    table(['Input', 'Peer modes tried', 'Timed', 'Workbench inside its worker, ms'], trialRows, ['', '', '', 'r']));
  const bigHeap = imports.find((r) => r.heap);
  if (bigHeap) {
    out.push('', `JS heap of the bench page during one run of each side on ${bigHeap.file} (JSHeapUsedSize; then with the memory V8 keeps outside its heap, \`Runtime.getHeapUsage\` usedSize + backingStorageSize + embedderHeapUsedSize, where the decoded text and the input's ArrayBuffers live; the page keeps the input itself, ${bytesize(bigHeap.bytes)}, throughout; the workbench's copy of it is transferred to the worker):`, '', table(
      ['Side', 'JS heap before', 'Peak', 'Peak − before', 'With external: before', 'Peak', 'Peak − before', 'Samples (JS, external)'],
      [['workbench (page side; parsing is in the worker)', bigHeap.heap.workbench], [`peer (${bigHeap.peerName})`, bigHeap.heap.peer]]
        .map(([side, h]) => [side, ...heapCells(h), h ? `${int(h.samples)}, ${int(h.samplesAll)}` : '–']),
      ['', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  }

  if (download) {
    section('A. A police.uk download: a year of a large force');
    out.push(`${download.file} (${bytesize(download.bytes)}): 12 monthly street files of Kent Police, ${int(INPUTS.streetYearZip.rows)} rows with real Kent and Medway LSOAs, imported by the app's worker as a dropped zip is (inflating each file in turn, counting by force and by LSOA → district; the worker fetches the LSOA table, from the cache after the first run). No peer: nothing on the page reads a zip of CSV files.`, '');
    out.push(table(['Input', 'Size', 'Workbench ms, median (min–max)', 'Inside the worker', 'Rows counted (force)', 'Figures', 'Worker wasm memory'], [[
      download.file, bytesize(download.bytes), download.error ? 'could not import' : spread(download.workbench),
      spread(download.workerOwn), int(download.rows ?? 0), int(download.observations ?? 0), mb(download.memoryBytes),
    ]], ['', 'r', 'r', 'r', 'r', 'r', 'r']));
  }

  section('B. Build sizes');
  const sizeRows = Object.entries(size.files).map(([f, s]) => [f, kb(s.raw), kb(s.gzip), kb(s.brotli)]);
  const all = sum(size.files, Object.keys(size.files));
  sizeRows.push(['**total**', kb(all.raw), kb(all.gzip), kb(all.brotli)]);
  out.push(table(['File', 'Raw', 'gzip -9', 'brotli 11'], sizeRows, ['', 'r', 'r', 'r']));
  let initial = null;
  if (cold) {
    initial = sum(size.files, cold.requestedFiles);
    const pre = size.precache ? sum(size.files, size.precache) : null;
    out.push('', table(['', 'Files', 'Raw', 'gzip -9', 'brotli 11'], [
      ['Initial download (requested up to the first chart)', int(cold.requestedFiles.length), kb(initial.raw), kb(initial.gzip), kb(initial.brotli)],
      ...(pre ? [['Service worker precache (sw.js and its list)', int(size.precache.length), kb(pre.raw), kb(pre.gzip), kb(pre.brotli)]] : []),
    ], ['', 'r', 'r', 'r', 'r']), '', `Requested up to the first chart: ${cold.requestedFiles.map((f) => `\`${f}\``).join(', ')}.`);
  }

  section('B. The app in the browser');
  const bRows = [];
  let firstChart = null;
  if (cold) {
    firstChart = stats(cold.loads.map((l) => l.ms));
    const sources = [...new Set(cold.loads.map((l) => l.source))].join(', ');
    bRows.push(['Cold load to first chart', `${spread(firstChart)} ms`, `${cold.loads.length} cold loads; ${sources === 'mark' ? 'cspw:first-chart mark' : sources === 'canvas' ? 'no cspw:first-chart mark in this build: first chart canvas' : sources}`]);
  }
  if (assess) {
    bRows.push(['Full assessment recompute (wasm)', assess.stats ? `median ${ms(assess.stats.median)} ms, max ${ms(assess.stats.max)} ms` : 'not measured',
      assess.stats ? `${assess.durations.length} cspw:assess measures over ${assess.changes} changes` : `no cspw:assess measures were recorded over ${assess.changes} changes (this build does not record them)`]);
  }
  if (imp) {
    bRows.push(['Import of street-100k.csv in the app', `${ms(imp.importMs)} ms`, `${imp.importSource}${imp.importSource === 'cspw:import measure' ? ` (from the picker's change event to the outcome sentence: ${ms(imp.outcomeMs)} ms)` : ''}; outcome: “${imp.outcome?.trim()}”`]);
    bRows.push(['Longest main-thread task during it', imp.taskCount ? `${ms(imp.longest)} ms` : 'none over 50 ms', `${plural(imp.taskCount, 'long task')}; ${int(imp.over50)} over 50 ms, ${int(imp.over100)} over 100 ms`]);
    bRows.push(['Peak JS heap during it', mb(imp.heap.peak), `JSHeapUsedSize: ${mb(imp.heap.baseline)} before, +${mb(imp.heap.peak - imp.heap.baseline)}; ${int(imp.heap.samples)} samples`]);
    if (imp.heap.peakAll != null) {
      bRows.push(['… with memory outside the JS heap', mb(imp.heap.peakAll), `Runtime.getHeapUsage, JS + Blink heaps + ArrayBuffers and external strings (not wasm memory): ${mb(imp.heap.baselineAll)} before, +${mb(imp.heap.peakAll - imp.heap.baselineAll)}`]);
    }
  }
  out.push(table(['Measurement', 'Figure', 'How'], bRows, ['', 'r', '']));
  if (many) {
    section('C. Many measures in the app');
    out.push(`Each input imported in the Data view, the Assessment view opened, "Compared with" changed, then the page reloaded with the data in IndexedDB. Long tasks (over 50 ms) in each phase, up to a second after it ends (the reload's read-back is the app's \`cspw:restore\` measure, from the start of the read to the data on the page):`, '', table(
      ['Input', 'Phase', 'Recompute (cspw:assess)', 'Read back (cspw:restore)', 'Longest task', 'Long tasks', 'Over 100 ms'],
      many.map((p) => [manyLabel(p.input).short, p.label, p.assess == null ? '–' : `${ms(p.assess)} ms`, p.restore == null ? '–' : `${ms(p.restore)} ms`, p.tasks.length ? `${ms(p.longest)} ms` : 'none over 50 ms', int(p.tasks.length), int(p.over100)]),
      ['', '', 'r', 'r', 'r', 'r', 'r']));
  }

  if (memory) {
    section('M. Peak memory on hostile workbooks');
    out.push('Inputs written by `examples/make_memory_inputs.rs` (not committed). Natively: `cspw inspect FILE` (release build) under `/usr/bin/time -v`, its maximum resident set size. In Chromium: the app\'s import worker on the bench page, its WebAssembly memory after the read (`memoryBytes`: the most it held, as wasm memory never shrinks; the worker\'s JavaScript heap and the file\'s own bytes are not in it).', '', table(
      ['Input', 'Size', 'What it is', 'Native peak (max RSS)', 'Native outcome', 'Worker wasm memory', 'Worker outcome'],
      memory.map((m) => [m.file, bytesize(m.bytes), m.about, mb(m.native.peakBytes), `${m.native.status === 0 ? 'read' : 'refused'} in ${nf(1).format(m.native.seconds)} s${m.native.said ? `: “${m.native.said}”` : ''}`,
        m.worker.memoryBytes == null ? 'not reported' : mb(m.worker.memoryBytes), m.worker.error ? `refused: “${m.worker.error}”` : 'read']),
      ['', 'r', '', 'r', '', 'r', '']));
  }

  section('Targets');
  const byFile = Object.fromEntries(imports.map((r) => [r.file, r]));
  const x = byFile['records-50k.xlsx'];
  if (x) target('.xlsx import ≤ 0.5 × SheetJS (records-50k.xlsx)', ratio(x.ratio), x.ratio == null ? null : x.ratio <= 0.5);
  for (const f of ['street-100k.csv', 'street-1m.csv']) {
    const c = byFile[f];
    if (c) target(`CSV import ≤ 0.7 × PapaParse + group-by (${f})`, ratio(c.ratio), c.ratio == null ? null : c.ratio <= 0.7);
  }
  const big = byFile['street-1m.csv'];
  if (big) target('1,000,000-row CSV ≤ 3 s (workbench median)', big.workbench ? `${ms(big.workbench.median)} ms` : 'could not import', big.workbench ? big.workbench.median <= 3000 : false);
  if (download) target('A year of a large force (zip of 12 street files, 1,000,000 rows) ≤ 3 s (workbench median)', download.workbench ? `${ms(download.workbench.median)} ms` : 'could not import', download.workbench ? download.workbench.median <= 3000 : false);
  if (initial) target('Initial download ≤ 900 KB compressed (gzip -9; brotli in brackets)', `${kb(initial.gzip)} (${kb(initial.brotli)})`, initial.gzip <= 900 * 1024);
  if (firstChart) target('First chart ≤ 1 s (median cold load)', `${ms(firstChart.median)} ms`, firstChart.median <= 1000);
  if (imp) target('No main-thread task over 100 ms during an import', imp.taskCount ? `longest ${ms(imp.longest)} ms; ${int(imp.over100)} over 100 ms` : 'no task over 50 ms', imp.over100 === 0);
  if (many) {
    for (const input of MANY) {
      const phases = many.filter((p) => p.input === input);
      if (!phases.length) continue;
      const longest = Math.max(...phases.map((p) => p.longest));
      target(`No main-thread task of 200 ms or more with ${manyLabel(input).target} (issue 17)`, `longest ${ms(longest)} ms`, longest < 200);
    }
  }
  for (const m of memory ?? []) {
    const peak = Math.max(m.native.peakBytes || 0, m.worker.memoryBytes || 0);
    target(`Peak memory under 1 GB reading ${m.file} (issue 17, item 9; native max RSS, worker wasm memory)`, `${mb(m.native.peakBytes)}, ${mb(m.worker.memoryBytes)}`, peak < 2 ** 30);
  }
  if (assess) target('Full recompute ≤ 16 ms (median; max in brackets)', assess.stats ? `${ms(assess.stats.median)} ms (${ms(assess.stats.max)} ms)` : 'not measured: no cspw:assess measures', assess.stats ? assess.stats.median <= 16 : null);
  out.push(table(['Target', 'Measured', 'Status'], targets, ['', 'r', '']));

  if (warnings.length) {
    section('Warnings');
    out.push(...warnings.map((w) => `- ${w}`));
  }
  return `${out.join('\n').trim()}\n`;
}

// ---- main ----------------------------------------------------------------------------------

const opts = parseArgs(process.argv.slice(2));
const started = new Date();
const t0 = Date.now();
// The inputs the chosen sections read (each made once, then reused while current).
const needed = [...new Set([
  ...(opts.sections.includes('A') ? [...IMPORT_INPUTS.map((i) => i.key), 'streetYearZip'] : []),
  ...(opts.sections.includes('B') ? ['street100k'] : []),
  ...(opts.sections.includes('C') ? ['measures1k', 'measures10k', 'csp300'] : []),
])];
const inputPaths = ensureInputs(opts.inputs, log, needed);
const server = await serveBench({ dist: opts.dist, inputs: opts.inputs });
// Launched as the end-to-end tests launch it (tests/e2e/harness.mjs: CHROMIUM_ARGS).
const browser = await launchChromium();
const warnings = [];
let data;
try {
  const env = machine(browser.version());
  const imports = opts.sections.includes('A') ? await benchImports(browser, server, opts, warnings) : [];
  const download = opts.sections.includes('A') ? await benchDownloads(browser, server, opts, warnings) : null;
  const size = sizes(opts.dist);
  let cold = null;
  let assess = null;
  let imp = null;
  let many = null;
  if (opts.sections.includes('B')) {
    log('cold loads');
    cold = await coldLoads(browser, server, opts, opts.dist);
    log('recompute');
    assess = await recompute(browser, server, opts);
    log('import of street-100k.csv in the app');
    imp = await appImport(browser, server, dirname(inputPaths.street100k));
    if (!imp.outcome?.includes('imported')) warnings.push(`the app's import of street-100k.csv ended: ${imp.outcome}`);
  }
  if (opts.sections.includes('C')) {
    many = [];
    for (const input of MANY) {
      log(`many measures in the app: ${input.file}`);
      many.push(...await manyMeasures(browser, server, dirname(inputPaths.measures1k), input));
    }
  }
  const memory = opts.sections.includes('M') ? await benchMemory(browser, server, opts.inputs, warnings) : null;
  data = { opts, env, started, imports, download, size, cold, assess, imp, many, memory, warnings };
} finally {
  await browser.close();
  await server.close();
}
const markdown = report(data);
console.log(markdown);
for (const w of warnings) console.warn(`bench: WARNING: ${w}`);
writeFileSync(opts.out, markdown);
log(`wrote ${relative(process.cwd(), opts.out) || opts.out} in ${nf(1).format((Date.now() - t0) / 60000)} minutes`);
