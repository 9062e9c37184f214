// The one-sector GE model applied to a tariff scenario of the engine: the shipped 194-country world
// (data/impact_world.parquet) calibrated as ILSS do, bilateral tariffs set from the engine's trade-weighted
// averages (US on each partner, China on the US), both the baseline and the scenario solved from the same
// calibrated world, and the scenario reported relative to the baseline.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { queryRows, sqlString } from '../datasets/duckdb.js';
import {
  calibrateOneSector,
  incidence,
  solveNu,
  solveOneSector,
  type OneSectorBase,
  type OneSectorOutcome,
} from './ge-one-sector.js';

/** EU-27 members (ISO 3166-1 alpha-3): the US import file trades them as one "EU" partner. */
export const EU27 = [
  'AUT', 'BEL', 'BGR', 'HRV', 'CYP', 'CZE', 'DNK', 'EST', 'FIN', 'FRA', 'DEU', 'GRC', 'HUN', 'IRL',
  'ITA', 'LVA', 'LTU', 'LUX', 'MLT', 'NLD', 'POL', 'PRT', 'ROU', 'SVK', 'SVN', 'ESP', 'SWE',
]; // prettier-ignore

export interface World {
  iso3: string[];
  index: Map<string, number>;
  base: OneSectorBase;
  gdp: Float64Array; // $1000, as shipped
  us: number;
  cn: number;
  nu: [number, number];
}

let cached: { dir: string; world: World } | undefined;

export async function loadWorld(dataDir: string): Promise<World> {
  if (cached?.dir === dataDir) return cached.world;
  const file = join(dataDir, 'impact_world.parquet');
  if (!existsSync(file)) throw new Error(`missing dataset ${file}: run "npm run data:build"`);
  const gdpRows = await queryRows<{ iso3: string; v: number }>(
    `select exporter iso3, value_kusd v from read_parquet(${sqlString(file)}) where kind = 'gdp' order by ord`,
  );
  const iso3 = gdpRows.map((r) => r.iso3);
  const index = new Map(iso3.map((c, i) => [c, i]));
  const n = iso3.length;
  const trade = new Float64Array(n * n);
  const flows = await queryRows<{ e: string; i: string; v: number }>(
    `select exporter e, importer i, value_kusd v from read_parquet(${sqlString(file)}) where kind = 'flow'`,
  );
  for (const f of flows) trade[index.get(f.e)! * n + index.get(f.i)!] = Number(f.v);
  const gdp = Float64Array.from(gdpRows.map((r) => Number(r.v)));
  const us = index.get('USA')!;
  const cn = index.get('CHN')!;
  const nu = solveNu(trade, gdp, n, us);
  const base = calibrateOneSector(trade, gdp, n, us, nu);
  const world = { iso3, index, base, gdp, us, cn, nu };
  cached = { dir: dataDir, world };
  return world;
}

/** Tariffs (fractions) on US imports by exporter ISO3 (a default for the unlisted), and China's on the US. */
export interface WorldTariffs {
  usOn: Map<string, number>;
  usDefault: number;
  cnOnUs: number;
}

export function tariffMatrix(w: World, t: WorldTariffs): Float64Array {
  const n = w.iso3.length;
  const m = new Float64Array(n * n);
  for (let j = 0; j < n; j++) if (j !== w.us) m[j * n + w.us] = t.usOn.get(w.iso3[j]!) ?? t.usDefault;
  m[w.us * n + w.cn] = t.cnOnUs;
  return m;
}

export const GE_PARAMS = { eps: 4, kappa: 0.5, psi: 0.67 / 4 };

export function solveWorld(w: World, tariffs: Float64Array, x0?: Float64Array): OneSectorOutcome {
  return solveOneSector(
    w.base,
    tariffs,
    { ...GE_PARAMS, phi: incidence(w.base.nu, GE_PARAMS.eps), rebate: 'income_tax' },
    x0,
  );
}

export interface GeCountry {
  iso3: string;
  welfare_pct: number;
  prices_pct: number;
  real_wage_pct: number;
  employment_pct: number;
  exports_pct: number;
  imports_pct: number;
}

/** Scenario A relative to baseline B, per country, plus EU and NON_US (weighted by baseline expenditure). */
export function relativeOutcome(w: World, a: OneSectorOutcome, b: OneSectorOutcome): GeCountry[] {
  const n = w.iso3.length;
  const pct = (x: number, y: number) => 100 * (x / y - 1);
  const trade = (o: OneSectorOutcome, i: number, dir: 'ex' | 'im') => {
    let s = 0;
    for (let k = 0; k < n; k++) if (k !== i) s += dir === 'ex' ? o.flows[i * n + k]! : o.flows[k * n + i]!;
    return s;
  };
  const rows: GeCountry[] = w.iso3.map((iso3, i) => ({
    iso3,
    welfare_pct: pct(1 + a.welfarePct[i]! / 100, 1 + b.welfarePct[i]! / 100),
    prices_pct: pct(a.pHat[i]!, b.pHat[i]!),
    real_wage_pct: pct(a.wHat[i]! / a.pHat[i]!, b.wHat[i]! / b.pHat[i]!),
    employment_pct: pct(a.lHat[i]!, b.lHat[i]!),
    exports_pct: pct(trade(a, i, 'ex'), trade(b, i, 'ex')),
    imports_pct: pct(trade(a, i, 'im'), trade(b, i, 'im')),
  }));
  const agg = (iso3: string, members: number[]): GeCountry => {
    const out: Record<string, number | string> = { iso3 };
    let sw = 0;
    for (const i of members) sw += w.base.E[i]!;
    for (const key of [
      'welfare_pct',
      'prices_pct',
      'real_wage_pct',
      'employment_pct',
      'exports_pct',
      'imports_pct',
    ] as const) {
      let s = 0;
      for (const i of members) s += w.base.E[i]! * rows[i]![key];
      out[key] = s / sw;
    }
    return out as unknown as GeCountry;
  };
  rows.push(
    agg(
      'EU',
      EU27.map((c) => w.index.get(c)!).filter((i) => i !== undefined),
    ),
  );
  rows.push(
    agg(
      'NON_US',
      w.iso3.map((_, i) => i).filter((i) => i !== w.us),
    ),
  );
  return rows;
}
