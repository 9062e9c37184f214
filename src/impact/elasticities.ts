// Elasticities for the PE model and how Monte Carlo draws perturb them.
// σ (substitution between suppliers of one product): Broda–Weinstein (2006) US estimates by 3-digit HS, shipped
// in data/impact_sigma_hs3.parquet; lines whose HS3 has no estimate (and every non-US importer) take the median of
// the US estimates. Import demand ε_m of US lines: Hauk (2012) by NAICS6, else NAICS4 (data/impact_demand_naics.parquet,
// lines placed by the HTS10 → NAICS column of content_shares.parquet), else 1.3 (Amiti–Redding–Weinstein 2019,
// log-quantity estimate), which is also every non-US line's value and the flat value a user may impose instead.
// Export supply ε_x: infinite by default (full pass-through, as FGKK 2020 and ARW 2019 found for 2018–19).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { queryRows, sqlString } from '../datasets/duckdb.js';
import type { Datasets } from '../datasets/datasets.js';

export const DEFAULT_DEMAND = 1.3;
/** Spread of the draws: σ × exp(N(0, 0.25²)) per HS3 group; default ε_m ~ N(1.3, 0.3²) truncated at 0.2 (a Hauk
 * estimate: N(estimate, its standard error²) per NAICS code, truncated alike); finite ε_x × exp(N(0, 0.3²)). */
export const SPREAD = { sigmaLogSd: 0.25, demandSd: 0.3, demandMin: 0.2, supplyLogSd: 0.3 };

export interface SigmaTable {
  byHs3: Map<string, number>;
  fallback: number;
  source: string;
}

export async function loadSigmas(data: Datasets): Promise<SigmaTable> {
  const file = join(data.dir, 'impact_sigma_hs3.parquet');
  if (!existsSync(file)) throw new Error(`missing dataset ${file}: run "npm run data:build"`);
  const rows = await queryRows<{ hs3: string; sigma: number }>(
    `select hs3, sigma from read_parquet(${sqlString(file)}) where importer = 'US' order by hs3`,
  );
  const byHs3 = new Map(rows.map((r) => [r.hs3, Number(r.sigma)]));
  const sorted = [...byHs3.values()].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const fallback = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { byHs3, fallback, source: 'Broda–Weinstein (2006), US, HS 3-digit' };
}

/** σ per product and its HS3 group index (for per-group draws). */
export function sigmaPerProduct(
  products: string[],
  table: SigmaTable,
  importer: string,
): { sigma: Float64Array; group: Int32Array; groups: number; matched: number } {
  const sigma = new Float64Array(products.length);
  const group = new Int32Array(products.length);
  const groupIndex = new Map<string, number>();
  let matched = 0;
  products.forEach((code, g) => {
    const hs3 = code.slice(0, 3);
    const v = importer === 'US' ? table.byHs3.get(hs3) : undefined;
    if (v !== undefined) matched++;
    sigma[g] = v ?? table.fallback;
    let gi = groupIndex.get(hs3);
    if (gi === undefined) groupIndex.set(hs3, (gi = groupIndex.size));
    group[g] = gi;
  });
  return { sigma, group, groups: groupIndex.size, matched };
}

export interface DemandTable {
  /** NAICS code (6 or 4 digits) → Hauk's estimate and its standard error. */
  byNaics: Map<string, { elasticity: number; se: number }>;
  /** US HTS10 → NAICS6 (content_shares.parquet). */
  naicsOf: Map<string, string>;
  source: string;
}

/** Hauk (2012) US import demand elasticities and the HTS10 → NAICS column; empty maps when the files are absent. */
export async function loadDemand(data: Datasets): Promise<DemandTable> {
  const file = join(data.dir, 'impact_demand_naics.parquet');
  const shares = join(data.dir, 'content_shares.parquet');
  const out: DemandTable = { byNaics: new Map(), naicsOf: new Map(), source: 'Hauk (2012), US, NAICS6 / NAICS4' };
  if (!existsSync(file) || !existsSync(shares)) return out;
  const rows = await queryRows<{ naics: string; elasticity: number; se: number }>(
    `select naics, elasticity, se from read_parquet(${sqlString(file)}) where importer = 'US' order by level desc, naics`,
  );
  for (const r of rows) out.byNaics.set(r.naics, { elasticity: Number(r.elasticity), se: Number(r.se) });
  const map = await queryRows<{ hts10: string; naics: string }>(
    `select hts10, naics from read_parquet(${sqlString(shares)}) where naics is not null`,
  );
  for (const r of map) out.naicsOf.set(r.hts10, r.naics);
  return out;
}

export interface DemandPerProduct {
  /** Central ε_m per product. */
  demand: Float64Array;
  /** Per product: index of its estimate in `mean`/`se` (drawn once per NAICS code), −1 = the default. */
  group: Int32Array;
  mean: Float64Array;
  se: Float64Array;
  /** Where each product's value comes from: 6 = NAICS6 estimate, 4 = NAICS4, 0 = the default. */
  level: Uint8Array;
}

/**
 * ε_m per product: for US lines the NAICS6 estimate of the line's industry, else its NAICS4 estimate, else the
 * default; `flat` (a number) gives every line that value instead; non-US importers take the default.
 */
export function demandPerProduct(
  products: string[],
  table: DemandTable | undefined,
  importer: string,
  fallback: number,
): DemandPerProduct {
  const demand = new Float64Array(products.length).fill(fallback);
  const group = new Int32Array(products.length).fill(-1);
  const level = new Uint8Array(products.length);
  const index = new Map<string, number>();
  const mean: number[] = [];
  const se: number[] = [];
  if (table && importer === 'US')
    products.forEach((code, g) => {
      const naics = table.naicsOf.get(code);
      if (!naics) return;
      for (const key of [naics, naics.slice(0, 4)]) {
        const est = table.byNaics.get(key);
        if (!est) continue;
        let gi = index.get(key);
        if (gi === undefined) {
          index.set(key, (gi = mean.length));
          mean.push(est.elasticity);
          se.push(est.se);
        }
        demand[g] = est.elasticity;
        group[g] = gi;
        level[g] = key.length;
        return;
      }
    });
  return { demand, group, mean: Float64Array.from(mean), se: Float64Array.from(se), level };
}

/** A small seeded generator (splitmix32 seeding mulberry32), reproducible across worker splits: one stream per draw. */
export function rngFor(seed: number, draw: number): () => number {
  let s = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(draw + 1, 0xc2b2ae35)) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(rand: () => number): number {
  let u = rand();
  while (u <= 1e-12) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
