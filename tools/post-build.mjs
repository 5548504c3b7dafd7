// Trunk's post_build hook: the steps after a build, in this order (Trunk would
// run separate hooks of one stage at once, and each step needs the last one's
// output): split the page's WebAssembly into its on-demand chunks, bring the
// worker's loader shim up to the glue's current call, put the inline loader's
// hashes in the Content-Security-Policy, then write the service worker that
// precaches every file, chunks included.
await import('./split-wasm.mjs');
await import('./worker-loader.mjs');
await import('./csp-hashes.mjs');
await import('./service-worker.mjs');
