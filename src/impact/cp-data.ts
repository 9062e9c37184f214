// The Caliendo–Parro (2015) replication inputs, read in place from the raw mirror
// (../shared/data/model/caliendo-parro-2015): 31 countries (30 and the rest of the world) × 40 sectors (the first
// 20 tradable), 1993. No licence: used for the `cp-2015-nafta` reproduction and the `ge-sectors` model, read at
// run time, never shipped.
//
// File layouts (tab-separated, no header), as the authors' code reads them:
// - xbilat1993: 620 × 31, $1000, rows sector-major (sector j × importer n), columns exporter i; values before tariffs;
// - tariffs1993 / tariffs2005: the same layout, in percent;
// - B: 40 × 31 value-added shares γ_n^j; GO: 40 × 31 gross output ($);
// - IO: 1240 × 40, country blocks of 40 input rows k by 40 using sectors j: the input mix of sector j (each
//   column sums to one; times 1 − γ_n^j it is the cost share γ_n^{k,j});
// - T: the 20 tradable sectors' θ^j (non-tradables get 8.22, as the authors).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserInputError } from '../util/errors.js';

/** The 31 economies in the authors' order (ROW = the rest of the world). */
export const CP_COUNTRIES = [
  'ARG', 'AUS', 'AUT', 'BRA', 'CAN', 'CHL', 'CHN', 'DNK', 'FIN', 'FRA', 'DEU', 'GRC', 'HUN', 'IND', 'IDN', 'IRL',
  'ITA', 'JPN', 'KOR', 'MEX', 'NLD', 'NZL', 'NOR', 'PRT', 'ZAF', 'ESP', 'SWE', 'TUR', 'GBR', 'USA', 'ROW',
]; // prettier-ignore

/** The 40 sectors (ISIC rev.3 groups); the first 20 are tradable. */
export const CP_SECTORS = [
  'Agriculture', 'Mining', 'Food', 'Textile', 'Wood', 'Paper', 'Petroleum', 'Chemicals', 'Plastic', 'Minerals',
  'Basic metals', 'Metal products', 'Machinery n.e.c.', 'Office', 'Electrical', 'Communication', 'Medical', 'Auto',
  'Other transport', 'Other manufacturing', 'Electricity', 'Construction', 'Retail', 'Hotels', 'Land transport',
  'Water transport', 'Air transport', 'Auxiliary transport', 'Post', 'Finance', 'Real estate', 'Renting machinery',
  'Computer services', 'R&D', 'Other business', 'Public administration', 'Education', 'Health', 'Other services',
  'Private households',
]; // prettier-ignore

export const CP_TRADABLE = 20;
export const CP_NONTRADABLE_THETA = 8.22;

export interface CpData {
  n: number; // countries
  j: number; // sectors
  iso3: string[];
  sectors: string[];
  /** Bilateral flows before tariffs, $1000: index (s*n + importer)*n + exporter; tradables only (s < 20). */
  xbilat: Float64Array;
  /** Tariffs in percent, same layout. */
  tariffs1993: Float64Array;
  tariffs2005: Float64Array;
  /** Value-added share, index s*n + country. */
  B: Float64Array;
  /** Gross output ($), index s*n + country. */
  GO: Float64Array;
  /** Input mix, index (country*J + input k)*J + using sector s. */
  IO: Float64Array;
  /** θ by sector (40; non-tradables 8.22). */
  theta: Float64Array;
}

export function cpDir(source: string): string {
  return join(source, 'model', 'caliendo-parro-2015');
}

function matrix(path: string, rows: number, cols: number): Float64Array {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines.length !== rows) throw new Error(`${path}: ${lines.length} rows, expected ${rows}`);
  const out = new Float64Array(rows * cols);
  lines.forEach((line, r) => {
    const cells = line.trim().split(/\s+/);
    if (cells.length !== cols) throw new Error(`${path}: row ${r + 1} has ${cells.length} cells, expected ${cols}`);
    for (let c = 0; c < cols; c++) {
      const v = Number(cells[c]);
      if (!Number.isFinite(v)) throw new Error(`${path}: row ${r + 1} cell ${c + 1} is not a number: ${cells[c]}`);
      out[r * cols + c] = v;
    }
  });
  return out;
}

export function loadCpData(source: string): CpData {
  const dir = cpDir(source);
  if (!existsSync(join(dir, 'xbilat1993.txt')))
    throw new UserInputError(
      `the Caliendo–Parro replication data is not at ${dir}: pass --source DIR pointing at the raw data mirror (the folder holding model/caliendo-parro-2015)`,
      'source',
    );
  const n = CP_COUNTRIES.length;
  const J = CP_SECTORS.length;
  const T = CP_TRADABLE;
  const t = matrix(join(dir, 'T.txt'), T, 1);
  const theta = new Float64Array(J).fill(CP_NONTRADABLE_THETA);
  theta.set(t, 0);
  return {
    n,
    j: J,
    iso3: CP_COUNTRIES,
    sectors: CP_SECTORS,
    xbilat: matrix(join(dir, 'xbilat1993.txt'), T * n, n),
    tariffs1993: matrix(join(dir, 'tariffs1993.txt'), T * n, n),
    tariffs2005: matrix(join(dir, 'tariffs2005.txt'), T * n, n),
    B: matrix(join(dir, 'B.txt'), J, n),
    GO: matrix(join(dir, 'GO.txt'), J, n),
    IO: matrix(join(dir, 'IO.txt'), n * J, J),
    theta,
  };
}
