// End-to-end: drafting the plan never loses a word. The built dist/ on a static
// server at 127.0.0.1, in Debian's Chromium. Run with `make e2e` (after `make build`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { REAL, loaded, scratchDir, startApp } from './harness.mjs';


let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

/** A fresh browser profile; its pages share drafts and storage, like two tabs. */
const newContext = (options) => app.newContext(options);

async function openPlan(context) {
  const page = await app.openIn(context, '#/plan');
  await page.getByRole('heading', { level: 1, name: 'Plan' }).waitFor();
  return page;
}

/** A draft started from the assessment, once the sample has been read. */
async function startDraft(page) {
  await loaded(page);
  await page.getByRole('button', { name: 'New draft from the assessment' }).click();
  await page.locator('#plan-introduction').waitFor();
}

async function saved(page) {
  await page.waitForFunction(() => document.querySelector('.save-status')?.textContent.startsWith('Saved in this browser'));
}

/** The entries of a zip file, read with Node's own inflate. */
function unzip(bytes) {
  const entries = {};
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(dataStart, dataStart + size);
    entries[name] = method === 8 ? inflateRawSync(data) : data;
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

test('text typed is saved within a second and is there after a reload, or after the tab is closed mid-typing', async () => {
  const context = await newContext();
  const page = await openPlan(context);
  await startDraft(page);
  assert.equal(await page.locator('#plan-title').inputValue(), 'Tunbridge Wells Community Safety Partnership Plan 2016/17');
  const intro = page.locator('#plan-introduction');
  await intro.click();
  await page.keyboard.type('Each year the partnership produces a plan.');
  const typedAt = Date.now();
  await saved(page);
  assert.ok(Date.now() - typedAt < 1500, `saved ${Date.now() - typedAt} ms after the last keystroke`);
  await page.reload();
  await page.locator('#plan-introduction').waitFor();
  assert.equal(await page.locator('#plan-introduction').inputValue(), 'Each year the partnership produces a plan.');

  // Typing, then the tab closed at once: the page-hide flush keeps the last words.
  await page.locator('#plan-introduction').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Closed mid-typing.');
  await page.close({ runBeforeUnload: true });
  const again = await openPlan(context);
  await again.locator('#plan-introduction').waitFor();
  assert.equal(await again.locator('#plan-introduction').inputValue(), 'Each year the partnership produces a plan. Closed mid-typing.');
  await context.close();
});

test('findings go into the analysis with one action; bold, bullets, undo and redo work from the keyboard', async () => {
  const context = await newContext();
  const page = await openPlan(context);
  await startDraft(page);
  const first = page.locator('section.plan-priority').first();
  assert.match(await first.locator('h3').innerText(), /^Priority 1: Domestic abuse$/);
  await first.getByRole('button', { name: 'Insert into the analysis' }).click();
  const analysis = first.locator('textarea[id^="plan-analysis-"]');
  assert.match(await analysis.inputValue(), /^Domestic abuse incidents increased by 17% \(192 incidents\)/);
  // Bold by keyboard on a selection, then a bullet list.
  const activity = first.locator('textarea[id^="plan-activity-"]');
  await activity.focus();
  await page.keyboard.type('DAVSS ran workshops');
  await activity.evaluate((el) => el.setSelectionRange(0, 5));
  await page.keyboard.press('Control+b');
  assert.equal(await activity.inputValue(), '**DAVSS** ran workshops');
  await first.getByRole('button', { name: 'List in Activity undertaken' }).click();
  assert.equal(await activity.inputValue(), '- **DAVSS** ran workshops');
  // Undo and redo are the plan's, across fields.
  await activity.focus();
  await page.keyboard.press('Control+z');
  assert.equal(await activity.inputValue(), '**DAVSS** ran workshops');
  await page.keyboard.press('Control+z');
  assert.equal(await activity.inputValue(), 'DAVSS ran workshops');
  await page.keyboard.press('Control+y');
  assert.equal(await activity.inputValue(), '**DAVSS** ran workshops');
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await analysis.inputValue(), '');
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.match(await analysis.inputValue(), /^Domestic abuse incidents increased by 17%/);
  // Action rows: added, filled, reordered.
  await first.getByRole('button', { name: 'Add an action' }).click();
  await first.getByRole('button', { name: 'Add an action' }).click();
  const actions = first.locator('table.actions tbody tr');
  await actions.nth(0).getByLabel('Action', { exact: true }).fill('Refer high risk cases to MARAC');
  await actions.nth(1).getByLabel('Action', { exact: true }).fill('Run the Freedom Programme');
  await actions.nth(1).getByRole('button', { name: 'Move this action up' }).click();
  assert.equal(await actions.nth(0).getByLabel('Action', { exact: true }).inputValue(), 'Run the Freedom Programme');
  // Keyboard focus stays in the field being typed in.
  await actions.nth(0).getByLabel('Measure', { exact: true }).focus();
  await page.keyboard.type('Number of programmes run');
  assert.equal(await page.evaluate(() => document.activeElement?.value), 'Number of programmes run');
  assert.deepEqual(app.errors, []);
  await context.close();
});

