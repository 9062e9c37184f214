// Trade actuals for the purchase-commitment tracker: rows of exports to the buyer by product code over a dated
// period [from, until), from the shipped data (data/commitment_actuals.parquet) or from a user's file.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { queryRows, sqlString } from '../datasets/duckdb.js';
import { UserInputError } from '../util/errors.js';

export interface ActualRow {
  source: string;
  /** Half-open period [from, until), ISO dates. */
  from: string;
  until: string;
  /** HS code (6 digits in the shipped data; 2–10 digits in user files) or a statistical special code. */
  code: string;
  valueUsd: number | null;
  tonnes: number | null;
  /** Purchases (net sales contracted, shipped or not), where the source records them (USDA export sales). */
  salesTonnes?: number | null;
}

export interface ActualSource {
  id: string;
  label: string;
  granularity: 'year' | 'month' | 'week';
  /** A file the user loaded (takes precedence over the shipped data for the periods it covers). */
  user: boolean;
  file?: string;
}

export interface ActualSet {
  sources: ActualSource[];
  rows: ActualRow[];
}

export const SHIPPED_SOURCES: ActualSource[] = [
  {
    id: 'comtrade-annual',
    label: 'US-reported exports to China by HS6, yearly (UN Comtrade; shipped data/commitment_actuals.parquet)',
    granularity: 'year',
    user: false,
  },
  {
    id: 'census-monthly',
    label:
      'US Census exports to China by HS6, monthly 2013-2020 (via tradewartracker; shipped data/commitment_actuals.parquet)',
    granularity: 'month',
    user: false,
  },
];

/** Code → coverage category, per coverage table (e.g. phase-one-hs6 → { '120190': 'agriculture', ... }). */
export type CoverageTables = Map<string, Map<string, string>>;

function need(dir: string, file: string): string {
  const p = join(dir, file);
  if (!existsSync(p))
    throw new UserInputError(`missing dataset ${p}: run "npm run data:build" or pass --data DIR`, 'data');
  return sqlString(p);
}

export async function loadShippedActuals(dataDir: string): Promise<ActualSet> {
  const rows = await queryRows<{
    source: string;
    f: string;
    u: string;
    code: string;
    value_usd: number | null;
    tonnes: number | null;
  }>(
    `select source, cast(period_from as varchar) f, cast(period_until as varchar) u, code, value_usd, tonnes
     from read_parquet(${need(dataDir, 'commitment_actuals.parquet')}) order by source, period, code`,
  );
  return {
    sources: SHIPPED_SOURCES,
    rows: rows.map((r) => ({
      source: r.source,
      from: r.f,
      until: r.u,
      code: r.code,
      valueUsd: r.value_usd,
      tonnes: r.tonnes,
    })),
  };
}

export async function loadCoverageTables(dataDir: string): Promise<CoverageTables> {
  const rows = await queryRows<{ coverage_table: string; code: string; category: string }>(
    `select coverage_table, code, category from read_parquet(${need(dataDir, 'commitment_coverage.parquet')})`,
  );
  const out: CoverageTables = new Map();
  for (const r of rows) {
    let t = out.get(r.coverage_table);
    if (!t) out.set(r.coverage_table, (t = new Map()));
    t.set(r.code, r.category);
  }
  return out;
}

/** User sources first (in the order given), then the shipped ones. */
export function mergeActuals(shipped: ActualSet, user: ActualSet[]): ActualSet {
  return {
    sources: [...user.flatMap((u) => u.sources), ...shipped.sources],
    rows: [...user.flatMap((u) => u.rows), ...shipped.rows],
  };
}
