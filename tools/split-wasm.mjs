// Post-build step (first of tools/post-build.mjs): cuts the parts of the page
// that are used rarely (`on_demand!` in src/ui/on_demand.rs: the maps, ...)
// out of the page's WebAssembly into chunks fetched the first time they are
// used, so the first visit downloads less (issues 13 and 14).
//
// Trunk knows nothing of this, so the step redoes, for the page, what Trunk
// did after cargo, with the split in between:
//   1. wasm-split-cli (crate wasm_split_cli_support, installed by `make setup`)
//      reads cargo's own output, linked with --emit-relocs (build.rs), and
//      writes the main module, one .wasm per chunk and the JS that loads them;
//   2. wasm-bindgen makes the main module's JS glue, as Trunk did;
//   3. wasm-opt shrinks the main module and each chunk with index.html's flags;
//   4. the chunks and their loader get names with a hash of their contents,
//      the main module and its JS keep the names Trunk gave them (Trunk's hash
//      is of cargo's output, from which all of this follows), and index.html's
//      integrity attributes are brought up to date.
// Without the `split` feature there is nothing to cut and the step does nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const root = process.env.TRUNK_SOURCE_DIR || '.';
const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');
const profile = process.env.TRUNK_PROFILE === 'debug' ? 'debug' : 'release';
const input = join(targetDir, 'wasm32-unknown-unknown', profile, 'csp-workbench.wasm');
const PLACEHOLDER = '__wasm_split_placeholder__';

const fail = (why) => {
  console.error(`split-wasm: ${why}`);
  process.exit(1);
};

const index = join(dir, 'index.html');
const html = readFileSync(index, 'utf8');
const stem = html.match(/\/(csp-workbench-[0-9a-f]+)\.js'/)?.[1];
if (!stem) fail(`${index} does not load csp-workbench-HASH.js`);
if (!existsSync(input)) fail(`${input} is missing (did cargo build the page?)`);
const wasm = readFileSync(input);

// wasm-opt runs here, for the page, after the split (index.html tells Trunk
// not to: its run would be undone). Size first, as the Cargo profile; the
// feature flags are index.html's data-wasm-opt-params, one list for both builds.
const sourceTag = readFileSync(join(root, 'index.html'), 'utf8').match(/<link[^>]*data-bin="csp-workbench"[^>]*>/)?.[0];
const level = 'z';
const params = (sourceTag?.match(/data-wasm-opt-params="([^"]+)"/)?.[1] ?? '').split(/\s+/).filter(Boolean);
// A profiling build (opt-in, never the default: `CSPW_PROFILE_NAMES=1 make build`)
// keeps the functions' names, so a CPU profile of the page names the Rust
// functions a long task spends its time in; the wasm grows by about a third.
const keepNames = process.env.CSPW_PROFILE_NAMES === '1';
if (keepNames) console.log('split-wasm: CSPW_PROFILE_NAMES=1: keeping the name section (a profiling build, not for release)');

// wasm-opt is npm's binaryen (node_modules/.bin); the others are cargo-installed.
const PATH = [resolve(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter);
const run = (tool, args) => execFileSync(tool, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PATH } });
const sha = (bytes, algorithm = 'sha256') => createHash(algorithm).update(bytes).digest();
const short = (bytes) => sha(bytes).toString('hex').slice(0, 16);
/** wasm-opt, in release builds only (as Trunk: a debug build keeps its names). */
const optimise = (from, to) => {
  if (profile === 'release') run('wasm-opt', [`--output=${to}`, `-O${level}`, ...(keepNames ? ['-g'] : []), from, ...params]);
  else if (from !== to) writeFileSync(to, readFileSync(from));
};

// Trunk's preload links carry Subresource Integrity hashes of what it wrote.
const integrity = (file) => `sha384-${sha(readFileSync(join(dir, file)), 'sha384').toString('base64')}`;
const updateIntegrity = () => {
  let page = readFileSync(index, 'utf8');
  for (const file of [`${stem}.js`, `${stem}_bg.wasm`]) {
    const link = new RegExp(`(href="/${file}"[^>]*integrity=")[^"]*(")`);
    if (link.test(page)) page = page.replace(link, `$1${integrity(file)}$2`);
  }
  writeFileSync(index, page);
};

if (!wasm.includes(PLACEHOLDER)) {
  // Built without the split feature: only the optimisation Trunk left to us.
  const page = join(dir, `${stem}_bg.wasm`);
  optimise(page, page);
  updateIntegrity();
  console.log(`split-wasm: the page has no on-demand parts (built without the split feature); ${stem}_bg.wasm optimised whole`);
  process.exit(0);
}

const work = join(targetDir, 'wasm-split', profile);
rmSync(work, { recursive: true, force: true });
const split = join(work, 'split');
const bound = join(work, 'bindgen');
mkdirSync(split, { recursive: true });
mkdirSync(bound, { recursive: true });

// 1. Split. The main module keeps the stem's name, so the loader imports './STEM.js'.
run('wasm-split-cli', [input, split, '--out-name', stem]);
// 2. Bind, as Trunk does (--target=web, no TypeScript).
run('wasm-bindgen', ['--target=web', `--out-dir=${bound}`, `--out-name=${stem}`, '--no-typescript',
  // The chunks import the function table from the main module: wasm-bindgen must keep its export.
  '--keep-lld-exports', ...(keepNames ? ['--keep-debug'] : []), join(split, `${stem}.wasm`)]);

// 3 and 4. The chunks, optimised, under names that change with their contents.
let loader = readFileSync(join(split, '__wasm_split.js'), 'utf8');
const chunks = readdirSync(split).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`).sort();
const written = [];
for (const chunk of chunks) {
  const optimised = join(work, chunk);
  optimise(join(split, chunk), optimised);
  const bytes = readFileSync(optimised);
  const name = `csp-workbench-${chunk.replace(/\.wasm$/, '')}-${short(bytes)}.wasm`;
  const reference = `"./${chunk}"`;
  if (!loader.includes(reference)) fail(`the split loader does not name ${chunk}`);
  loader = loader.replaceAll(reference, `"./${name}"`);
  writeFileSync(join(dir, name), bytes);
  written.push(`${name} (${bytes.length} bytes)`);
}
const loaderName = `csp-workbench-split-${short(Buffer.from(loader))}.js`;
writeFileSync(join(dir, loaderName), loader);

// The main module: its JS imports the loader by its new name.
let glue = readFileSync(join(bound, `${stem}.js`), 'utf8');
const imported = /(from\s+)(['"])\.\/__wasm_split\.js\2/g;
if (!glue.match(imported)) fail(`wasm-bindgen's ${stem}.js does not import ./__wasm_split.js`);
glue = glue.replace(imported, `$1$2./${loaderName}$2`);
writeFileSync(join(dir, `${stem}.js`), glue);
optimise(join(bound, `${stem}_bg.wasm`), join(dir, `${stem}_bg.wasm`));

updateIntegrity();
console.log(`split-wasm: ${stem}_bg.wasm split; on demand: ${written.join(', ')}; loader ${loaderName}`);