test('a second tab editing the same draft does not silently overwrite the first', async () => {
  const context = await newContext();
  const first = await openPlan(context);
  await startDraft(first);
  await first.locator('#plan-introduction').fill('Written in the first tab.');
  await saved(first);
  const second = await openPlan(context);
  await second.locator('#plan-introduction').waitFor();
  assert.equal(await second.locator('#plan-introduction').inputValue(), 'Written in the first tab.');
  // With nothing unsaved in the second tab, it simply shows the first tab's later save.
  await first.locator('#plan-introduction').fill('The first tab, later.');
  await saved(first);
  await second.waitForFunction(() => document.querySelector('#plan-introduction')?.value === 'The first tab, later.');
  assert.match(await second.locator('.save-status').innerText(), /^Updated with the changes saved in another tab at /);

  // Now the second tab has unsaved typing when another save lands (written
  // straight into storage, as another tab's save would be, inside the 0.4 s
  // before this tab saves): nothing is overwritten; the user is asked.
  await second.locator('#plan-strategic-context').fill('Typed in the second tab.');
  await first.evaluate(() => {
    const id = localStorage.getItem('cspw.current-draft.v1');
    const stored = JSON.parse(localStorage.getItem(`cspw.draft.${id}`));
    stored.draft.revision += 10;
    stored.draft.plan.introduction = 'Saved elsewhere meanwhile.';
    localStorage.setItem(`cspw.draft.${id}`, JSON.stringify(stored));
  });
  const alert = second.locator('.conflict');
  await alert.waitFor();
  assert.match(await alert.innerText(), /This draft was changed in another tab or window/);
  await second.waitForTimeout(800);
  const stored = await second.evaluate(() => {
    const id = localStorage.getItem('cspw.current-draft.v1');
    return JSON.parse(localStorage.getItem(`cspw.draft.${id}`)).draft.plan;
  });
  assert.equal(stored.introduction, 'Saved elsewhere meanwhile.');
  assert.equal(stored.priority_setting.strategic_context, '');
  assert.match(await second.locator('.save-status').innerText(), /^Not saved: this draft was changed in another tab/);
  // Keep both: the second tab's work becomes a copy; the other version stays.
  await second.getByRole('button', { name: 'Keep both: save mine as a copy' }).click();
  await saved(second);
  const drafts = await second.evaluate(() => JSON.parse(localStorage.getItem('cspw.drafts.v1')).map((d) => d.name));
  assert.equal(drafts.length, 2);
  assert.ok(drafts.some((n) => n.endsWith('(this tab’s copy)') || n.endsWith("(this tab's copy)")), drafts.join(' | '));
  assert.equal(await second.locator('#plan-strategic-context').inputValue(), 'Typed in the second tab.');
  await context.close();
});

test('a full store keeps the last good draft and says so; damaged storage is set aside and the app starts', async () => {
  const context = await newContext();
  const page = await openPlan(context);
  await startDraft(page);
  await page.locator('#plan-introduction').fill('The last good version.');
  await saved(page);
  // The browser's storage fills up.
  await page.evaluate(() => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key.startsWith('cspw.draft.')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.call(this, key, value);
    };
  });
  await page.locator('#plan-introduction').fill('Typed when the store was full.');
  const alert = page.locator('.save-status[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /^Not saved: the browser's storage is full or switched off\. Your work is still on this page and the last saved version is kept: download the draft as a file/);
  const stored = await page.evaluate(() => {
    const id = localStorage.getItem('cspw.current-draft.v1');
    return JSON.parse(localStorage.getItem(`cspw.draft.${id}`)).draft.plan.introduction;
  });
  assert.equal(stored, 'The last good version.');
  // Export still works, so nothing typed is lost.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Draft as a file (JSON)' }).click(),
  ]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.draft.plan.introduction, 'Typed when the store was full.');
  await page.close();

  // Damaged data in storage: set aside under a backup key, and the app starts.
  const broken = await openPlan(context);
  await broken.evaluate(() => {
    const id = localStorage.getItem('cspw.current-draft.v1');
    localStorage.setItem(`cspw.draft.${id}`, '{"format":"csp-workbench-draft","schema":1,"draft":{"id":');
    localStorage.setItem('cspw.drafts.v1', 'not json at all');
  });
  await broken.reload();
  const setAside = broken.locator('.set-aside');
  await setAside.waitFor();
  assert.match(await setAside.innerText(), /set aside, not deleted/);
  assert.match(await setAside.innerText(), /A stored draft could not be read: it is not a workbench draft \(not valid JSON/);
  assert.match(await setAside.innerText(), /The list of drafts could not be read: it is not valid JSON at line 1, column \d+\. It is set aside, not deleted, under cspw\.corrupt\.\d+-\d+ in local storage, and the workbench uses a list rebuilt from the drafts themselves instead\./);
  const backups = await broken.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cspw.corrupt.')).length);
  assert.equal(backups, 2);
  // The workbench carries on: a new draft can be started and typed into.
  await startDraft(broken);
  await broken.locator('#plan-introduction').fill('A fresh start.');
  await saved(broken);
  await context.close();
});

