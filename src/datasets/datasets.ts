// The shipped derived datasets (data/*.parquet, built by `npm run data:build`), loaded into memory in the
// shapes the engine needs. Trade weights are read on demand, one set at a time.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { queryRows, sqlString } from './duckdb.js';
import { UserInputError } from '../util/errors.js';
import { verifyDataDir } from './verify.js';
import type { ConcordanceRow } from '../codes/resolve.js';

export interface Product {
  code: string;
  level: number;
  description: string;
  /** '2025' for current US lines, 'legacy' for older codes a list references; 'cn' for China's lines. */
  vintage: string;
}

export interface ListEntry {
  code: string;
  from: string | null;
  until: string | null;
  ratePct: number | null;
  note: string | null;
}

export interface BaseRateRow {
  validFrom: string;
  pct: number;
  text: string | null;
  basis: string | null;
  note: string | null;
}

export interface BaseTable {
  name: string;
  /** key = product code at the table's depth (HTS8 for us_mfn, HS10 for cn_mfn); rows sorted by validFrom. */
  rows: Map<string, BaseRateRow[]>;
  keyLength: number;
}

export interface Country {
  iso2: string;
  iso3: string;
  name: string;
}

export interface Datasets {
  dir: string;
  products: Map<string, Map<string, Product>>; // importer → code → product
  lists: Map<string, ListEntry[]>;
  baseTables: Map<string, BaseTable>;
  countries: Map<string, Country>;
  weightSets: string[];
  /** Partners with trade data per importer (ISO2). */
  partners: Map<string, string[]>;
  /** WCO HS6 correlations between editions (hs_concordance.parquet; empty when the file is absent). */
  concordance?: ConcordanceRow[];
  /** Metal content shares per US HTS10 (content_shares.parquet): kind (steel, aluminum, copper) → code → 0..1. */
  contentShares?: Map<string, Map<string, number>>;
}

/** Content shares by kind; empty when the (optional) table is absent. */
async function loadContentShares(dir: string): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>([
    ['steel', new Map()],
    ['aluminum', new Map()],
    ['copper', new Map()],
  ]);
  if (!existsSync(join(dir, 'content_shares.parquet'))) return out;
  const rows = await queryRows<{ hts10: string; steel: number; aluminum: number; copper: number }>(
    `select hts10, steel, aluminum, copper from ${dataFile(dir, 'content_shares.parquet')}`,
  );
  for (const r of rows) {
    out.get('steel')!.set(r.hts10, Number(r.steel));
    out.get('aluminum')!.set(r.hts10, Number(r.aluminum));
    out.get('copper')!.set(r.hts10, Number(r.copper));
  }
  return out;
}

const REQUIRED = [
  'us_products.parquet',
  'cn_products.parquet',
  'us_mfn.parquet',
  'cn_mfn.parquet',
  'code_lists.parquet',
  'trade_weights.parquet',
  'countries.parquet',
];

export function dataFile(dir: string, name: string): string {
  return sqlString(join(dir, name));
}

