// Checks the shipped derived datasets in data/ (built by `npm run data:build`).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
const file = (f: string) => `'${path.join(DATA, f).replace(/'/g, "''")}'`;

let instance: DuckDBInstance;
let conn: DuckDBConnection;

async function query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as T[];
}

const LIST_IDS = [
  'us_s301_list1', 'us_s301_list2', 'us_s301_list3', 'us_s301_list4a', 'us_s301_list4b',
  'us_s301_review_9903_91_01', 'us_s301_exclusions_2018_2020',
  'us_ieepa_annex_ii', 'us_ieepa_electronics_2025_04_11',
  'us_s232_steel', 'us_s232_aluminum', 'us_s232_steel_derivatives', 'us_s232_aluminum_derivatives', 'us_s232_copper',
  'us_s232_autos', 'us_s232_auto_parts', 'us_s232_mhd_vehicles', 'us_s232_mhd_parts', 'us_s232_buses',
  'us_s232_softwood', 'us_s232_upholstered_furniture', 'us_s232_kitchen_cabinets', 'us_s232_semiconductors',
  'us_s122_exempt', 'us_s201_solar',
  'cn_2018_04_02_r15', 'cn_2018_04_02_r25', 'cn_2018_07_06', 'cn_2018_08_23', 'cn_2018_09_24_r10', 'cn_2018_09_24_r5',
  'cn_2019_01_01_autos_suspended', 'cn_60b_cat1', 'cn_60b_cat2', 'cn_60b_cat3', 'cn_60b_cat4',
  'cn_2025_03_10_r10', 'cn_2025_03_10_r15',
];

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

describe('shipped data/', () => {
  it('has every expected code list, non-empty', async () => {
    const r = await query<{ list_id: string; n: number }>(
      `SELECT list_id, count(*)::INTEGER AS n FROM read_parquet(${file('code_lists.parquet')}) GROUP BY 1`,
    );
    const counts = Object.fromEntries(r.map((x) => [x.list_id, x.n]));
    for (const id of LIST_IDS) expect(counts[id], id).toBeGreaterThan(0);
    expect(counts.us_s301_list1).toBeGreaterThanOrEqual(800);
    expect(counts.us_s301_list3).toBeGreaterThanOrEqual(5700);
  });

  it('code lists hold digit-string prefixes only', async () => {
    const r = await query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM read_parquet(${file('code_lists.parquet')})
       WHERE NOT regexp_matches(code, '^[0-9]+$') OR length(code) NOT IN (2, 4, 6, 8, 10)`,
    );
    expect(r[0]?.n).toBe(0);
  });

  it('us_products has the 2025 HTS10 line for smartphones', async () => {
    const r = await query<{ level: number; vintage: string; hs6: string }>(
      `SELECT level, vintage, hs6 FROM read_parquet(${file('us_products.parquet')}) WHERE code = '8517130000'`,
    );
    expect(r).toEqual([{ level: 10, vintage: '2025', hs6: '851713' }]);
  });

  it('us_imports_cn_2017 conserves the raw 2017 total (UN Comtrade, $525.8bn)', async () => {
    const r = await query<{ bn: number }>(
      `SELECT sum(value_usd) / 1e9 AS bn FROM read_parquet(${file('trade_weights.parquet')}) WHERE weight_set = 'us_imports_cn_2017'`,
    );
    expect(Math.abs((r[0]?.bn ?? 0) / 525.765 - 1)).toBeLessThan(0.005);
  });

  it('us_imports_2024 from China totals about $429.4bn', async () => {
    const r = await query<{ bn: number }>(
      `SELECT sum(value_usd) / 1e9 AS bn FROM read_parquet(${file('trade_weights.parquet')})
       WHERE weight_set = 'us_imports_2024' AND exporter = 'CN'`,
    );
    expect(r[0]?.bn).toBeCloseTo(429.4, 0);
  });

  it('cn_mfn starts every line on 2018-01-01', async () => {
    const r = await query<{ first: string; lines: number; starts: number }>(
      `SELECT strftime(min(valid_from), '%Y-%m-%d') AS first, count(DISTINCT code)::INTEGER AS lines,
              count(*) FILTER (WHERE valid_from = DATE '2018-01-01')::INTEGER AS starts
       FROM read_parquet(${file('cn_mfn.parquet')})`,
    );
    expect(r[0]?.first).toBe('2018-01-01');
    expect(r[0]?.starts).toBe(r[0]?.lines);
  });

  it('manifest sha256 values match the files', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(DATA, 'manifest.json'), 'utf8')) as {
      files: Record<string, { bytes: number; sha256: string }>;
    };
    expect(Object.keys(manifest.files).length).toBeGreaterThanOrEqual(9);
    for (const [name, entry] of Object.entries(manifest.files)) {
      const buf = fs.readFileSync(path.join(DATA, name));
      expect(buf.length, name).toBe(entry.bytes);
      expect(crypto.createHash('sha256').update(buf).digest('hex'), name).toBe(entry.sha256);
    }
  });
});
