// Post-build step: write sw.js, the service worker that keeps this build for
// offline use. It lists every file of the build and names its cache after a
// hash of all their contents, so each new build gets a cache of its own.
//
// How a new build replaces an old one without a page ever mixing the two:
// each sw.js knows only its own build's cache and answers every request it
// can from it, the page (index.html) included. A newly deployed sw.js
// installs and precaches its build beside the old one, then waits: it never
// calls skipWaiting(), so pages and import workers already open keep the old
// worker and the old cache for as long as they live. When the last of them
// closes, the new worker activates, deletes the old caches and serves the
// next visit entirely from the new one. (A reload of the only open tab is not
// enough, as the old page is still open when the reload's request is made;
// closing the tab and opening the app again is.) Open pages are never
// reloaded under the user, who may have imported files that only live in
// that page.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const SELF = 'sw.js';

// Trunk starts all of a stage's hooks at once, so tools/csp-hashes.mjs may
// still be filling in index.html: hash it only once it has its CSP hashes.
const index = join(dir, 'index.html');
for (let waited = 0; ; waited += 50) {
  const html = readFileSync(index, 'utf8');
  if (!html.includes('INLINE_SCRIPT_HASHES') && html.trimEnd().endsWith('</html>')) break;
  if (waited >= 60_000) {
    console.error(`service-worker: ${index} still has no CSP hashes after a minute (did tools/csp-hashes.mjs run?)`);
    process.exit(1);
  }
  await sleep(50);
}

/** Every file under `root`, as sorted '/'-separated paths relative to it. */
function walk(root, at = root) {
  return readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
    const path = join(at, entry.name);
    if (entry.isDirectory()) return walk(root, path);
    return entry.isFile() ? [relative(root, path).split(sep).join('/')] : [];
  });
}

const files = walk(dir).filter((f) => f !== SELF).sort();
const hash = createHash('sha256');
for (const file of files) {
  hash.update(`${file}\0`);
  hash.update(readFileSync(join(dir, file)));
  hash.update('\0');
}
const build = hash.digest('hex').slice(0, 16);
const urls = files.map((f) => f.split('/').map(encodeURIComponent).join('/'));

const sw = `// Written by tools/service-worker.mjs after each build: do not edit.
// Serves this build, and only this build, from its own cache; see that file
// for how a new build takes over without mixing with an old one.
'use strict';

const FILES = ${JSON.stringify(urls, null, 2)};
// Caches are named after the scope too, so two copies of the app on one
// origin never delete each other's builds.
const PREFIX = 'csp-workbench ' + self.registration.scope + ' ';
const CACHE = PREFIX + ${JSON.stringify(build)};
const INDEX = new URL('index.html', self.location).href;

self.addEventListener('install', (event) => {
  // 'reload' skips the HTTP cache, which could hold an older build's unhashed files.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(
    FILES.map((file) => new Request(new URL(file, self.location), { cache: 'reload' })),
  )));
  // No skipWaiting(): open pages keep the worker, and the cache, they started with.
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  event.respondWith(answer(request));
});

/** From this build's cache; a page at any path gets index.html; else the network. */
async function answer(request) {
  const cache = await caches.open(CACHE);
  const navigating = request.mode === 'navigate';
  const hit = await cache.match(request, { ignoreSearch: navigating, ignoreVary: true })
    || (navigating && await cache.match(INDEX));
  return hit || fetch(request);
}
`;
writeFileSync(join(dir, SELF), sw);
console.log(`service-worker: ${join(dir, SELF)} precaches ${files.length} files as build ${build}`);
