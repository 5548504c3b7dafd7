// The architecture the README draws, checked (run by `make test`):
// 1. Only src/browser/ (and src/main.rs, src/bin/) may name web_sys or js_sys:
//    components and the core reach the browser through named functions there.
// 2. The core's modules form layers; a module may use only those below it, so
//    there is no cycle and the pure parts stay testable on their own.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const SRC = new URL('../src/', import.meta.url).pathname;

// Lowest first. A module may use any module on an earlier line; `format`, `sorting`,
// `stats`, `date`, `zip_writer`, `content_hash`, `file_name`, `stored`, `id`,
// `escape` and `name_search` are leaves any layer may use.
const LAYERS = [
  ['date', 'format', 'stats', 'zip_writer', 'content_hash', 'file_name', 'stored', 'id', 'sorting', 'escape', 'name_search'],
  ['period'],
  ['geography'],
  ['areas'],
  ['dataset'],
  ['ingest'],
  ['assessment'],
  ['charts'],
  ['maps'],
  ['board'],
  ['export', 'overview', 'board_where'],
  ['board_pack', 'plan'],
];
const layerOf = new Map(LAYERS.flatMap((mods, i) => mods.map((m) => [m, i])));

function rustFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return rustFiles(path);
    return name.endsWith('.rs') ? [path] : [];
  });
}

/** Source without comments, so a doc comment naming a module is no dependency. */
function code(path) {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, ''))
    .join('\n');
}

const problems = [];
for (const path of rustFiles(SRC)) {
  const rel = relative(SRC, path).split(sep).join('/');
  const allowed = rel.startsWith('browser/') || rel === 'main.rs' || rel.startsWith('bin/');
  const source = code(path);
  if (!allowed && /\b(web_sys|js_sys)\b/.test(source)) {
    problems.push(`src/${rel} names web_sys or js_sys: move the call into src/browser/ and call it by name`);
  }
  if (!rel.startsWith('core/')) continue;
  const parts = rel.slice('core/'.length).replace(/\.rs$/, '').split('/');
  const own = parts[0];
  if (own === 'mod') continue;
  const ownLayer = layerOf.get(own);
  if (ownLayer === undefined) {
    problems.push(`src/${rel}: core module "${own}" has no layer in tools/check-architecture.mjs`);
    continue;
  }
  const used = new Set([...source.matchAll(/crate::core::(\w+)/g)].map((m) => m[1]));
  // `super::x` from a file directly in src/core/ names a sibling module.
  if (parts.length === 1) for (const m of source.matchAll(/\bsuper::(\w+)/g)) used.add(m[1]);
  for (const dep of used) {
    if (dep === own || !layerOf.has(dep)) continue;
    if (layerOf.get(dep) >= ownLayer && !LAYERS[0].includes(dep)) {
      problems.push(`src/${rel}: core::${own} uses core::${dep}, which is not below it`);
    }
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`architecture: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('architecture: the browser boundary and the core layers hold');
