// The app ships a custom ECharts build holding only what it draws
// (tools/echarts-bundle.mjs → target/echarts/echarts.min.js). This draws every
// chart the app makes from the built-in sample (examples/chart_options.rs) by
// ECharts' server-side SVG rendering, once with the full ECharts from npm and
// once with the custom build, and requires the same SVG and the same resolved
// option: a chart type, component or feature left out of the build fails here.
// Both builds run in their own `vm` context, as a page's script would, so each
// defines its own global `echarts`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';

const ROOT = new URL('../../', import.meta.url).pathname;
const FULL = join(ROOT, 'node_modules/echarts/dist/echarts.js');
const CUSTOM = join(ROOT, 'target/echarts/echarts.min.js');

// The custom build is made (or found current) and the options written, as a clean clone needs.
execFileSync('node', [join(ROOT, 'tools/echarts-bundle.mjs')], { cwd: ROOT, stdio: 'inherit' });
const work = mkdtempSync(join(tmpdir(), 'echarts-bundle-'));
const optionsFile = join(work, 'chart-options.json');
execFileSync('cargo', ['run', '--quiet', '--example', 'chart_options', '--', optionsFile], {
  cwd: ROOT,
  stdio: 'inherit',
});
const OPTIONS = JSON.parse(readFileSync(optionsFile, 'utf8'));
rmSync(work, { recursive: true, force: true });

/** Loads an ECharts script into a fresh context; returns a function drawing an option JSON as SVG there. */
function loadECharts(file) {
  const context = vm.createContext({ console, setTimeout, clearTimeout, setInterval, clearInterval });
  // The development build looks for Node's `global` when there is no window.
  vm.runInContext('var global = globalThis;', context);
  vm.runInContext(readFileSync(file, 'utf8'), context, { filename: file });
  return vm.runInContext(
    `(function (text) {
      var option = JSON.parse(text);
      option.animation = false;
      var chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 450 });
      try {
        chart.setOption(option, { notMerge: true });
        // Every registered component type appears in getOption(), in the order it
        // was registered; the ones this option does not use are empty lists, and
        // only the full build has them. Keys are sorted so order does not count.
        var resolved = chart.getOption();
        Object.keys(resolved).forEach(function (key) {
          if (Array.isArray(resolved[key]) && resolved[key].length === 0) delete resolved[key];
        });
        var sorted = JSON.stringify(resolved, function (key, value) {
          if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
          var out = {};
          Object.keys(value).sort().forEach(function (k) { out[k] = value[k]; });
          return out;
        });
        return { svg: chart.renderToSVGString(), resolved: sorted };
      } finally {
        chart.dispose();
      }
    })`,
    context,
  );
}

const full = loadECharts(FULL);
const custom = loadECharts(CUSTOM);

/** A name for an option in test output: its title and series types. */
function label(option, i) {
  const title = [option.title].flat()[0]?.text ?? 'untitled';
  const types = [...new Set((option.series ?? []).map((s) => s.type))].join('+');
  return `#${i + 1} ${title} (${types})`;
}

test('the custom ECharts build defines the global the app calls', () => {
  const context = vm.createContext({ console, setTimeout, clearTimeout });
  vm.runInContext(readFileSync(CUSTOM, 'utf8'), context);
  const api = vm.runInContext(
    `[typeof echarts, typeof echarts.init, typeof echarts.getInstanceByDom, typeof echarts.dispose, typeof echarts.use, echarts.version].join(' ')`,
    context,
  );
  const version = JSON.parse(readFileSync(join(ROOT, 'node_modules/echarts/package.json'), 'utf8')).version;
  assert.equal(api, `object function function function function ${version}`);
});

test('the custom build carries the CSP-safe tooltip formatter, and every option asks for it', () => {
  const context = vm.createContext({ console, setTimeout, clearTimeout });
  vm.runInContext(readFileSync(CUSTOM, 'utf8'), context);
  for (const [i, option] of OPTIONS.entries()) {
    // What core::charts::option_json sets so ECharts writes no inline style the CSP blocks.
    const t = option.tooltip;
    assert.ok(t && !Array.isArray(t), `${label(option, i)} has one tooltip`);
    assert.deepEqual(
      { renderMode: t.renderMode, confine: t.confine, className: t.className, extraCssText: t.extraCssText },
      { renderMode: 'html', confine: true, className: 'cspw-tooltip', extraCssText: '' },
      label(option, i),
    );
    context.option = JSON.parse(JSON.stringify(option));
    assert.equal(vm.runInContext('typeof echarts.cspwTooltips(option).tooltip.formatter', context), 'function', label(option, i));
  }
});

test('the app draws a chart of every kind from the sample', () => {
  const types = new Set(OPTIONS.flatMap((o) => (o.series ?? []).map((s) => s.type)));
  assert.deepEqual([...types].sort(), ['bar', 'line', 'scatter']);
  assert.ok(OPTIONS.some((o) => o.series.some((s) => s.markLine)), 'some chart has a mark line');
  assert.ok(OPTIONS.length >= 20, `only ${OPTIONS.length} options`);
});

test('every chart the app draws comes out the same from the custom build as from the full ECharts', async (t) => {
  for (const [i, option] of OPTIONS.entries()) {
    await t.test(label(option, i), () => {
      const text = JSON.stringify(option);
      const expected = full(text);
      const actual = custom(text);
      assert.match(expected.svg, /<path\b/, 'the full build draws shapes');
      assert.match(expected.svg, /<text\b/, 'the full build draws text');
      assert.equal(actual.resolved, expected.resolved, 'the resolved options differ: a component is missing');
      assert.equal(actual.svg, expected.svg, 'the SVG differs: something is drawn differently');
    });
  }
});