export async function loadDatasets(dir = 'data'): Promise<Datasets> {
  for (const f of REQUIRED)
    if (!existsSync(join(dir, f)))
      throw new UserInputError(`missing dataset ${join(dir, f)}: run "npm run data:build" or pass --data DIR`);
  await verifyDataDir(dir); // sha256 and row counts against data/manifest.json (refuses damaged or edited files)
  const contentShares = await loadContentShares(dir);
  const [usProducts, cnProducts, lists, usMfn, cnMfn, countries, sets, partners] = await Promise.all([
    queryRows<{ code: string; level: number; description: string; vintage: string }>(
      `select code, level, description, vintage from ${dataFile(dir, 'us_products.parquet')}`,
    ),
    queryRows<{ code: string; level: number; description: string }>(
      `select code, level, description from ${dataFile(dir, 'cn_products.parquet')}`,
    ),
    queryRows<{
      list_id: string;
      code: string;
      f: string | null;
      u: string | null;
      rate_pct: number | null;
      note: string | null;
    }>(
      `select list_id, code, cast(valid_from as varchar) f, cast(valid_until as varchar) u, rate_pct, note
       from ${dataFile(dir, 'code_lists.parquet')} order by list_id, code`,
    ),
    queryRows<{
      hts8: string;
      year: number;
      mfn_pct: number;
      rate_text: string | null;
      basis: string | null;
      note: string | null;
    }>(
      `select hts8, year, mfn_pct, rate_text, basis, note from ${dataFile(dir, 'us_mfn.parquet')} order by hts8, year`,
    ),
    queryRows<{ code: string; f: string; mfn_pct: number }>(
      `select code, cast(valid_from as varchar) f, mfn_pct from ${dataFile(dir, 'cn_mfn.parquet')} order by code, valid_from`,
    ),
    queryRows<Country>(`select iso2, iso3, name from ${dataFile(dir, 'countries.parquet')}`),
    queryRows<{ weight_set: string }>(
      `select distinct weight_set from ${dataFile(dir, 'trade_weights.parquet')} order by 1`,
    ),
    queryRows<{ importer: string; exporter: string }>(
      `select distinct importer, exporter from ${dataFile(dir, 'trade_weights.parquet')} where exporter <> '*' order by 1, 2`,
    ),
  ]);
  const concordanceFile = join(dir, 'hs_concordance.parquet');
  const concordance = existsSync(concordanceFile)
    ? await queryRows<ConcordanceRow>(
        `select from_vintage, from_hs6, to_vintage, to_hs6 from ${dataFile(dir, 'hs_concordance.parquet')}`,
      )
    : [];

  const products = new Map<string, Map<string, Product>>([
    ['US', new Map()],
    ['CN', new Map()],
  ]);
  for (const p of usProducts)
    products
      .get('US')!
      .set(p.code, { code: p.code, level: Number(p.level), description: p.description, vintage: p.vintage });
  for (const p of cnProducts)
    products
      .get('CN')!
      .set(p.code, { code: p.code, level: Number(p.level), description: p.description, vintage: 'cn' });

  const listMap = new Map<string, ListEntry[]>();
  for (const r of lists) {
    let arr = listMap.get(r.list_id);
    if (!arr) listMap.set(r.list_id, (arr = []));
    arr.push({ code: r.code, from: r.f, until: r.u, ratePct: r.rate_pct, note: r.note });
  }

  const us: BaseTable = { name: 'us_mfn', rows: new Map(), keyLength: 8 };
  for (const r of usMfn) {
    let arr = us.rows.get(r.hts8);
    if (!arr) us.rows.set(r.hts8, (arr = []));
    arr.push({ validFrom: `${r.year}-01-01`, pct: r.mfn_pct, text: r.rate_text, basis: r.basis, note: r.note });
  }
  const cn: BaseTable = { name: 'cn_mfn', rows: new Map(), keyLength: 10 };
  for (const r of cnMfn) {
    let arr = cn.rows.get(r.code);
    if (!arr) cn.rows.set(r.code, (arr = []));
    arr.push({ validFrom: r.f, pct: r.mfn_pct, text: null, basis: null, note: null });
  }

  const partnerMap = new Map<string, string[]>();
  for (const p of partners) {
    let arr = partnerMap.get(p.importer);
    if (!arr) partnerMap.set(p.importer, (arr = []));
    if (!arr.includes(p.exporter)) arr.push(p.exporter);
  }

  return {
    dir,
    products,
    lists: listMap,
    baseTables: new Map([
      ['us_mfn', us],
      ['cn_mfn', cn],
    ]),
    countries: new Map(countries.map((c) => [c.iso2, c])),
    weightSets: sets.map((s) => s.weight_set),
    partners: partnerMap,
    concordance,
    contentShares,
  };
}

/** Trade values of one weight set for one importer/exporter pair: product code → USD. */
export async function loadWeights(
  data: Datasets,
  weightSet: string,
  importer: string,
  exporter: string,
): Promise<Map<string, number>> {
  const rows = await queryRows<{ code: string; v: number }>(
    `select code, sum(value_usd) v from ${dataFile(data.dir, 'trade_weights.parquet')}
     where weight_set = ${sqlString(weightSet)} and importer = ${sqlString(importer)}
       and (exporter = ${sqlString(exporter)} or exporter = '*')
     group by code`,
  );
  return new Map(rows.map((r) => [r.code, Number(r.v)]));
}
