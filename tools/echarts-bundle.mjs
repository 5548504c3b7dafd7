// Builds target/echarts/echarts.min.js: ECharts from `echarts/core` with only what
// the app draws, as an IIFE that defines the global `echarts` like the prebuilt
// dist files do. index.html copies it into dist/, the board pack inlines it and
// tests/browser.rs loads it. tests/e2e/echarts-bundle.test.mjs draws every chart
// the app makes with this build and with the full ECharts and requires the same
// SVG, so a chart type or component left out here fails that test.
//
// What the charts use (examples/chart_options.rs writes every option):
//   series: line, bar, scatter;
//   components: grid (xAxis/yAxis), title, tooltip (brings axisPointer), legend,
//   markLine; `grid.containLabel`, which ECharts 6 honours only with the
//   LegacyGridContainLabel feature.
//   renderers: Canvas (the page) and SVG (the SVG download through server-side
//   rendering, src/browser/echarts.rs, and the board pack, src/core/board_pack.rs).
// Plus `echarts.cspwTooltips` (tools/echarts-tooltip.mjs): tooltip content built
// as DOM nodes with classes, which the Content-Security-Policy allows. It needs
// no component beyond the tooltip's.
//
// Run: `node tools/echarts-bundle.mjs` (make echarts). It does nothing when the
// output was built from the same inputs (this script, the tooltip module and
// package-lock.json), which it tells by a hash of their contents kept beside the
// output: a copied or restored target/ with an older build is rebuilt, whatever
// the files' times say.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'target/echarts/echarts.min.js');
const inputs = [
  fileURLToPath(import.meta.url),
  join(root, 'tools/echarts-tooltip.mjs'),
  join(root, 'package-lock.json'),
];

const stamp = `${out}.inputs`;
const inputsHash = () => {
  const hash = createHash('sha256');
  for (const file of inputs) hash.update(readFileSync(file));
  return hash.digest('hex');
};
const read = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

const ENTRY = `
import { use } from 'echarts/core';
import { LineChart, BarChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  TitleComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
} from 'echarts/components';
import { LegacyGridContainLabel } from 'echarts/features';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  CanvasRenderer,
  SVGRenderer,
  LineChart,
  BarChart,
  ScatterChart,
  GridComponent,
  TitleComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  LegacyGridContainLabel,
]);

export * from 'echarts/core';
export { cspwTooltips } from './tools/echarts-tooltip.mjs';
`;

function report(bytes, note) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  console.log(
    `echarts-bundle: target/echarts/echarts.min.js ${kb(bytes.length)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli (${note})`,
  );
}

const wanted = inputsHash();
if (existsSync(out) && read(stamp) === wanted) {
  report(readFileSync(out), 'up to date');
  process.exit(0);
}

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
const version = JSON.parse(readFileSync(join(root, 'node_modules/echarts/package.json'), 'utf8')).version;

const result = await esbuild.build({
  stdin: { contents: ENTRY, resolveDir: root, sourcefile: 'echarts-entry.js', loader: 'js' },
  bundle: true,
  format: 'iife',
  globalName: 'echarts',
  platform: 'browser',
  target: 'es2019',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  banner: {
    js:
      `/*! Apache ECharts ${version} (Apache-2.0, https://echarts.apache.org), custom build for CSP Workbench` +
      ' by tools/echarts-bundle.mjs: line, bar, scatter; grid, title, tooltip, legend, markLine;' +
      ' canvas and SVG renderers; CSP-safe tooltip content. Includes ZRender (BSD-3-Clause) and tslib (0BSD). */',
  },
  charset: 'ascii',
  logLevel: 'warning',
  write: false,
});

const bytes = Buffer.from(result.outputFiles[0].contents);
mkdirSync(dirname(out), { recursive: true });
// Written whole, then renamed, so a build running beside this one never reads half a file.
const partial = `${out}.${process.pid}.tmp`;
writeFileSync(partial, bytes);
renameSync(partial, out);
writeFileSync(stamp, wanted);
report(bytes, 'built');