test('the plan goes out as a valid Word document with its headings and action tables', async () => {
  const context = await newContext();
  const page = await openPlan(context);
  await startDraft(page);
  await page.locator('#plan-introduction').fill('Each year the **CSP** produces a plan.');
  const first = page.locator('section.plan-priority').first();
  await first.getByRole('button', { name: 'Insert into the analysis' }).click();
  await first.getByRole('button', { name: 'Add an action' }).click();
  const row = first.locator('table.actions tbody tr').first();
  await row.getByLabel('Action', { exact: true }).fill('Refer high risk cases to MARAC & review <monthly>');
  await row.getByLabel('Primary agency/agencies', { exact: true }).fill('DAVSS, Kent Police');
  await row.getByLabel('Measure', { exact: true }).fill('Number of cases referred');
  await saved(page);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: 'Word (.docx)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.docx$/);
  const zip = unzip(readFileSync(await download.path()));
  assert.ok(zip['[Content_Types].xml'] && zip['word/document.xml'], Object.keys(zip).join(', '));
  const xml = zip['word/document.xml'].toString('utf8');
  assert.match(xml, /<w:pStyle w:val="Heading2"\/>.*?Introduction/s);
  assert.match(xml, /Priority 1: Domestic abuse/);
  assert.match(xml, /<w:tbl>/);
  assert.match(xml, /Primary agency\/agencies/);
  assert.match(xml, /Refer high risk cases to MARAC &amp; review &lt;monthly&gt;/);
  assert.match(xml, /<w:b\/>.*?CSP/s);
  assert.match(xml, /Domestic abuse incidents increased by 17% \(192 incidents\)/);
  // The trend chart goes in as a picture with its description.
  assert.ok(Object.keys(zip).some((name) => /^word\/media\/image\d+\.png$/.test(name)), 'no chart image');
  assert.match(xml, /descr="Domestic abuse incidents in Tunbridge Wells/);
  // The figures workbook is zipped the same way (deflated by the browser).
  const [workbook] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: 'Figures (Excel)' }).click(),
  ]);
  assert.match(workbook.suggestedFilename(), /\.xlsx$/);
  const book = unzip(readFileSync(await workbook.path()));
  assert.match(book['xl/worksheets/sheet1.xml'].toString('utf8'), /<sheetData>/);
  assert.match(book['xl/sharedStrings.xml'].toString('utf8'), /Domestic abuse/);
  await context.close();
});

test('a draft exported to JSON and imported again is identical; a bad file is refused and changes nothing', async () => {
  const context = await newContext();
  const page = await openPlan(context);
  await startDraft(page);
  await page.locator('#plan-introduction').fill('Round trip — “quotes”, ünïcode and **bold**.');
  const first = page.locator('section.plan-priority').first();
  await first.getByRole('button', { name: 'Add an action' }).click();
  await first.locator('table.actions tbody tr').first().getByLabel('Action', { exact: true }).fill('An action');
  await page.locator('details.snapshots summary').click();
  await page.locator('#snapshot-label').fill('Before the board');
  await page.getByRole('button', { name: 'Take a snapshot' }).click();
  await saved(page);
  const exportDraft = async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Draft as a file (JSON)' }).click(),
    ]);
    return readFileSync(await download.path(), 'utf8');
  };
  const original = await exportDraft();
  const dir = scratchDir('cspw-draft-');
  const file = join(dir, 'plan.json');
  writeFileSync(file, original);

  // A damaged file first: refused with a reason; the open draft is untouched.
  const bad = join(dir, 'damaged.json');
  writeFileSync(bad, original.slice(0, original.length / 2));
  await page.setInputFiles('#draft-file', bad);
  const alert = page.locator('.plan-exports [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /^“damaged\.json” could not be opened: it is not a workbench draft \(not valid JSON/);
  assert.match(await page.locator('#plan-introduction').inputValue(), /^Round trip/);

  await page.setInputFiles('#draft-file', file);
  await page.waitForFunction(() => document.querySelector('.plan-exports [role="status"]')?.textContent.includes('opened as the draft'));
  await saved(page);
  const again = JSON.parse(await exportDraft());
  const before = JSON.parse(original);
  assert.deepEqual(again.draft.plan, before.draft.plan);
  assert.deepEqual(again.draft.snapshots, before.draft.snapshots);
  assert.equal(again.draft.name, before.draft.name);
  assert.notEqual(again.draft.id, before.draft.id, 'imported as a new draft beside the first');
  const names = await page.evaluate(() => JSON.parse(localStorage.getItem('cspw.drafts.v1')).length);
  assert.equal(names, 2);
  await context.close();
});

