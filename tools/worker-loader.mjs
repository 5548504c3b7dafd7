// Trunk writes the import worker's loader shim with wasm-bindgen's old call,
// `wasm_bindgen("…_bg.wasm")`, which the glue still accepts but answers with
// a console warning ("using deprecated parameters for the initialization
// function") every time a worker starts. The shim is rewritten to the form
// the glue asks for, an object naming the module.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const shims = readdirSync(dist).filter((name) => name.endsWith('_loader.js'));
for (const name of shims) {
  const path = join(dist, name);
  const old = readFileSync(path, 'utf8');
  const call = /wasm_bindgen\(("[^"]+_bg\.wasm")\)/;
  if (!call.test(old)) {
    if (old.includes('module_or_path')) continue;
    throw new Error(`${name}: the worker loader no longer has the call this step rewrites; check Trunk's shim`);
  }
  writeFileSync(path, old.replace(call, 'wasm_bindgen({ module_or_path: $1 })'));
}
