// A data.police.uk custom download of several forces, generated at test time:
// `YYYY-MM/` folders of street files for Kent, Essex and South Wales, with real
// LSOA codes and names of seven districts taken from the ONS best-fit lookup in
// ../shared/data/geo/lookups/ (2011 codes for most districts, 2021 codes for
// Dartford, Welsh codes for Cardiff and Swansea), a code the lookup does not
// know under a name that names its district before its rename ("Shepway 099Z",
// now Folkestone and Hythe), and records with no location; each LSOA's records
// at a map point of its own, but the first record of each district at one point
// they all share. Beside them, each force's stop-and-search files: searches at
// its LSOAs' points, at the shared point, at a point no street record has, with
// no location, and at a point of another force's district. `tally` counts the
// generated rows again, from their text, as the page should: by district (the
// LSOA's district in the lookup, else the name's prefix), by force ("Falls
// within", or the force a search file is named after), by crime type and month;
// searches by district where their point's street records are all of one
// district of the force. Used by national.test.mjs.
import { readFileSync } from 'node:fs';
import { STREET_HEADER, zipOf } from '../../bench/inputs.mjs';

const LOOKUP = new URL('../../../shared/data/geo/lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv', import.meta.url).pathname;

export const MONTHS = ['2023-11', '2023-12'];
export const TYPES = ['Anti-social behaviour', 'Burglary', 'Criminal damage and arson', 'Shoplifting', 'Vehicle crime', 'Violence and sexual offences'];
export const ALL_CRIME = 'All crime (excluding anti-social behaviour)';
export const SEARCHES = 'Stop and search';
/** A district's searches, placed there by map point: a measure of their own. */
export const SEARCHES_PLACED = 'Stop and search placed by map point';
const SEARCH_HEADER = 'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing';
export const OBJECTS = ['Controlled drugs', 'Stolen goods', 'Offensive weapons'];
/** The map point street records of every district share: it places no search. */
const SHARED_POINT = ['0.050000', '51.050000'];
/** A point no street record is at. */
const LONELY_POINT = ['0.987654', '51.987654'];
/** The force a file's name gives ("2023-11-south-wales-street.csv"), as "Falls within" names it. */
const FORCE_OF_SLUG = { kent: 'Kent Police', essex: 'Essex Police', 'south-wales': 'South Wales Police' };
/** Each force's districts (the test's own knowledge of the force areas). */
export const FORCE_DISTRICTS = {
  'Kent Police': ['Tunbridge Wells', 'Dartford', 'Folkestone and Hythe'],
  'Essex Police': ['Chelmsford', 'Colchester'],
  'South Wales Police': ['Cardiff', 'Swansea'],
};
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
  // Each LSOA's own map point.
  const pointOf = new Map();
  for (const places of Object.values(forces)) {
    for (const lsoas of Object.values(places)) {
      for (const [code] of lsoas) pointOf.set(code, [(0.2 + 0.001 * pointOf.size).toFixed(6), '51.100000']);
    }
  }
  const forceNames = Object.keys(forces);
  const files = [];
  let id = 0;
  for (const [m, month] of MONTHS.entries()) {
    let district = 0;
    for (const [f, [force, places]] of Object.entries(forces).entries()) {
      const lines = [STREET_HEADER.join(',')];
      const row = (kind, [code, name], at = pointOf.get(code)) => {
        const crimeId = kind === 'Anti-social behaviour' ? '' : (++id).toString(16).padStart(64, '0');
        const location = code ? 'On or near High Street' : 'No location';
        const [lon, lat] = code ? at : ['', ''];
        lines.push(`${crimeId},${month},${force},${force},${lon},${lat},${location},${code},${name},${kind},Under investigation,`);
      };
      for (const lsoas of Object.values(places)) {
        const d = district++;
        TYPES.forEach((kind, t) => {
          // 1–13 records of each kind in each district and month, spread over its LSOAs.
          const n = 1 + ((d * 3 + t * 4 + m * 5) % 13);
          for (let i = 0; i < n; i++) row(kind, lsoas[(i + t) % lsoas.length], t === 0 && i === 0 ? SHARED_POINT : undefined);
        });
      }
      // Records with no location count for the force only.
      for (let i = 0; i <= m + 1; i++) row(TYPES[1 + i], ['', '']);
      const slug = force.replace(/ Police$/, '').toLowerCase().replace(/ /g, '-');
      files.push([`${month}/${month}-${slug}-street.csv`, Buffer.from(`${lines.join('\r\n')}\r\n`)]);

      const searches = [SEARCH_HEADER];
      let j = 0;
      const search = ([lon, lat]) => {
        j++;
        const day = String(1 + (j % 28)).padStart(2, '0');
        searches.push(`Person search,${month}-${day}T10:00:00+00:00,,,${lat},${lon},Male,${['18-24', '25-34', 'over 34'][j % 3]},,White,Misuse of Drugs Act 1971 (section 23),${OBJECTS[(j + m) % 7 < 4 ? 0 : (j + m) % 7 < 6 ? 1 : 2]},${['A no further action disposal', 'Arrest'][j % 2]},False,False`);
      };
      Object.values(places).forEach((lsoas, d) => {
        lsoas.forEach(([code], l) => {
          if (!code) return;
          for (let i = 0; i < 1 + ((d + l + m) % 3); i++) search(pointOf.get(code));
        });
      });
      for (let i = 0; i < 2; i++) search(SHARED_POINT);
      for (let i = 0; i < 2 + m; i++) search(LONELY_POINT);
      for (let i = 0; i < 3; i++) search(['', '']);
      // A search at a point of the next force's first district.
      const next = forces[forceNames[(f + 1) % forceNames.length]];
      search(pointOf.get(Object.values(next)[0][0][0]));
      files.push([`${month}/${month}-${slug}-stop-and-search.csv`, Buffer.from(`${searches.join('\r\n')}\r\n`)]);
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
  // Each map point's districts, to place searches by.
  const points = new Map();
  const placeOf = (code, name) => {
    let place = districtOf.get(code);
    if (!place && name) {
      const prefix = name.replace(/ \d{3}[A-Z]$/, '');
      place = RENAMED[prefix] ?? prefix;
    }
    return place;
  };
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
      const [lon, lat] = [f[col.Longitude], f[col.Latitude]];
      const at = placeOf(code, name);
      if (lon && at) {
        if (!points.has(`${lon},${lat}`)) points.set(`${lon},${lat}`, new Set());
        points.get(`${lon},${lat}`).add(at);
      }
    }
  }
  // Searches: every one for its force; those at a point whose street records
  // are all in one district of the force also for that district.
  const byObject = new Map();
  const forceOnly = new Map();
  for (const [path, bytes] of files) {
    if (!path.endsWith('-stop-and-search.csv')) continue;
    const falls = FORCE_OF_SLUG[path.replace(/^.*\/\d{4}-\d{2}-/, '').replace(/-stop-and-search\.csv$/, '')];
    const [header, ...lines] = bytes.toString('utf8').split(/\r?\n/).filter((l) => l.trim());
    const col = Object.fromEntries(header.split(',').map((h, i) => [h, i]));
    for (const line of lines) {
      const f = line.split(',');
      const month = f[col.Date].slice(0, 7);
      add(force, falls, SEARCHES, month);
      const districts = points.get(`${f[col.Longitude]},${f[col.Latitude]}`);
      const placed = f[col.Longitude] && districts?.size === 1 ? [...districts][0] : null;
      if (!placed || !FORCE_DISTRICTS[falls].includes(placed)) {
        forceOnly.set(falls, (forceOnly.get(falls) ?? 0) + 1);
        continue;
      }
      add(district, placed, SEARCHES_PLACED, month);
      if (!byObject.has(placed)) byObject.set(placed, new Map());
      const objects = byObject.get(placed);
      objects.set(f[col['Object of search']], (objects.get(f[col['Object of search']]) ?? 0) + 1);
    }
  }
  return { district, force, noLocation, byName, byObject, forceOnly };
}
