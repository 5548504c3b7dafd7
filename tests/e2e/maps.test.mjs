// End-to-end: the maps (issue 14). The first visit fetches no boundary file;
// choosing "Map" under "Compared with other districts" fetches the districts'
// boundaries once and draws Kent's districts, each coloured by the class its
// table row states, the figures equal to the sample's own (published) figures;
// the keyboard reaches an area and hears its name and figure. Run after `make build`:
//   node --test --test-concurrency=1 tests/e2e/maps.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir, startApp } from './harness.mjs';

const LSOA11 = new URL('../../public/maps/lsoa11/', import.meta.url).pathname;
const CRIMES = ['Burglary', 'Violence and sexual offences', 'Vehicle crime', 'Anti-social behaviour'];

/** Kent's and Medway's 2011 LSOAs from the shipped boundary files: code, name, district and a point inside. */
function kentLsoas() {
  const out = [];
  for (const file of readdirSync(LSOA11).filter((f) => /^E0(6000035|70001\d\d)\.txt$/.test(f))) {
    const text = readFileSync(join(LSOA11, file), 'utf8');
    const scale = Number(text.match(/^S\t(\d+)$/m)[1]);
    for (const line of text.split('\n').filter((l) => l.startsWith('A\t'))) {
      const [, code, name, district, rings] = line.split('\t');
      const n = rings.split(';')[0].split(',').map(Number);
      let [x, y] = [n[0], n[1]];
      let [sx, sy, k] = [x, y, 1];
      for (let i = 2; i < n.length; i += 2) { x += n[i]; y += n[i + 1]; sx += x; sy += y; k += 1; }
      out.push({ code, name, district, lon: sx / k / scale, lat: sy / k / scale });
    }
  }
  return out;
}

/** Maidstone's 2011 LSOAs as the user's own GeoJSON (with no district code, as some ONS files have). */
function maidstoneGeoJson(dir) {
  const text = readFileSync(join(LSOA11, 'E07000110.txt'), 'utf8');
  const scale = Number(text.match(/^S\t(\d+)$/m)[1]);
  const features = text.split('\n').filter((l) => l.startsWith('A\t')).map((line) => {
    const [, code, name, , rings] = line.split('\t');
    const coordinates = rings.split(';').map((ring) => {
      const n = ring.split(',').map(Number);
      const points = [];
      let [x, y] = [0, 0];
      for (let i = 0; i < n.length; i += 2) {
        x = i === 0 ? n[0] : x + n[i];
        y = i === 0 ? n[1] : y + n[i + 1];
        points.push([x / scale, y / scale]);
      }
      points.push(points[0]);
      return points;
    });
    return { type: 'Feature', properties: { LSOA11CD: code, LSOA11NM: name }, geometry: { type: 'Polygon', coordinates } };
  });
  const path = join(dir, 'maidstone-lsoas.geojson');
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
  return { path, count: features.length };
}

/** The shipped LSOA → ward lookup (public/geo/lsoa-wards.txt, `core::geography::wards`): LSOA code → { code, name, district } of its ward. */
function wardLookup() {
  const text = readFileSync(new URL('../../public/geo/lsoa-wards.txt', import.meta.url), 'utf8');
  const wards = [];
  const out = new Map();
  let district = '';
  let [letter, end] = ['', 0];
  for (const line of text.split('\n').slice(1).filter((l) => l && !l.startsWith('#'))) {
    const f = line.split('\t');
    if (f[0] === 'D') { district = f[1]; continue; }
    if (f[0] === 'W') { wards.push({ code: f[1], name: f[2], district }); continue; }
    let start;
    if (f[0].startsWith('+')) start = end + Number(f[0].slice(1));
    else { letter = f[0][0]; start = Number(f[0].slice(1)); }
    const len = f[2] ? Number(f[2]) : 1;
    for (let i = 0; i < len; i += 1) out.set(`${letter}${String(start + i).padStart(8, '0')}`, wards[Number(f[1])]);
    end = start + len;
  }
  return out;
}

