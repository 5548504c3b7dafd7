// The many-measures inputs of tests/e2e/scale.test.mjs, also profiled by
// tools/profile-scale.mjs: one generator, so the profile is of what the test runs.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const DISTRICTS = [
  'Ashford', 'Canterbury', 'Dartford', 'Dover', 'Gravesham', 'Maidstone', 'Sevenoaks',
  'Shepway', 'Swale', 'Thanet', 'Tonbridge and Malling', 'Tunbridge Wells', 'Kent',
];

/** Areas down, three financial years, `measures` count columns across. */
export function wideCsv(measures) {
  const header = ['Area', 'Year', ...Array.from({ length: measures }, (_, i) => `Thefts ${i}`)];
  const lines = [header.join(',')];
  let seed = 7;
  const next = () => { seed = (seed * 48271) % 2147483647; return 1 + (seed % 500); };
  for (const area of DISTRICTS) {
    for (const year of ['2014/15', '2015/16', '2016/17']) {
      lines.push([area, year, ...Array.from({ length: measures }, next)].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A workbook of `sheets` sheets, each one measure's table: area and year down, the measure across. */
export function manySheets(sheets) {
  const XLSX = require('xlsx');
  const book = XLSX.utils.book_new();
  let seed = 11;
  const next = () => { seed = (seed * 48271) % 2147483647; return 1 + (seed % 400); };
  for (let i = 0; i < sheets; i++) {
    const rows = [['Area', 'Year', `Criminal damage ${i}`], ...DISTRICTS.flatMap((area) => ['2014/15', '2015/16', '2016/17'].map((year) => [area, year, next()]))];
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), `Damage ${i}`);
  }
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' });
}
