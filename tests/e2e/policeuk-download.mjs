// A data.police.uk custom download of several forces, generated at test time:
// `YYYY-MM/` folders of street files for Kent, Essex and South Wales, with real
// LSOA codes and names of seven districts taken from the ONS best-fit lookup in
// ../shared/data/geo/lookups/ (2011 codes for most districts, 2021 codes for
// Dartford, Welsh codes for Cardiff and Swansea), a code the lookup does not
// know under a name that names its district before its rename ("Shepway 099Z",
// now Folkestone and Hythe), and records with no location. `tally` counts the
// generated rows again, from their text, as the page should: by district (the
// LSOA's district in the lookup, else the name's prefix), by force ("Falls
// within"), by crime type and month. Used by national.test.mjs.
import { readFileSync } from 'node:fs';
import { STREET_HEADER, zipOf } from '../../bench/inputs.mjs';

const LOOKUP = new URL('../../../shared/data/geo/lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv', import.meta.url).pathname;

export const MONTHS = ['2023-11', '2023-12'];
export const TYPES = ['Anti-social behaviour', 'Burglary', 'Criminal damage and arson', 'Shoplifting', 'Vehicle crime', 'Violence and sexual offences'];
export const ALL_CRIME = 'All crime (excluding anti-social behaviour)';
/** Districts named in LSOA names before a rename, and their names now. */
const RENAMED = { Shepway: 'Folkestone and Hythe' };

/** The lookup's rows as objects (no quoted commas in it). */
function lookupRows() {
  const [header, ...lines] = readFileSync(LOOKUP, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim());
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

/** The generated download: `{ files: [[path, Buffer]], zip: Buffer, districts, forces }`. */
export function generateDownload() {
  const rows = lookupRows();
  const pick = (district, n, census) => rows.filter((r) => r.LAD22NM === district)
    .filter((r) => census === 11 || r.LSOA21CD !== r.LSOA11CD || r.LSOA21NM !== r.LSOA11NM)
    .slice(0, n)
    .map((r) => (census === 11 ? [r.LSOA11CD, r.LSOA11NM] : [r.LSOA21CD, r.LSOA21NM]));
  const forces = {
    'Kent Police': {
      'Tunbridge Wells': pick('Tunbridge Wells', 4, 11),
      Dartford: pick('Dartford', 3, 21),
      'Folkestone and Hythe': [...pick('Folkestone and Hythe', 2, 11), ['E01999999', 'Shepway 099Z']],
    },
    'Essex Police': { Chelmsford: pick('Chelmsford', 3, 11), Colchester: pick('Colchester', 3, 11) },
    'South Wales Police': { Cardiff: pick('Cardiff', 3, 11), Swansea: pick('Swansea', 2, 11) },
  };
  for (const places of Object.values(forces)) {
    for (const [d, lsoas] of Object.entries(places)) {
      if (lsoas.length < 2) throw new Error(`too few LSOAs of ${d} in the lookup`);
    }
  }
  const files = [];
  let id = 0;
  for (const [m, month] of MONTHS.entries()) {
    let district = 0;
    for (const [force, places] of Object.entries(forces)) {
      const lines = [STREET_HEADER.join(',')];
      const row = (kind, [code, name]) => {
        const crimeId = kind === 'Anti-social behaviour' ? '' : (++id).toString(16).padStart(64, '0');
        const location = code ? 'On or near High Street' : 'No location';
        const [lon, lat] = code ? ['0.26', '51.13'] : ['', ''];
        lines.push(`${crimeId},${month},${force},${force},${lon},${lat},${location},${code},${name},${kind},Under investigation,`);
      };
      for (const lsoas of Object.values(places)) {
        const d = district++;
        TYPES.forEach((kind, t) => {
          // 1–13 records of each kind in each district and month, spread over its LSOAs.
          const n = 1 + ((d * 3 + t * 4 + m * 5) % 13);
          for (let i = 0; i < n; i++) row(kind, lsoas[(i + t) % lsoas.length]);
        });
      }
      // Records with no location count for the force only.
      for (let i = 0; i <= m + 1; i++) row(TYPES[1 + i], ['', '']);
      const slug = force.replace(/ Police$/, '').toLowerCase().replace(/ /g, '-');
      files.push([`${month}/${month}-${slug}-street.csv`, Buffer.from(`${lines.join('\r\n')}\r\n`)]);
    }
  }
  return { files, zip: zipOf(files) };
}

/**
 * The counts the page should show, from the files' text: `district` and `force`
 * map an area to a Map of measure → Map of month → count; the force is named as
 * its file names it ("Kent Police").
 */
export function tally(files) {
  const districtOf = new Map();
  for (const r of lookupRows()) {
    districtOf.set(r.LSOA11CD, r.LAD22NM);
    districtOf.set(r.LSOA21CD, r.LAD22NM);
  }
  const district = new Map();
  const force = new Map();
  const add = (map, area, measure, month) => {
    if (!map.has(area)) map.set(area, new Map());
    const byMeasure = map.get(area);
    if (!byMeasure.has(measure)) byMeasure.set(measure, new Map());
    const byMonth = byMeasure.get(measure);
    byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
  };
  let noLocation = 0;
  let byName = 0;
  for (const [path, bytes] of files) {
    if (!path.endsWith('-street.csv')) continue;
    const [header, ...lines] = bytes.toString('utf8').split(/\r?\n/).filter((l) => l.trim());
    const col = Object.fromEntries(header.split(',').map((h, i) => [h, i]));
    for (const line of lines) {
      const f = line.split(',');
      const [code, name, kind, month, falls] = [f[col['LSOA code']], f[col['LSOA name']], f[col['Crime type']], f[col.Month], f[col['Falls within']]];
      let place = districtOf.get(code);
      if (!place && name) {
        const prefix = name.replace(/ \d{3}[A-Z]$/, '');
        place = RENAMED[prefix] ?? prefix;
        byName++;
      }
      if (!name) noLocation++;
      const measures = kind === 'Anti-social behaviour' ? [kind] : [kind, ALL_CRIME];
      for (const measure of measures) {
        add(force, falls, measure, month);
        if (place) add(district, place, measure, month);
      }
    }
  }
  return { district, force, noLocation, byName };
}