/** Maidstone's wards as a quantised, delta-encoded TopoJSON, each ward a MultiPolygon of its LSOAs' outlines (one arc a ring). */
function maidstoneWardsTopoJson(dir, wards) {
  const text = readFileSync(join(LSOA11, 'E07000110.txt'), 'utf8');
  const scale = Number(text.match(/^S\t(\d+)$/m)[1]);
  const arcs = [];
  const byWard = new Map();
  for (const line of text.split('\n').filter((l) => l.startsWith('A\t'))) {
    const [, code, , , rings] = line.split('\t');
    const ward = wards.get(code);
    if (!ward) continue;
    const polygon = rings.split(';').map((ring) => {
      const n = ring.split(',').map(Number);
      // Steps in the file's units; the ring closed by a step back to its start.
      const steps = [];
      for (let i = 0; i < n.length; i += 2) steps.push([n[i], n[i + 1]]);
      const [sx, sy] = steps.slice(1).reduce(([x, y], [dx, dy]) => [x + dx, y + dy], [0, 0]);
      steps.push([-sx, -sy]);
      arcs.push(steps);
      return [arcs.length - 1];
    });
    if (!byWard.has(ward.code)) byWard.set(ward.code, { ward, polygons: [] });
    byWard.get(ward.code).polygons.push(polygon);
  }
  const geometries = [...byWard.values()].map(({ ward, polygons }) => ({
    type: 'MultiPolygon', arcs: polygons, properties: { WD24CD: ward.code, WD24NM: ward.name, LAD24CD: ward.district },
  }));
  const topology = { type: 'Topology', transform: { scale: [1 / scale, 1 / scale], translate: [0, 0] }, arcs, objects: { wards: { type: 'GeometryCollection', geometries } } };
  const path = join(dir, 'maidstone-wards.topojson');
  writeFileSync(path, JSON.stringify(topology));
  return { path, count: geometries.length };
}

/** Hastings (East Sussex: no LSOA boundaries are built in): 40 records in five
 * clusters about its outline's middle, far enough apart to fall in different
 * hexagons, each cluster's count different; the clusters' points and counts are the tally. */
function hastingsRows() {
  const line = readFileSync(new URL('../../public/maps/districts.txt', import.meta.url), 'utf8')
    .split('\n').find((l) => l.startsWith('A\tE07000062\t'));
  const scale = Number(readFileSync(new URL('../../public/maps/districts.txt', import.meta.url), 'utf8').match(/^S\t(\d+)$/m)[1]);
  const n = line.split('\t')[4].split(';')[0].split(',').map(Number);
  let [x, y, sx, sy, k] = [n[0], n[1], n[0], n[1], 1];
  for (let i = 2; i < n.length; i += 2) { x += n[i]; y += n[i + 1]; sx += x; sy += y; k += 1; }
  const [lon, lat] = [sx / k / scale, sy / k / scale];
  const clusters = [[-0.04, -0.01, 2], [-0.02, 0.01, 4], [0, 0, 7], [0.02, -0.01, 11], [0.04, 0.01, 16]]
    .map(([dx, dy, count]) => ({ lon: Number((lon + dx).toFixed(6)), lat: Number((lat + dy).toFixed(6)), count }));
  const rows = [];
  for (const c of clusters) {
    for (let i = 0; i < c.count; i += 1) {
      rows.push(`h${rows.length},2019-0${1 + (rows.length % 9)},Sussex Police,Sussex Police,${c.lon.toFixed(6)},${c.lat.toFixed(6)},On or near Test Street,E01020969,Hastings 001A,Burglary,Under investigation,`);
    }
  }
  return { rows, clusters };
}

