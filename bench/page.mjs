// The bench page's side of `make bench`: imports one input with the app's own
// import worker (the workbench) or with SheetJS / PapaParse plus a JavaScript
// group-by on this page's main thread (the peers). bench/run.mjs calls these
// through page.evaluate; every time is performance.now() in this page.
/* global XLSX, Papa */

const ALL = 'All crime (excluding anti-social behaviour)';
const ASB = 'anti-social behaviour';
const NOT_STATED = 'Area not stated';
const inputs = new Map();

/** Fetches an input once (never timed) and keeps its bytes. */
async function load(file) {
  if (!inputs.has(file)) {
    const response = await fetch(`/__bench/inputs/${file}`);
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    inputs.set(file, await response.arrayBuffer());
  }
  return inputs.get(file).byteLength;
}

function drop(file) {
  inputs.delete(file);
}

// ---- the workbench: the app's worker, as the app uses it ----------------------

/** A fresh import worker, started and ready (not timed: the app starts its worker ahead). */
function readyWorker() {
  return new Promise((ok, fail) => {
    const worker = new Worker('/import-worker_loader.js');
    worker.onmessage = (e) => {
      if (e.data?.kind === 'ready') ok(worker);
    };
    worker.onerror = (e) => fail(new Error(`the import worker failed to start: ${e.message}`));
  });
}

/** Sums each measure over the observations: the figure to compare with the peer's. */
function workbenchTotals(observations) {
  const totals = {};
  for (const o of observations) {
    const v = o.value;
    const n = typeof v === 'number' ? v : typeof v?.Number === 'number' ? v.Number : null;
    if (n == null) continue;
    totals[o.measure] = (totals[o.measure] ?? 0) + n;
  }
  return totals;
}

async function workbench(file, { check = true } = {}) {
  const worker = await readyWorker();
  const bytes = inputs.get(file).slice(0);
  let start = 0;
  const outcome = await new Promise((ok, fail) => {
    let progress = 0;
    // The figures come in slices, a message each, before "done" (src/browser/import_worker.rs).
    const figures = [];
    worker.onmessage = (e) => {
      const d = e.data;
      if (d?.kind === 'progress') progress++;
      else if (d?.kind === 'figures') figures.push(d.json);
      else if (d?.kind === 'done' || d?.kind === 'error') ok({ d: { ...d, figures }, end: performance.now(), progress });
    };
    worker.onerror = (e) => fail(new Error(`the import worker stopped: ${e.message}`));
    start = performance.now();
    worker.postMessage({ name: file, bytes, recipes: '[]' }, [bytes]);
  }).catch((e) => ({ error: e.message }));
  worker.terminate();
  if (outcome.error) return { error: outcome.error };
  const { d } = outcome;
  const result = {
    ms: outcome.end - start,
    progressMessages: outcome.progress,
    memoryBytes: typeof d.memoryBytes === 'number' ? d.memoryBytes : null,
    workerMs: typeof d.importMs === 'number' ? d.importMs : null,
    jsonBytes: (typeof d.json === 'string' ? d.json.length : 0)
      + (Array.isArray(d.figures) ? d.figures.reduce((n, f) => n + f.length, 0) : 0),
  };
  if (d.kind === 'error') return { ...result, error: d.sentence };
  if (check) {
    const dataset = JSON.parse(d.json);
    // The figures come in slices of JSON arrays beside the rest (the page reads them a slice at a time).
    if (Array.isArray(d.figures)) dataset.observations = [...(dataset.observations ?? []), ...d.figures.flatMap((f) => JSON.parse(f))];
    result.observations = dataset.observations?.length ?? 0;
    // The peer groups by force only; the workbench also counts by the district of each LSOA.
    result.forceObservations = (dataset.observations ?? []).filter((o) => o.area_level !== 'District').length;
    result.tables = dataset.tables?.length ?? null;
    // The force-level figures (districts count the same records again, by LSOA).
    result.totals = workbenchTotals((dataset.observations ?? []).filter((o) => o.area_level !== 'District'));
    result.forceTotals = workbenchTotals((dataset.observations ?? []).filter((o) => o.area_level === 'Force'));
  }
  return result;
}
// ---- the peers: SheetJS, PapaParse, and the group-by the workbench does ------

