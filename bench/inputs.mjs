// Deterministic benchmark inputs for `make bench`, written once into
// target/bench-inputs/ and remade only when this generator (or the sample, or
// SheetJS) changes. Every byte comes from a seeded PRNG (mulberry32).
//
//   street-100k.csv, street-1m.csv  shaped exactly like a data.police.uk street file
//   records-50k.xlsx                 50,000 rows × 20 columns (the 12 street columns + 8 more)
//   records-20k.ods                  20,000 rows of the 12 street columns, as SheetJS writes it
//   csp-sample-assessment.xlsx       a copy of the app's built-in sample
//   street-year-kent.zip             a year of a large force as police.uk's custom download
//                                    gives it: 12 monthly street files, 1,000,000 rows in all,
//                                    with real LSOAs of Kent and Medway (from the ONS lookup)
//   measures-1000.csv                a long table of 1,000 measures × Kent's 12 districts and
//                                    the county × 10 financial years (130,000 figures), for the
//                                    app's recompute of many measures
//
// `node bench/inputs.mjs [dir]` makes them by hand.
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const XLSX = require('xlsx');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = join(ROOT, 'public/sample/csp-sample-assessment.xlsx');
export const DEFAULT_DIR = join(ROOT, 'target/bench-inputs');

export const INPUTS = {
  street100k: { file: 'street-100k.csv', rows: 100_000, kind: 'csv', records: true },
  street1m: { file: 'street-1m.csv', rows: 1_000_000, kind: 'csv', records: true },
  records50k: { file: 'records-50k.xlsx', rows: 50_000, kind: 'sheet', records: true },
  records20k: { file: 'records-20k.ods', rows: 20_000, kind: 'sheet', records: true },
  sample: { file: 'csp-sample-assessment.xlsx', kind: 'sheet', records: false },
  streetYearZip: { file: 'street-year-kent.zip', rows: 1_000_000, kind: 'zip', records: true },
  measures1k: { file: 'measures-1000.csv', measures: 1_000, years: 10, kind: 'csv', records: false },
  // Three years, not ten: 390,000 figures, the size of a national table of
  // hundreds of offences by 300 partnerships.
  measures10k: { file: 'measures-10000.csv', measures: 10_000, years: 3, kind: 'csv', records: false },
  // Issue 17's "300 areas": the shape of the Home Office's partnership table.
  csp300: { file: 'csp-offences-300.csv', years: 2, kind: 'csv', records: false },
};

/** The built-in geography (the app's own copy) and the Home Office's table of offences by force. */
const GEOGRAPHY = join(ROOT, 'public/geography/geography.tsv');
const OFFENCES = join(ROOT, '../shared/data/geo/offences/prc-pfa-mar2013-onwards-tables201718.csv');

/** Splits one CSV line (quoted fields with commas allowed). */
function csvFields(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(field); field = ''; } else field += c;
  }
  out.push(field);
  return out;
}

/**
 * The partnerships of the built-in geography current in 2024, each with its force, as the
 * Home Office names them ("Dorset", not "Dorset (partnership)"; the force "Cumbria"), and the
 * offences of the Home Office's table (description, group, subgroup, code), fraud recorded
 * nationally left out (no partnership has it).
 */
export function cspTableShape() {
  const areas = new Map();
  const pieces = [];
  for (const line of readFileSync(GEOGRAPHY, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f[0] === 'A') areas.set(f[1], { kind: f[2], last: Number(f[4]), name: f[5], other: f[6] ?? '' });
    else if (f[0] === 'P') pieces.push({ partnership: f[2], force: f[3] });
  }
  const plain = (name) => name.replace(/ \((partnership|force)\)$/, '');
  const forceName = (code) => {
    const a = areas.get(code);
    return a.other ? a.other.split('|')[0] : plain(a.name);
  };
  const partnerships = new Map();
  for (const p of pieces) {
    const a = areas.get(p.partnership);
    if (a?.kind === 'C' && a.last >= 2024 && areas.get(p.force) && !partnerships.has(p.partnership)) {
      partnerships.set(p.partnership, { name: plain(a.name), force: forceName(p.force) });
    }
  }
  const offences = new Map();
  const lines = readFileSync(OFFENCES, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/).slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    const [, , force, description, group, subgroup, code] = csvFields(line);
    if (/fraud|cifas|uk finance/i.test(force) || group.startsWith('Fraud')) continue;
    if (!offences.has(code)) offences.set(code, { description, group, subgroup, code });
  }
  return {
    partnerships: [...partnerships.values()].sort((a, b) => a.force.localeCompare(b.force) || a.name.localeCompare(b.name)),
    offences: [...offences.values()].sort((a, b) => a.code.localeCompare(b.code)),
  };
}

