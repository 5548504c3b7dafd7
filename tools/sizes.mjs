// Prints the size of each file the browser downloads from dist/: raw, gzip and brotli.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const kinds = [
  ['wasm', /\.wasm$/],
  ['js', /^(?!echarts).*\.js$/],
  ['css', /\.css$/],
  ['ECharts', /^echarts.*\.js$/],
  ['html', /\.html$/],
];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
const rows = [];
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const file of readdirSync(dir)) {
  const kind = kinds.find(([, re]) => re.test(file))?.[0];
  if (!kind) continue;
  const bytes = readFileSync(join(dir, file));
  const sizes = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  for (const k of Object.keys(total)) total[k] += sizes[k];
  rows.push([kind, file, sizes]);
}
console.log(`Build sizes (${dir}/)`);
console.log(`${'kind'.padEnd(8)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}  file`);
for (const [kind, file, s] of rows.sort()) {
  console.log(`${kind.padEnd(8)} ${kb(s.raw)} ${kb(s.gzip)} ${kb(s.brotli)}  ${file}`);
}
console.log(`${'total'.padEnd(8)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
