// Screenshots for docs/: the board's overview (a laptop's 1366 × 768 and a
// 390 px phone), the board view, present mode and the board pack, taken
// from the built dist/ in Debian's Chromium. Run with `make screenshots` after `make build`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../tests/e2e/static-server.mjs';
import { launchChromium } from '../tests/e2e/harness.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const server = await serveStatic(join(ROOT, 'dist'));
const browser = await launchChromium();
try {
  // The one page, as a board member opens it on a laptop and on a phone.
  for (const [name, viewport] of [['overview-wide', { width: 1366, height: 768 }], ['overview-narrow', { width: 390, height: 844 }]]) {
    const shot = await browser.newPage({ viewport });
    await shot.goto(`${server.url}#/board`);
    await shot.locator('table.overview-table tbody tr').first().waitFor({ timeout: 30_000 });
    await shot.waitForTimeout(1500);
    await shot.screenshot({ path: join(ROOT, `docs/${name}.png`), fullPage: false });
    await shot.close();
  }

  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 }, acceptDownloads: true });
  await page.goto(`${server.url}#/board`);
  await page.locator('table.overview-table').waitFor({ timeout: 30_000 });
  await page.evaluate(() => document.querySelector('section.board-priority h2').scrollIntoView());
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(ROOT, 'docs/board-view.png') });

  await page.getByRole('button', { name: 'Present' }).click();
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(ROOT, 'docs/board-present.png') });
  await page.keyboard.press('Escape');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the board pack' }).click(),
  ]);
  const file = join(mkdtempSync(join(tmpdir(), 'cspw-shot-')), download.suggestedFilename());
  await download.saveAs(file);
  const context = await browser.newContext({ offline: true, viewport: { width: 1100, height: 1300 } });
  const pack = await context.newPage();
  await pack.goto(`file://${file}`);
  await pack.waitForFunction(() => document.documentElement.hasAttribute('data-charts-drawn'));
  await pack.evaluate(() => document.querySelectorAll('section.priority')[1].scrollIntoView());
  await pack.screenshot({ path: join(ROOT, 'docs/board-pack.png') });
  console.log('wrote docs/overview-wide.png, docs/overview-narrow.png, docs/board-view.png, docs/board-present.png, docs/board-pack.png');
} finally {
  await browser.close();
  await server.close();
}