/**
 * A national table as the Home Office publishes it for partnerships: Financial Year,
 * Financial Quarter, Force Name, CSP Name, Offence Description, Offence Group, Offence
 * Subgroup, Offence Code, Number of Offences (right-aligned with spaces, as theirs). Every
 * partnership × every offence × the quarters of `years` financial years to 2023/24.
 */
export function writeCspTable(path, seed, years) {
  const rand = mulberry32(seed);
  const { partnerships, offences } = cspTableShape();
  const quote = (s) => (/[",]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = ['Financial Year,Financial Quarter,Force Name,CSP Name,Offence Description,Offence Group,Offence Subgroup,Offence Code,Number of Offences'];
  // Each offence its own scale (a few rare offences, many common ones); each partnership its size.
  const scale = offences.map(() => Math.floor(rand() ** 3 * 400));
  const size = partnerships.map(() => 0.3 + rand() * 2);
  for (let y = 2024 - years; y < 2024; y++) {
    const year = `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
    for (let q = 1; q <= 4; q++) {
      partnerships.forEach((p, i) => {
        offences.forEach((o, j) => {
          const n = Math.floor(scale[j] * size[i] * (0.7 + rand() * 0.6));
          lines.push(`${year},${q},${quote(p.force)},${quote(p.name)},${quote(o.description)},${quote(o.group)},${quote(o.subgroup)},${o.code}, ${n} `);
        });
      });
    }
  }
  writeFileSync(`${path}.tmp`, `${lines.join('\n')}\n`);
  renameSync(`${path}.tmp`, path);
}


/** The ONS LSOA lookup the year's LSOAs are drawn from. */
const LSOA_LOOKUP = join(ROOT, '../shared/data/geo/lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv');
const KENT_AND_MEDWAY = new Set([
  'Ashford', 'Canterbury', 'Dartford', 'Dover', 'Folkestone and Hythe', 'Gravesham', 'Maidstone',
  'Medway', 'Sevenoaks', 'Swale', 'Thanet', 'Tonbridge and Malling', 'Tunbridge Wells']);

export const STREET_HEADER = [
  'Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude', 'Location',
  'LSOA code', 'LSOA name', 'Crime type', 'Last outcome category', 'Context',
];
const EXTRA_HEADER = [
  'Ward', 'Beat', 'Day of week', 'Hour', 'Premises type', 'Victim age band', 'Outcome date',
  'Repeat location flag',
];

/** mulberry32: a small, fast, seeded 32-bit PRNG returning [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from [[value, weight], …] with cumulative weights. */
function weighted(pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  const cum = pairs.map(([v, w]) => [v, (acc += w / total)]);
  return (r) => {
    for (const [v, c] of cum) if (r < c) return v;
    return cum[cum.length - 1][0];
  };
}

// Mostly one force, as a CSP's own extract is; a few neighbours' rows for realism.
const FORCES = [
  { name: 'Kent Police', weight: 82, lon: 0.75, lat: 51.25, districts: [
    'Ashford', 'Canterbury', 'Dartford', 'Dover', 'Folkestone and Hythe', 'Gravesham', 'Maidstone',
    'Medway', 'Sevenoaks', 'Swale', 'Thanet', 'Tonbridge and Malling', 'Tunbridge Wells'] },
  { name: 'Metropolitan Police Service', weight: 8, lon: 0.05, lat: 51.42, districts: ['Bexley', 'Bromley', 'Croydon'] },
  { name: 'Sussex Police', weight: 6, lon: 0.35, lat: 50.95, districts: ['Hastings', 'Rother', 'Wealden'] },
  { name: 'Essex Police', weight: 4, lon: 0.45, lat: 51.55, districts: ['Basildon', 'Thurrock'] },
];
const pickForce = weighted(FORCES.map((f) => [f, f.weight]));

// The 14 police.uk categories, in roughly their national shares; ASB a large share.
const CRIME_TYPES = [
  ['Anti-social behaviour', 28], ['Violence and sexual offences', 30], ['Public order', 7],
  ['Criminal damage and arson', 7], ['Other theft', 6], ['Shoplifting', 5], ['Vehicle crime', 4],
  ['Burglary', 3.5], ['Drugs', 2], ['Other crime', 1.5], ['Theft from the person', 1],
  ['Bicycle theft', 0.8], ['Robbery', 0.7], ['Possession of weapons', 0.5],
];
export const CRIME_TYPE_NAMES = CRIME_TYPES.map(([name]) => name);
const pickCrimeType = weighted(CRIME_TYPES);

// Real police.uk outcomes (semicolons included), plus two with commas so that
// the file has quoted fields, as files with such values do.
const pickOutcome = weighted([
  ['Investigation complete; no suspect identified', 38], ['Unable to prosecute suspect', 20],
  ['Status update unavailable', 9], ['Court result unavailable', 6], ['Under investigation', 5],
  ['Local resolution', 4], ['Further investigation is not in the public interest', 3],
  ['Awaiting court outcome', 3], ['Offender given a caution', 2], ['Formal action is not in the public interest', 2],
  ['Offender given a drugs possession warning', 1.5], ['Action to be taken by another organisation', 1.5],
  ['Offender sent to prison', 1], ['Offender fined', 1], ['Offender given penalty notice', 0.8],
  ['Offender given conditional discharge', 0.5], ['Offender otherwise dealt with', 0.4],
  ['Defendant found not guilty', 0.3], ['Defendant sent to Crown Court', 0.3],
  ['Suspect charged, awaiting court outcome', 0.8], ['Offender given community sentence, or suspended sentence', 0.6],
]);

const STREETS = [
  'High Street', 'Station Road', 'Church Lane', 'London Road', 'Park Road', 'Victoria Road',
  'Queen Street', 'King Street', 'Mill Lane', 'The Broadway', 'Alderman\'S Walk', 'St Martin\'S Le Grand',
  'Bell Inn Yard', 'Week Street', 'Gabriel\'S Hill', 'Pudding Lane', 'Tonbridge Road', 'Sandling Road',
  'Hastings Road', 'Loose Road', 'Union Street', 'Earl Street', 'Bank Street', 'Pembroke Road',
];
const PLACES = ['Supermarket', 'Parking Area', 'Shopping Area', 'Petrol Station', 'Police Station',
  'Nightclub', 'Sports/Recreation Area', 'Hospital', 'Further/Higher Educational Building', 'Pedestrian Subway'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const PREMISES = ['Dwelling', 'Street', 'Retail', 'Licensed premises', 'Public transport', 'Open space', 'Vehicle', 'Other'];
const AGE_BANDS = ['Under 18', '18-24', '25-34', '35-44', '45-54', '55-64', '65 and over', 'Not known'];

/** 24 months, Jan 2022 to Dec 2023. */
const MONTHS = Array.from({ length: 24 }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

function hex64(rand) {
  let s = '';
  for (let i = 0; i < 8; i++) s += ((rand() * 4294967296) >>> 0).toString(16).padStart(8, '0');
  return s;
}

/** A generator of street rows (arrays of 12 strings), month by month as police.uk files run. */
function streetRows(seed, n) {
  const rand = mulberry32(seed);
  let i = 0;
  return () => {
    const month = MONTHS[Math.floor((i++ * MONTHS.length) / n)];
    const force = pickForce(rand());
    const type = pickCrimeType(rand());
    const asb = type === 'Anti-social behaviour';
    const d = Math.floor(rand() * force.districts.length);
    const district = force.districts[d];
    const lsoa = Math.floor(rand() * 90) + 1;
    const noLocation = rand() < 0.01;
    const lon = (force.lon + (d - force.districts.length / 2) * 0.04 + (rand() - 0.5) * 0.05).toFixed(6);
    const lat = (force.lat + (rand() - 0.5) * 0.08).toFixed(6);
    const place = rand() < 0.25 ? PLACES[Math.floor(rand() * PLACES.length)] : STREETS[Math.floor(rand() * STREETS.length)];
    return [
      asb ? '' : hex64(rand),
      month,
      force.name,
      force.name,
      noLocation ? '' : lon,
      noLocation ? '' : lat,
      noLocation ? 'No Location' : `On or near ${place}`,
      noLocation ? '' : `E0${1000000 + ((FORCES.indexOf(force) * 20 + d) * 100 + lsoa) * 7}`.slice(0, 9),
      noLocation ? '' : `${district} ${String(lsoa).padStart(3, '0')}${'ABCDE'[lsoa % 5]}`,
      type,
      asb ? '' : pickOutcome(rand()),
      '',
    ];
  };
}

/** The eight more columns of the xlsx: plausible, and never read as counts by either side. */
function extraColumns(rand, row) {
  const [y, m] = row[1].split('-').map(Number);
  const district = row[8] ? row[8].replace(/ \d+[A-E]$/, '') : 'Unknown';
  return [
    `${district} ${['North', 'South', 'East', 'West', 'Central'][Math.floor(rand() * 5)]}`,
    `${district.slice(0, 2).toUpperCase()}${String(Math.floor(rand() * 40) + 1).padStart(2, '0')}`,
    DAYS[Math.floor(rand() * 7)],
    Math.floor(rand() * 24),
    PREMISES[Math.floor(rand() * PREMISES.length)],
    row[9] === 'Anti-social behaviour' ? '' : AGE_BANDS[Math.floor(rand() * AGE_BANDS.length)],
    row[10] ? new Date(Date.UTC(y, m - 1 + Math.floor(rand() * 4), 1 + Math.floor(rand() * 28))) : '',
    rand() < 0.12 ? 'Y' : 'N',
  ];
}

function csvField(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeStreetCsv(path, n, seed) {
  const next = streetRows(seed, n);
  const fd = openSync(`${path}.tmp`, 'w');
  let buf = `${STREET_HEADER.join(',')}\r\n`;
  for (let i = 0; i < n; i++) {
    buf += `${next().map(csvField).join(',')}\r\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
}

const PROPS = {
  Title: 'CSP Workbench benchmark input', Author: 'bench/inputs.mjs', Company: 'CSP Workbench',
  CreatedDate: new Date(Date.UTC(2024, 0, 1)), ModifiedDate: new Date(Date.UTC(2024, 0, 1)),
};

function writeSheet(path, header, rows, bookType) {
  const ws = XLSX.utils.aoa_to_sheet([header, ...rows]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Records');
  wb.Props = { ...PROPS };
  const bytes = XLSX.write(wb, { type: 'buffer', bookType, compression: true, Props: { ...PROPS } });
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of [path, bytes] entries, deflated, with a fixed date (2024-01-01), as police.uk serves them. */
export function zipOf(entries) {
  const parts = [];
  const central = [];
  let offset = 0;
  const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;
  for (const [path, bytes] of entries) {
    const name = Buffer.from(path, 'utf8');
    const packed = deflateRawSync(bytes, { level: 6 });
    const crc = crc32(bytes);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0); header.writeUInt16LE(20, 4); header.writeUInt16LE(0x0800, 6);
    header.writeUInt16LE(8, 8); header.writeUInt16LE(0, 10); header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt32LE(crc, 14); header.writeUInt32LE(packed.length, 18); header.writeUInt32LE(bytes.length, 22);
    header.writeUInt16LE(name.length, 26); header.writeUInt16LE(0, 28);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0); record.writeUInt16LE(20, 4); record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8); record.writeUInt16LE(8, 10); record.writeUInt16LE(0, 12);
    record.writeUInt16LE(DOS_DATE, 14); record.writeUInt32LE(crc, 16); record.writeUInt32LE(packed.length, 20);
    record.writeUInt32LE(bytes.length, 24); record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    parts.push(header, name, packed);
    central.push(record, name);
    offset += header.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** A year of Kent Police street files (12 months), zipped as police.uk's custom download. */
function writeStreetYearZip(path, n, seed) {
  const lsoas = readFileSync(LSOA_LOOKUP, 'utf8').replace(/^\ufeff/, '').split('\n').slice(1)
    .map((line) => line.split(','))
    .filter((f) => KENT_AND_MEDWAY.has(f[6]))
    .map((f) => [f[1], f[2]]);
  const rand = mulberry32(seed);
  const entries = [];
  for (let m = 1; m <= 12; m++) {
    const month = `2023-${String(m).padStart(2, '0')}`;
    const rows = Math.floor((n * m) / 12) - Math.floor((n * (m - 1)) / 12);
    let text = `${STREET_HEADER.join(',')}\r\n`;
    const chunks = [];
    for (let i = 0; i < rows; i++) {
      const type = pickCrimeType(rand());
      const asb = type === 'Anti-social behaviour';
      const noLocation = rand() < 0.01;
      const [code, name] = lsoas[Math.floor(rand() * lsoas.length)];
      const place = STREETS[Math.floor(rand() * STREETS.length)];
      const row = [
        asb ? '' : hex64(rand), month, 'Kent Police', 'Kent Police',
        noLocation ? '' : (0.5 + rand() * 0.9).toFixed(6), noLocation ? '' : (51.05 + rand() * 0.4).toFixed(6),
        noLocation ? 'No Location' : `On or near ${place}`, noLocation ? '' : code, noLocation ? '' : name,
        type, asb ? '' : pickOutcome(rand()), '',
      ];
      text += `${row.map(csvField).join(',')}\r\n`;
      if (text.length > 1 << 20) {
        chunks.push(Buffer.from(text, 'utf8'));
        text = '';
      }
    }
    chunks.push(Buffer.from(text, 'utf8'));
    entries.push([`${month}/${month}-kent-street.csv`, Buffer.concat(chunks)]);
  }
  writeFileSync(`${path}.tmp`, zipOf(entries));
  renameSync(`${path}.tmp`, path);
}

const KENT = ['Ashford', 'Canterbury', 'Dartford', 'Dover', 'Folkestone and Hythe', 'Gravesham',
  'Maidstone', 'Sevenoaks', 'Swale', 'Thanet', 'Tonbridge and Malling', 'Tunbridge Wells'];

/** Measure · Area · Year · Count: each measure's count for each Kent district and Kent
 * itself (the districts' sum) in each of ten financial years. */
export function writeMeasuresCsv(path, measures, seed, years = 10) {
  const rand = mulberry32(seed);
  const lines = ['Measure,Area,Year,Count'];
  for (let m = 1; m <= measures; m++) {
    const name = `Offence group ${String(m).padStart(4, '0')}`;
    for (let y = 2020 - years; y < 2020; y++) {
      const year = `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
      let county = 0;
      for (const district of KENT) {
        const count = 20 + Math.floor(rand() * 500);
        county += count;
        lines.push(`${name},${district},${year},${count}`);
      }
      lines.push(`${name},Kent,${year},${county}`);
    }
  }
  writeFileSync(`${path}.tmp`, `${lines.join('\n')}\n`);
  renameSync(`${path}.tmp`, path);
}

/** What the inputs depend on: this file, the sample and the SheetJS version. */
function stamp() {
  const h = createHash('sha256');
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  h.update(readFileSync(SAMPLE));
  h.update(readFileSync(LSOA_LOOKUP));
  h.update(readFileSync(GEOGRAPHY));
  h.update(readFileSync(OFFENCES));
  h.update(XLSX.version);
  return h.digest('hex');
}

/** How each input is made, by its key in INPUTS. */
const MAKERS = {
  street100k: (path) => writeStreetCsv(path, INPUTS.street100k.rows, 100_001),
  street1m: (path) => writeStreetCsv(path, INPUTS.street1m.rows, 1_000_001),
  records50k: (path) => {
    const next = streetRows(50_001, INPUTS.records50k.rows);
    const rand = mulberry32(50_002);
    const rows = Array.from({ length: INPUTS.records50k.rows }, () => {
      const row = next();
      return [...row, ...extraColumns(rand, row)];
    });
    writeSheet(path, [...STREET_HEADER, ...EXTRA_HEADER], rows, 'xlsx');
  },
  records20k: (path) => {
    const next = streetRows(20_001, INPUTS.records20k.rows);
    writeSheet(path, STREET_HEADER, Array.from({ length: INPUTS.records20k.rows }, next), 'ods');
  },
  sample: (path) => copyFileSync(SAMPLE, path),
  streetYearZip: (path) => writeStreetYearZip(path, INPUTS.streetYearZip.rows, 12_000_001),
  measures1k: (path) => writeMeasuresCsv(path, INPUTS.measures1k.measures, 1_000_003, INPUTS.measures1k.years),
  measures10k: (path) => writeMeasuresCsv(path, INPUTS.measures10k.measures, 10_000_003, INPUTS.measures10k.years),
  csp300: (path) => writeCspTable(path, 300_003, INPUTS.csp300.years),
};

/**
 * Makes the inputs named by `keys` (all by default) in `dir` unless they are
 * there and current (each with its own stamp, so a run of some benchmarks makes
 * only what they read); returns every input's path.
 */
export function ensureInputs(dir = DEFAULT_DIR, log = console.log, keys = Object.keys(INPUTS)) {
  mkdirSync(dir, { recursive: true });
  const want = stamp();
  const paths = Object.fromEntries(Object.entries(INPUTS).map(([k, v]) => [k, join(dir, v.file)]));
  const stampOf = (key) => join(dir, `.generator.${key}`);
  const stale = keys.filter((k) => !(existsSync(paths[k]) && existsSync(stampOf(k)) && readFileSync(stampOf(k), 'utf8') === want));
  if (!stale.length) return paths;
  const started = Date.now();
  for (const key of stale) {
    writeFileSync(stampOf(key), '');
    MAKERS[key](paths[key]);
    writeFileSync(stampOf(key), want);
  }
  log(`bench inputs: made ${stale.join(', ')} in ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return paths;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureInputs(process.argv[2] ?? DEFAULT_DIR);
}
