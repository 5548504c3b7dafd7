// What every end-to-end test and the browser benchmark share: Debian's Chromium
// launched headless with no background traffic, the built dist/ served at
// 127.0.0.1, pages that refuse any request off that host and collect errors,
// requests and Content-Security-Policy violations, and the waits several
// suites use. A suite starts the app once:
//   let app;
//   before(async () => { app = await startApp(); });
//   after(async () => { await app?.close(); });
// then opens pages with `app.openPage(path)` (a fresh profile each time) or
// `app.openIn(await app.newContext(), path)` (several pages sharing one profile),
// and ends by asserting `app.errors`, `app.blocked` and `app.cspViolations` empty.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';

export const DIST = new URL('../../dist/', import.meta.url).pathname;
export const REAL = new URL('../../../shared/data/real/', import.meta.url).pathname;

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/**
 * Chromium keeps its own temporary folders (about 55 MB a browser) under TMPDIR
 * and leaves them behind whenever it is killed rather than closed; pointing TMPDIR
 * at a scratch folder has them removed with the test's own files.
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    env: { ...process.env, TMPDIR: scratchDir('cspw-chromium-') },
  });
}

/**
 * Records every Content-Security-Policy violation in the context's pages into
 * `sink`: the `securitypolicyviolation` event says exactly what was blocked,
 * whether or not the browser also logs it to the console.
 */
export async function watchCsp(context, label, sink) {
  await context.exposeBinding('cspwReportViolation', (_source, text) => sink.push(`${label}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspwReportViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}: ${e.sample || ''}`);
    });
  });
}

/**
 * Chromium and dist/ on a static server, with what every suite checks:
 * `{ browser, server, errors, blocked, requests, cspViolations, requestsIn,
 *    newContext, openIn, openPage, close }`.
 */
export async function startApp(root = DIST) {
  const server = await serveStatic(root);
  const browser = await launchChromium();
  const errors = [];
  const blocked = [];
  const requests = [];
  const cspViolations = [];
  const requestsByContext = new WeakMap();

  /**
   * A fresh browser profile (1280×1000, downloads allowed) whose every request is
   * recorded, any request off 127.0.0.1 refused, and CSP violations kept.
   */
  async function newContext(options = {}, label = 'page') {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true, ...options });
    const own = [];
    requestsByContext.set(context, own);
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      requests.push(url.href);
      own.push(url.href);
      if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') {
        return route.continue();
      }
      blocked.push(url.href);
      return route.abort();
    });
    await watchCsp(context, label, cspViolations);
    return context;
  }

  /** The URLs a context (one profile) requested, in order. */
  function requestsIn(context) {
    return requestsByContext.get(context) ?? [];
  }

  /** A new page in `context` at `path` (a hash route such as '#/data'), its errors kept. */
  async function openIn(context, path = '') {
    const page = await context.newPage();
    // Errors fail a test, and so do warnings that the code uses an API the
    // browser or the generated glue says is on its way out.
    page.on('console', (m) => {
      if (m.type() === 'error' || (m.type() === 'warning' && /deprecated/i.test(m.text()))) errors.push(`${path}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
    await page.goto(server.url + path);
    return page;
  }

  /** A page at `path` in a fresh profile (so nothing is kept from another test). */
  async function openPage(path = '', options = {}) {
    return openIn(await newContext(options, path), path);
  }

  async function close() {
    await browser.close();
    await server.close();
  }
  return { browser, server, errors, blocked, requests, cspViolations, requestsIn, newContext, openIn, openPage, close };
}

/** The page has read its data (the sample, or what was kept) when no status says "Loading". */
export async function loaded(page) {
  await page.waitForFunction(() => !document.querySelector('.status')?.textContent?.startsWith('Loading'), null, { timeout: 30_000 });
}

/** The Data view lists the tables read (the sample's, at first). */
export async function tablesListed(page, atLeast = 1) {
  await page.locator('table.data-tables tbody tr').nth(atLeast - 1).waitFor({ timeout: 30_000 });
}

/** The import log has a line for the file `name`. */
export async function imported(page, name, timeout = 60_000) {
  await page.waitForFunction((n) => [...document.querySelectorAll('.import-log li')].some((li) => li.textContent.startsWith(`${n}:`)), name, { timeout });
}

/**
 * The figure in the Assessment's row `measure`, once it reads `expected` or
 * `timeout` has passed: after a choice the figures are redrawn a few parts a
 * task (src/ui/turns.rs), so the previous area's row can be read first. The
 * caller asserts on what this returns, so a wrong figure still fails.
 */
export async function figureOf(page, measure, expected, timeout = 30_000) {
  await page.waitForFunction(([m, e]) => [...document.querySelectorAll('table.assessment tr')]
    .some((r) => r.querySelector('th')?.textContent.trim() === m && r.querySelector('td.figure')?.textContent.trim() === e), [measure, expected], { timeout })
    .catch(() => {});
  const row = page.locator('table.assessment tr', { has: page.getByRole('rowheader', { name: measure, exact: true }) });
  return row.locator('td.figure').innerText();
}

/**
 * The Assessment shows `area` in full: its heading names the area ("Ashford,
 * data to …"), which happens only once every part of the page has the new
 * figures, and nothing is marked busy. Wait on this after choosing an area.
 */
export async function areaShown(page, area, timeout = 60_000) {
  await page.waitForFunction((a) => document.querySelector('.lede')?.textContent.startsWith(`${a}, data to `)
    && !document.querySelector('.figures[aria-busy]'), area, { timeout });
}

/** The scratch folders this test process made, removed when it exits. */
const scratch = [];
process.on('exit', () => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/**
 * A new folder under the system's temporary folder for a test's generated
 * files, removed when the test process exits: the tests write files of up to
 * 65 MB, and a folder left behind by every run filled the disk.
 */
export function scratchDir(prefix = 'cspw-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}