test('a snapshot restores an earlier version, and the restore itself can be undone', async () => {
  const context = await newContext();
  const page = await openPlan(context);
  await startDraft(page);
  await page.locator('#plan-introduction').fill('The version the board saw.');
  await page.locator('details.snapshots summary').click();
  await page.locator('#snapshot-label').fill('Board, March');
  await page.locator('#snapshot-label').press('Enter');
  await page.locator('#plan-introduction').fill('Rewritten afterwards.');
  await saved(page);
  const snapshot = page.locator('details.snapshots li', { hasText: 'Board, March' });
  await snapshot.getByRole('button', { name: 'Restore' }).click();
  assert.equal(await page.locator('#plan-introduction').inputValue(), 'The version the board saw.');
  // What was there before the restore is kept as a snapshot of its own, and undo brings it back.
  assert.equal(await page.locator('details.snapshots li', { hasText: 'Before restoring an earlier version' }).count(), 1);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.locator('#plan-introduction').inputValue(), 'Rewritten afterwards.');
  await saved(page);
  await page.reload();
  await page.locator('details.snapshots summary').click();
  assert.equal(await page.locator('details.snapshots li', { hasText: 'Board, March' }).count(), 1);
  await context.close();
});

test('the data a draft relies on is kept in the browser database across a reload, until the user starts again', async () => {
  const context = await newContext();
  const page = await app.openIn(context, '#/data');
  const tables = page.locator('table.data-tables tbody tr');
  await tables.nth(7).waitFor({ timeout: 30_000 });
  assert.equal(await tables.count(), 8);
  await page.setInputFiles('#file-input', `${REAL}/2019-01-city-of-london-street.csv`);
  // The user's first file replaces the sample: one table, the street file's.
  await page.waitForFunction(() => document.querySelectorAll('table.data-tables tbody tr').length === 1);
  // Writes to the database are asynchronous; give the last one a moment to land.
  await page.waitForFunction(async () => new Promise((resolve) => {
    const open = indexedDB.open('csp-workbench', 1);
    open.onsuccess = () => {
      const get = open.result.transaction('data').objectStore('data').get('dataset.v1');
      // Kept as a Blob of its JSON (a string in older versions).
      get.onsuccess = async () => resolve(get.result != null && (typeof get.result === 'string' ? get.result : await get.result.text()).includes('2019-01-city-of-london-street.csv'));
      get.onerror = () => resolve(false);
    };
    open.onerror = () => resolve(false);
  }));
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('table.data-tables tbody tr').length === 1, null, { timeout: 30_000 });
  assert.match(await page.locator('.import-log li').first().innerText(),
    /^Your data: Restored the data kept in this browser from your last visit: 1 table and [\d,]+ figures, from 1 file\.$/);
  // The raw files are not kept: only the tidy figures.
  const kept = await page.evaluate(async () => new Promise((resolve) => {
    const open = indexedDB.open('csp-workbench', 1);
    open.onsuccess = () => {
      const get = open.result.transaction('data').objectStore('data').get('dataset.v1');
      get.onsuccess = async () => resolve(JSON.parse(typeof get.result === 'string' ? get.result : await get.result.text()));
    };
  }));
  // The street file's 55 counts (15 for the force, 40 for the districts of its
  // records' LSOAs), and none of the sample's figures: it was replaced.
  assert.ok(Array.isArray(kept.observations) && kept.observations.length === 55);
  assert.ok(!kept.observations.some((o) => o.source.file === 'csp-sample-assessment.xlsx'));
  assert.equal(kept.observations.find((o) => o.source.file === '2019-01-city-of-london-street.csv').source.sheet, 'CSV');
  await page.getByRole('button', { name: 'Bring back the sample…' }).click();
  await page.getByRole('button', { name: 'Forget the imported data and bring back the sample' }).click();
  await page.waitForFunction(() => document.querySelectorAll('table.data-tables tbody tr').length === 8, null, { timeout: 30_000 });
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('table.data-tables tbody tr').length === 8, null, { timeout: 30_000 });
  await context.close();
});

test('nothing in the plan tests logged an error', () => {
  assert.deepEqual(app.errors, []);
});