/** A small police.uk street file for Cardiff in 2019: 40 burglaries in its first 20 2011 LSOAs (W01…) by the ONS lookup. */
function cardiffStreetFile(dir) {
  const lookup = new URL('../../../shared/data/geo/lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv', import.meta.url).pathname;
  const lines = readFileSync(lookup, 'utf8').split('\n');
  const header = lines[0].split(',');
  const [code, name, district] = ['LSOA11CD', 'LSOA11NM', 'LAD22NM'].map((h) => header.indexOf(h));
  const cardiff = lines.slice(1).map((l) => l.split(',')).filter((f) => f[district] === 'Cardiff').slice(0, 20);
  assert.equal(cardiff.length, 20);
  assert.ok(cardiff.every((f) => f[code].startsWith('W01')));
  const out = ['Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'];
  for (let i = 0; i < 40; i += 1) {
    const f = cardiff[i % 20];
    out.push(`w${i},2019-${String(1 + (i % 12)).padStart(2, '0')},South Wales Police,South Wales Police,-3.18,51.48,On or near Queen Street,${f[code]},${f[name]},Burglary,,`);
  }
  const path = join(dir, '2019-cardiff-street.csv');
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

/** A police.uk street file for Kent in 2019, generated with a seed, and its tally by LSOA and crime type. */
function kentStreetFile(dir) {
  const lsoas = kentLsoas();
  let seed = 14;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const lines = ['Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'];
  const tally = new Map();
  let id = 0;
  for (const l of lsoas) {
    // Skewed: a few LSOAs carry much of the crime, as in real data.
    const weight = Math.floor(random() ** 3 * 40);
    for (let i = 0; i < weight; i += 1) {
      const crime = CRIMES[Math.floor(random() * CRIMES.length)];
      const month = `2019-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`;
      id += 1;
      lines.push(`k${id},${month},Kent Police,Kent Police,${l.lon.toFixed(6)},${l.lat.toFixed(6)},On or near Test Street,${l.code},${l.name},${crime},Under investigation,`);
      const key = `${l.code}|${crime}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
  }
  const hastings = hastingsRows();
  lines.push(...hastings.rows);
  const path = join(dir, '2019-kent-street.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, lsoas, tally, rows: id, hastings: hastings.clusters };
}

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

/** "1,234.5" or "−1.2" as a number. */
const num = (text) => Number(text.replace(/,/g, '').replace('−', '-').replace('%', '').replace('+', ''));

/** Whether a shown value lies in a class as its label states it ("1.21 to under 1.33"). */
function inClass(value, label) {
  let m;
  if ((m = label.match(/^under (.+)$/))) return value < num(m[1]);
  if ((m = label.match(/^(.+) to under (.+)$/))) return value >= num(m[1]) && value < num(m[2]);
  if ((m = label.match(/^(.+) and over$/))) return value >= num(m[1]);
  return label === 'all areas';
}

test('maps: fetched on demand, coloured as their tables say, reached by keyboard, in the board pack', async (t) => {
  const page = await app.openPage('', { acceptDownloads: true });
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.locator('[data-chart="district-comparison"] canvas').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  const mapFiles = (p) => p.includes('/maps/') || p.endsWith('/geo/lsoa-wards.txt');
  assert.ok(!requests.some(mapFiles), `a map file was fetched on the first visit: ${requests.filter(mapFiles)}`);
  // Nor any of the code fetched on demand (tools/split-wasm.mjs names its chunks so).
  const chunk = (p) => /\/csp-workbench-.+-[0-9a-f]{16}\.wasm$/.test(p);
  assert.ok(!requests.some(chunk), `on-demand code was fetched on the first visit: ${requests.filter(chunk)}`);

  await page.selectOption('#measure-select', 'Drug offences');
  await page.selectOption('#district-view-select', 'map');
  const map = page.locator('.map svg');
  await map.waitFor({ timeout: 30_000 });
  assert.equal(requests.filter((p) => p.endsWith('/maps/districts.txt')).length, 1, 'the boundaries were fetched once');
  assert.ok(requests.some((p) => /\/csp-workbench-.+-[0-9a-f]{16}\.wasm$/.test(p)), 'the maps\' code was fetched when the map was asked for');

  // Every area: its class and label agree with its table row (same order).
  await page.getByRole('button', { name: 'Show as table' }).click();
  const rows = await page.locator('.map-figure table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  const areas = await page.locator('.map .map-area').evaluateAll((paths) =>
    paths.map((p) => ({ label: p.getAttribute('aria-label'), cls: p.getAttribute('data-class'), fill: p.getAttribute('fill') })));
  const legend = await page.locator('.map .map-legend text').allTextContents();
  const swatches = await page.locator('.map .map-legend rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('fill')));
  assert.equal(areas.length, 12, 'Kent has twelve districts');
  assert.equal(rows.length, 12);
  for (const [i, row] of rows.entries()) {
    const [name, count, rate, cls] = row;
    assert.ok(areas[i].label.startsWith(`${name}: ${rate} per 1,000 (${cls})`), `${areas[i].label} / ${row}`);
    assert.ok(inClass(num(rate), cls), `${name}: ${rate} is not in ${cls}`);
    // The legend's n-th class (after its title) is the area's class.
    assert.equal(legend[1 + Number(areas[i].cls)], cls);
    // …and its colour is that class's swatch.
    assert.equal(areas[i].fill, swatches[Number(areas[i].cls)], `${name}'s fill`);
    assert.ok(num(count) > 0);
  }
  // The sample's published figure: Tunbridge Wells, 212 drug offences, 1.8 per 1,000, 11th of 12.
  const tw = rows.findIndex((r) => r[0] === 'Tunbridge Wells');
  assert.equal(tw, 10);
  assert.equal(rows[tw][1], '212');
  assert.equal(num(rows[tw][2]).toFixed(1), '1.8');
  assert.ok(await page.locator('.map .map-outline').count() === 1, 'the local area is outlined');

  // Keyboard: Tab from the last control lands on the map; arrows move area to area.
  await page.locator('#map-value-select').focus();
  await page.keyboard.press('Tab');
  let focused = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.ok(focused.startsWith(`${rows[0][0]}: `), focused);
  for (let i = 0; i < tw; i += 1) await page.keyboard.press('ArrowRight');
  focused = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.ok(focused.startsWith(`Tunbridge Wells: ${rows[tw][2]} per 1,000`), focused);
  assert.match(await page.locator('.map-readout').innerText(), /^Tunbridge Wells: 1\.8\d per 1,000/);
  await page.keyboard.press('End');
  focused = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.ok(focused.startsWith(`${rows[11][0]}: `), focused);

  // Change on the previous year: All crime, 4,998 → 5,040 (+0.8%) in Tunbridge Wells, diverging colours.
  await page.selectOption('#measure-select', 'All crime');
  await page.selectOption('#map-value-select', 'change');
  await page.waitForFunction(() => document.querySelector('.map svg')?.textContent.includes('Change on'));
  const change = await page.locator('.map-figure table tbody tr', { hasText: 'Tunbridge Wells' }).locator('td').allTextContents();
  assert.deepEqual(change.slice(1, 4), ['4,998', '5,040', '+0.8%']);
  assert.equal(requests.filter((p) => p.endsWith('/maps/districts.txt')).length, 1, 'the boundaries were kept');

  // PNG and SVG downloads of the map.
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /as SVG$/ }).last().click(),
  ]);
  // Named by the map's title, as charts are.
  assert.match(svgDownload.suggestedFilename(), /^All crime change on .*, districts in Kent, .*\.svg$/);
  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /as PNG$/ }).last().click(),
  ]);
  assert.match(pngDownload.suggestedFilename(), /\.png$/);

  // The board pack: each priority's district map as inline SVG, numbers beside it.
  await page.getByRole('link', { name: 'Board' }).click();
  await page.locator('table.overview-table tbody tr').first().waitFor({ timeout: 30_000 });
  const [pack] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the board pack' }).click(),
  ]);
  const packFile = join(scratchDir('cspw-maps-'), pack.suggestedFilename());
  await pack.saveAs(packFile);
  const html = readFileSync(packFile, 'utf8');
  const packMaps = html.match(/<figure class="map"><svg/g) ?? [];
  assert.ok(packMaps.length >= 1, 'the board pack has maps');
  assert.ok(!html.includes('tabindex="-1"'));
  t.diagnostic(`board pack: ${packMaps.length} district maps as SVG, ${Math.round(html.length / 1024)} KB`);
  // Opened from disk with the network off: the maps are there, nothing is fetched.
  const offline = await app.browser.newContext({ offline: true });
  const fetchedByPack = [];
  await offline.route('**/*', (route) => {
    fetchedByPack.push(route.request().url());
    return route.request().url().startsWith('file:') ? route.continue() : route.abort();
  });
  const packPage = await offline.newPage();
  await packPage.goto(`file://${packFile}`);
  assert.equal(await packPage.locator('figure.map svg').count(), packMaps.length);
  assert.ok(await packPage.locator('figure.map svg .map-area').count() >= 12 * packMaps.length, 'every district of each map drawn');
  assert.deepEqual(fetchedByPack, [`file://${packFile}`]);
  await offline.close();

  // A year of Kent street records (generated): the local district's neighbourhoods.
  const kent = kentStreetFile(scratchDir('cspw-kent-'));
  await page.getByRole('link', { name: 'Data' }).click();
  await page.setInputFiles('#file-input', kent.path);
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('2019-kent-street.csv'), null, { timeout: 60_000 });
  await page.getByRole('link', { name: 'Assessment' }).click();
  const search = page.getByLabel('Find any district or partnership');
  await search.focus();
  await page.keyboard.type('Maidstone');
  await page.keyboard.press('Enter');
  await page.locator('#neighbourhoods-heading').waitFor({ timeout: 30_000 });
  await page.locator('.neighbourhoods .map svg').waitFor({ timeout: 30_000 });
  assert.ok(requests.some((p) => p.endsWith('/maps/lsoa11/E07000110.txt')), 'Maidstone\'s LSOAs fetched');
  // Render time of the district's LSOAs for another crime: from the choice to the drawn map.
  const started = await page.evaluate(() => performance.now());
  await page.selectOption('#neighbourhood-crime-select', 'Burglary');
  await page.waitForFunction(() => document.querySelector('.neighbourhoods .map svg title')?.textContent.startsWith('Burglary'));
  const drawn = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now()))));
  const built = await page.evaluate(() => performance.getEntriesByName('cspw:neighbourhood-map').map((e) => e.duration));
  const maidstone = kent.lsoas.filter((l) => l.district === 'E07000110');
  t.diagnostic(`neighbourhood map, Maidstone's ${maidstone.length} LSOAs: ${Math.round(drawn - started)} ms from the choice to the drawn map (core SVG build ${built.map((d) => d.toFixed(1)).join(', ')} ms)`);
  await page.locator('.neighbourhoods').getByRole('button', { name: 'Show as table' }).click();
  const nRows = await page.locator('.neighbourhoods table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  const nAreas = await page.locator('.neighbourhoods .map-area').evaluateAll((paths) =>
    paths.map((p) => ({ code: p.getAttribute('data-code'), label: p.getAttribute('aria-label'), cls: p.getAttribute('data-class'), fill: p.getAttribute('fill') })));
  const nSwatches = await page.locator('.neighbourhoods .map-legend rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('fill')));
  assert.equal(nRows.length, maidstone.length, 'every LSOA of Maidstone drawn');
  for (const [i, [name, code, records, cls]] of nRows.entries()) {
    assert.equal(nAreas[i].code, code);
    assert.equal(num(records), kent.tally.get(`${code}|Burglary`) ?? 0, `${name} (${code})`);
    assert.ok(nAreas[i].label.startsWith(`${name}: ${records} (${cls})`), nAreas[i].label);
    assert.ok(inClass(num(records), cls), `${records} not in ${cls}`);
    assert.equal(nAreas[i].fill, nAreas[i].cls === 'none' ? nSwatches.find((f) => f.startsWith('url(')) : nSwatches[Number(nAreas[i].cls)], `${name}'s fill`);
  }
  // The neighbourhood map's PNG and SVG downloads: named by its title; the SVG
  // well-formed with every LSOA of the table, filled as on the page; the PNG an image.
  const hoods = page.locator('.neighbourhoods');
  const hoodTitle = await hoods.locator('.map svg title').first().textContent();
  assert.match(hoodTitle, /^Burglary by neighbourhood \(LSOA\), Maidstone, /);
  const [hoodSvg] = await Promise.all([page.waitForEvent('download'), hoods.getByRole('button', { name: /as SVG$/ }).click()]);
  assert.equal(hoodSvg.suggestedFilename(), `${hoodTitle}.svg`);
  const svgText = readFileSync(await hoodSvg.path(), 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      areas: [...doc.querySelectorAll('.map-area')].map((p) => ({ code: p.getAttribute('data-code'), fill: p.getAttribute('fill') })),
    };
  }, svgText);
  assert.equal(parsed.error, null, 'the SVG is well-formed');
  assert.equal(parsed.root, 'svg');
  assert.deepEqual(parsed.areas, nAreas.map((a) => ({ code: a.code, fill: a.fill })), 'the SVG holds the LSOAs as drawn');
  const [hoodPng] = await Promise.all([page.waitForEvent('download'), hoods.getByRole('button', { name: /as PNG$/ }).click()]);
  assert.equal(hoodPng.suggestedFilename(), `${hoodTitle}.png`);
  const png = readFileSync(await hoodPng.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
  const [pngWidth, pngHeight] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  assert.ok(pngWidth > 100 && pngHeight > 100, `${pngWidth}×${pngHeight}`);
  assert.ok(png.length > 5_000, `${png.length} bytes`);

  // Keyboard: from the boundary file control (the last before the map) into the map, then to the last neighbourhood.
  await page.locator('#boundary-file').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('End');
  const last = nRows[nRows.length - 1];
  assert.ok((await page.locator('.neighbourhoods .map-readout').innerText()).startsWith(`${last[0]}: ${last[2]}`));

  // The user's own boundary file: kept in the browser across a reload.
  const own = maidstoneGeoJson(scratchDir('cspw-geojson-'));
  await page.setInputFiles('#boundary-file', own.path);
  await page.waitForFunction(() => document.querySelector('.neighbourhoods [role="status"]')?.textContent.includes('kept in this browser'), null, { timeout: 30_000 });
  assert.match(await page.locator('.neighbourhoods [role="status"]').first().innerText(), new RegExp(`^maidstone-lsoas\\.geojson: ${own.count} neighbourhoods \\(LSOAs\\) kept`));
  await page.reload();
  await page.locator('.neighbourhoods .map svg').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Forget my boundary file' }).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('.neighbourhoods .map-area').count(), own.count);

  assert.match(await page.locator('.neighbourhoods .boundary-in-use').innerText(), /on your boundary file maidstone-lsoas\.geojson/);

  // Wards, as TopoJSON: the map drawn by ward, each ward's records the generated
  // tally summed by the ward the shipped lookup gives its LSOAs.
  const wards = wardLookup();
  const ownWards = maidstoneWardsTopoJson(scratchDir('cspw-topojson-'), wards);
  await page.setInputFiles('#boundary-file', ownWards.path);
  await page.waitForFunction(() => document.querySelector('.neighbourhoods .boundary-in-use')?.textContent.startsWith('Drawn by ward'), null, { timeout: 30_000 });
  assert.ok(requests.some((p) => p.endsWith('/geo/lsoa-wards.txt')), 'the ward lookup fetched once wards are in use');
  const byWard = new Map();
  for (const [key, n] of kent.tally) {
    const [code, crime] = key.split('|');
    const ward = wards.get(code);
    if (crime !== 'Anti-social behaviour' && ward?.district === 'E07000110') byWard.set(ward.code, (byWard.get(ward.code) ?? 0) + n);
  }
  const wardRows = await page.locator('.neighbourhoods table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.equal(wardRows.length, ownWards.count, 'every ward drawn');
  for (const [name, code, records] of wardRows) assert.equal(num(records), byWard.get(code) ?? 0, `${name} (${code})`);
  assert.match(await page.locator('.neighbourhoods .chart-description').innerText(), /best-fit lookup/);
  // A damaged boundary file: one sentence naming it; the wards stay.
  const broken = join(scratchDir('cspw-broken-'), 'broken.topojson');
  writeFileSync(broken, '{"type":"Topology","arcs":[],"objects":{"a":{"type":"Polygon","arcs":[[3]],"properties":{"WD24CD":"E05000001"}}}}');
  await page.setInputFiles('#boundary-file', broken);
  await page.locator('.neighbourhoods [role="alert"]').waitFor();
  assert.match(await page.locator('.neighbourhoods [role="alert"]').innerText(), /^The boundary file was not used: broken\.topojson is a TopoJSON file that cannot be read: a ring names arc 3/);
  assert.equal(await page.locator('.neighbourhoods .map-area').count(), ownWards.count);

  // The ward file, like the LSOA one, kept in the browser across a reload (the damaged one did not replace it).
  await page.reload();
  await page.waitForFunction(() => document.querySelector('.neighbourhoods .boundary-in-use')?.textContent.startsWith('Drawn by ward'), null, { timeout: 60_000 });
  assert.match(await page.locator('.neighbourhoods .boundary-in-use').innerText(), /on your boundary file maidstone-wards\.topojson/);
  assert.equal(await page.locator('.neighbourhoods .map-area').count(), ownWards.count);
  const keptRows = await page.locator('.neighbourhoods table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.equal(keptRows.length, ownWards.count);
  for (const [name, code, records] of keptRows) assert.equal(num(records), byWard.get(code) ?? 0, `after the reload: ${name} (${code})`);

  // Hastings: no LSOA or ward boundaries match its records, so hexagons over its outline, with the snapping note.
  await search.focus();
  await search.fill('');
  await page.keyboard.type('Hastings');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.neighbourhoods .boundary-in-use')?.textContent.includes('hexagons'), null, { timeout: 30_000 });
  const hexDescription = await page.locator('.neighbourhoods .chart-description').innerText();
  assert.match(hexDescription, /^Hexagons of .* recorded in Hastings/);
  assert.match(hexDescription, /police\.uk moves each record to the nearest of a set of anonymous map points/);
  assert.ok(await page.locator('.neighbourhoods .map .map-outline').count() === 1, 'the district outlined');
  // Each hexagon holds one cluster's records, as the tally says, centred within a
  // grid cell and a hexagon of it (the grid may be coarsened for Kent's extent); the table sums to the 40 rows.
  const hexRows = await page.locator('.neighbourhoods table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.equal(hexRows.length, kent.hastings.length, `one hexagon per cluster: ${JSON.stringify(hexRows)}`);
  assert.equal(await page.locator('.neighbourhoods .map-area').count(), kent.hastings.length);
  assert.equal(hexRows.reduce((sum, r) => sum + num(r[1]), 0), 40);
  for (const [around, records] of hexRows) {
    const m = around.match(/^([\d.]+)°N ([\d.]+)°([EW])$/);
    const [lat, lon] = [Number(m[1]), Number(m[2]) * (m[3] === 'W' ? -1 : 1)];
    const nearest = [...kent.hastings].sort((a, b) => Math.hypot(a.lon - lon, a.lat - lat) - Math.hypot(b.lon - lon, b.lat - lat))[0];
    assert.equal(num(records), nearest.count, `${around}: ${records}, the cluster at ${nearest.lat}°N ${nearest.lon}° holds ${nearest.count}`);
    assert.ok(Math.abs(nearest.lon - lon) < 0.009 && Math.abs(nearest.lat - lat) < 0.006, `${around} is far from ${nearest.lat}, ${nearest.lon}`);
  }
  assert.match(hexDescription, /: 40 records in 5 hexagons/);

  // Cardiff (Wales: no IMD 2019 decile; Wales has its own index): its records are
  // tallied, and "Where it happens" says IMD covers England only, with no chart by decile.
  await page.getByRole('link', { name: 'Data', exact: true }).click();
  await page.setInputFiles('#file-input', cardiffStreetFile(scratchDir('cspw-cardiff-')));
  await page.waitForFunction(() => document.querySelector('.import-log li')?.textContent.startsWith('2019-cardiff-street.csv'), null, { timeout: 60_000 });
  await page.getByRole('link', { name: 'Assessment' }).click();
  await search.focus();
  await search.fill('');
  await page.keyboard.type('Cardiff');
  await page.keyboard.press('Enter');
  const hotspots = page.locator('section.hotspots');
  await hotspots.getByText('IMD 2019 has no deciles for Cardiff (it covers England only)').waitFor({ timeout: 30_000 });
  assert.match(await hotspots.locator('.finding-text').first().innerText(), /in Cardiff in 2019 happened in/);
  assert.equal(await hotspots.locator('[data-chart="deprivation"]').count(), 0, 'no chart by decile for Wales');

  assert.deepEqual(app.errors, []);
  assert.deepEqual(app.blocked, []);
  assert.deepEqual(app.cspViolations, []);
});

test('maps: code that cannot be fetched is one sentence, and "Try again" fetches it', async () => {
  const page = await app.openPage('');
  await page.locator('[data-chart="district-comparison"] canvas').first().waitFor({ timeout: 30_000 });
  // As if offline before the service worker kept the maps' code.
  const chunk = /\/csp-workbench-.+-[0-9a-f]{16}\.wasm$/;
  await page.route(chunk, (route) => route.abort('internetdisconnected'));
  const before = app.errors.length;
  await page.selectOption('#district-view-select', 'map');
  const alert = page.locator('section.comparison [role="alert"]');
  await alert.waitFor({ timeout: 30_000 });
  assert.match(await alert.innerText(), /^The workbench could not fetch the maps: it is offline, and this part of the app was not kept from an earlier visit\. Reconnect and try again\./);
  await page.unroute(chunk);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.locator('.map svg').waitFor({ timeout: 30_000 });
  // Only the refused fetches were logged.
  const logged = app.errors.splice(before);
  assert.ok(logged.every((e) => /fetch|Failed to load|ERR_/i.test(e)), logged.join('\n'));
  assert.deepEqual(app.cspViolations, []);
});
