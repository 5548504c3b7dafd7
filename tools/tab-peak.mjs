// The whole tab's peak memory while the app imports one file and shows its
// Assessment: the most resident memory (VmHWM) of any Chromium renderer, which
// holds the page, its WebAssembly and the import worker together. Run by hand
// after `make build` (Linux only, reads /proc):
//   node tools/tab-peak.mjs FILE
import { readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { startApp } from '../tests/e2e/harness.mjs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node tools/tab-peak.mjs FILE');
  process.exit(2);
}

/** VmHWM and VmRSS in bytes of every Chromium renderer process. */
function renderers() {
  const out = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium') || !cmd.includes('--type=renderer')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (k) => Number(status.match(new RegExp(`${k}:\\s+(\\d+) kB`))?.[1] ?? 0) * 1024;
      out.push({ pid, hwm: kb('VmHWM'), rss: kb('VmRSS') });
    } catch {
      // The process ended while being read.
    }
  }
  return out;
}

const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
const app = await startApp();
try {
  const page = await app.openPage('#/data');
  await page.locator('table.data-tables tbody tr').first().waitFor();
  const before = Math.max(...renderers().map((r) => r.hwm));
  const started = Date.now();
  await page.setInputFiles('#file-input', file);
  await page.waitForFunction(
    (name) => document.querySelector('.import-log li')?.textContent.includes(name),
    basename(file),
    { timeout: 600_000 },
  );
  const said = await page.locator('.import-log li').first().innerText();
  await page.locator('a[href="#/assessment"]').first().click();
  await page.waitForFunction(
    () => document.querySelector('.figures') && !document.querySelector('.figures[aria-busy]'),
    null,
    { timeout: 600_000 },
  ).catch(() => {});
  // Kept in IndexedDB too: the write is part of the import's cost.
  await page.waitForTimeout(5000);
  const after = renderers();
  console.log(`${basename(file)}: ${said.replace(/\s+/g, ' ').slice(0, 200)}`);
  console.log(`renderer peak before the import ${mb(before)}; after import, Assessment and storing ${mb(Math.max(...after.map((r) => r.hwm)))} (now ${mb(Math.max(...after.map((r) => r.rss)))}); ${((Date.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await app.close();
}