/** Where the street columns are, found as the workbench finds them. */
function streetColumns(header) {
  const norm = header.map((h) => String(h ?? '').toLowerCase().replace(/[ _]/g, ''));
  const month = norm.indexOf('month');
  const type = norm.indexOf('crimetype');
  let area = norm.indexOf('fallswithin');
  if (area < 0) area = norm.indexOf('reportedby');
  return month >= 0 && type >= 0 ? { month, type, area } : null;
}

/** Counts rows by (Crime type, Falls within, Month), and all crime but ASB by (Falls within, Month). */
class GroupBy {
  constructor() {
    this.counts = new Map();
    this.cols = null;
    this.rows = 0;
  }

  add(rows, from = 0) {
    let start = from;
    if (!this.cols) {
      if (rows.length <= start) return;
      this.cols = streetColumns(rows[start]);
      start++;
      if (!this.cols) return;
    }
    const { month: mi, type: ti, area: ai } = this.cols;
    const counts = this.counts;
    for (let r = start; r < rows.length; r++) {
      const row = rows[r];
      this.rows++;
      const type = String(row[ti] ?? '').trim();
      if (!type) continue;
      const month = String(row[mi] ?? '').trim();
      if (month.length !== 7 || month[4] !== '-') continue;
      const area = (ai >= 0 ? String(row[ai] ?? '').trim() : '') || NOT_STATED;
      const tail = `\u0001${area}\u0001${month}`;
      const key = type + tail;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (type.toLowerCase() !== ASB) {
        const all = ALL + tail;
        counts.set(all, (counts.get(all) ?? 0) + 1);
      }
    }
  }

  totals() {
    const totals = {};
    for (const [key, n] of this.counts) {
      const measure = key.slice(0, key.indexOf('\u0001'));
      totals[measure] = (totals[measure] ?? 0) + n;
    }
    return totals;
  }
}

const CSV_MODES = {
  /** The whole file parsed into one array of rows, then grouped. */
  full(text, group) {
    const parsed = Papa.parse(text, { skipEmptyLines: true });
    group.add(parsed.data);
    return parsed.errors.length;
  },
  /** Streaming: 4 MB chunks, each grouped and dropped, so 1M rows are never all kept. */
  chunk(text, group) {
    let errors = 0;
    Papa.parse(text, {
      skipEmptyLines: true,
      chunkSize: 4 << 20,
      chunk: (results) => {
        group.add(results.data);
        errors += results.errors.length;
      },
    });
    return errors;
  },
  /** Streaming row by row. */
  step(text, group) {
    let errors = 0;
    const one = [null];
    Papa.parse(text, {
      skipEmptyLines: true,
      step: (results) => {
        one[0] = results.data;
        group.add(one);
        errors += results.errors.length;
      },
    });
    return errors;
  },
};

const SHEET_MODES = {
  /** SheetJS's defaults, dense sheets. */
  dense: { type: 'array', dense: true },
  /** Dense, and none of the formatted text, number formats, HTML or styles that a group-by never reads. */
  lean: { type: 'array', dense: true, cellText: false, cellHTML: false, cellNF: false, cellStyles: false, cellDates: false },
};

function peer(file, mode, { records = true } = {}) {
  const buf = inputs.get(file);
  const csv = /\.csv$/i.test(file);
  const group = new GroupBy();
  let rows = 0;
  let errors = 0;
  const start = performance.now();
  if (csv) {
    const text = new TextDecoder().decode(buf);
    errors = CSV_MODES[mode](text, group);
    rows = group.rows;
  } else {
    const wb = XLSX.read(new Uint8Array(buf), SHEET_MODES[mode]);
    for (const name of wb.SheetNames) {
      const aoa = XLSX.utils.sheet_to_json(wb.Sheets[name], { header: 1 });
      if (records) group.add(aoa);
      else rows += Math.max(0, aoa.length - 1);
    }
    if (records) rows = group.rows;
  }
  const ms = performance.now() - start;
  return { ms, rows, errors, groups: group.counts.size, totals: records ? group.totals() : null };
}

window.bench = {
  load, drop, workbench, peer,
  csvModes: Object.keys(CSV_MODES),
  sheetModes: Object.keys(SHEET_MODES),
  ready: true,
};
