// What every end-to-end test and the browser benchmark share: Debian's Chromium
// launched headless with no background traffic, the built dist/ served at
// 127.0.0.1, and pages that refuse any request off that host and collect errors.
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';

export const DIST = new URL('../../dist/', import.meta.url).pathname;
export const REAL = new URL('../../../shared/data/real/', import.meta.url).pathname;

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Chromium and dist/ on a static server: `{ browser, server, errors, blocked, openPage, close }`. */
export async function startApp(root = DIST) {
  const server = await serveStatic(root);
  const browser = await launchChromium();
  const errors = [];
  const blocked = [];
  /** A page at `path` whose requests off 127.0.0.1 are refused and whose errors are kept. */
  async function openPage(path = '', options = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, ...options });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') {
        return route.continue();
      }
      blocked.push(url.href);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${path}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
    await page.goto(server.url + path);
    return page;
  }
  async function close() {
    await browser.close();
    await server.close();
  }
  return { browser, server, errors, blocked, openPage, close };
}
