// The PE model on a tariff cross-section (or the segments of a window): point estimate at the central elasticities, optional Monte Carlo draws
// on worker threads, percentile bands (5/50/95) on every aggregate.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { HS_SECTIONS } from '../codes/hs-sections.js';
import type { TariffCross } from './tariffs.js';
import {
  demandPerProduct,
  sigmaPerProduct,
  DEFAULT_DEMAND,
  type DemandTable,
  type SigmaTable,
} from './elasticities.js';
import {
  aggregateLength,
  evaluateOnce,
  runDraws,
  sectionIndex,
  SECTION_KEYS,
  SUPPLIER_KEYS,
  TOTAL_KEYS,
  type PeProblem,
} from './pe-draws.js';

export interface PeOptions {
  draws: number;
  seed: number;
  supply: number; // Infinity = flat foreign supply
  /** One ε_m for every line instead of the estimates (and the default where a line has none). */
  demand?: number;
  /** Per-industry import demand estimates (Hauk 2012, US); without them every line takes the default. */
  demandTable?: DemandTable;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface Band {
  p5: number;
  p50: number;
  p95: number;
}

export interface PeLine {
  product: string;
  section: string;
  supplier: string;
  trade_usd: number;
  tariff0_pct: number;
  tariff1_pct: number;
  import_change_usd: number;
  import_change_pct: number;
  diversion_usd: number;
}

/** Share (%) of the import value whose line takes its ε_m from a NAICS6 estimate, a NAICS4 estimate, the default. */
export interface DemandCoverage {
  naics6_pct: number;
  naics4_pct: number;
  default_pct: number;
}

export interface PeResult {
  importer: string;
  aggregates: Record<string, number>; // point estimates keyed like the bands
  bands?: Record<string, Band>;
  lines: PeLine[]; // every line with a change, largest first
  priceIndexPct: number; // import-weighted change in buyers' import prices
  trade0: number;
  sigmaMatched: number;
  /** ε_m sources by import value: all suppliers, and by supplier. */
  demandCoverage: { all: DemandCoverage; bySupplier: Record<string, DemandCoverage> };
  products: number;
  draws: number;
}

/** One interval of a window: its tariff cross-section and its weight (share of the window's days). */
export interface PeSegmentInput {
  cross: TariffCross;
  weight: number;
}

function segmentsOf(input: TariffCross | PeSegmentInput[]): PeSegmentInput[] {
  const segs = Array.isArray(input) ? input : [{ cross: input, weight: 1 }];
  if (!segs.length) throw new Error('PE: no tariff segment');
  const first = segs[0]!.cross;
  for (const { cross } of segs)
    if (
      cross.importer !== first.importer ||
      cross.value.length !== first.value.length ||
      cross.products.length !== first.products.length ||
      cross.partners.length !== first.partners.length
    )
      throw new Error('PE: the segments of a window must share their lines (same importer, weights and partners)');
  return segs;
}

export function buildProblem(
  input: TariffCross | PeSegmentInput[],
  sigmas: SigmaTable,
  opts: Pick<PeOptions, 'supply' | 'demand' | 'demandTable'>,
): PeProblem {
  const segs = segmentsOf(input);
  const cross = segs[0]!.cross;
  const s = sigmaPerProduct(cross.products, sigmas, cross.importer);
  const flat = opts.demand;
  const d = demandPerProduct(
    cross.products,
    flat === undefined ? opts.demandTable : undefined,
    cross.importer,
    flat ?? DEFAULT_DEMAND,
  );
  return {
    start: cross.start,
    value: cross.value,
    partner: cross.partner,
    nPartners: cross.partners.length,
    segments: segs.map(({ cross: c, weight }) => ({ t0: c.t0, t1: c.t1, weight })),
    section: sectionIndex(cross.products),
    sigma: s.sigma,
    group: s.group,
    groups: s.groups,
    demand: d.demand,
    demandGroup: d.group,
    demandMean: d.mean,
    demandSe: d.se,
    demandDefault: flat ?? DEFAULT_DEMAND,
    supply: opts.supply,
  };
}

/** Names of the aggregate vector's slots, e.g. `total.buyer_cost_usd`, `CN.diversion_usd`, `section.XVI.import_change_usd`. */
export function aggregateNames(partners: string[]): string[] {
  const names: string[] = TOTAL_KEYS.map((k) => `total.${k}`);
  for (const p of partners) for (const k of SUPPLIER_KEYS) names.push(`${p}.${k}`);
  for (const s of HS_SECTIONS) for (const k of SECTION_KEYS) names.push(`section.${s.id}.${k}`);
  return names;
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function bandsOf(matrix: Float64Array, draws: number, names: string[]): Record<string, Band> {
  const K = names.length;
  const col = new Float64Array(draws);
  const out: Record<string, Band> = {};
  for (let k = 0; k < K; k++) {
    let any = false;
    for (let d = 0; d < draws; d++) {
      col[d] = matrix[d * K + k]!;
      if (col[d] !== 0) any = true;
    }
    if (!any) continue;
    col.sort();
    out[names[k]!] = { p5: quantile(col, 0.05), p50: quantile(col, 0.5), p95: quantile(col, 0.95) };
  }
  return out;
}

/** The worker's entry beside this module: compiled JavaScript runs pe-worker.js directly; TypeScript (tsx,
 * vitest) goes through pe-worker-boot.mjs, which registers tsx's loader in the thread first. */
function peWorkerEntry(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./pe-worker-boot.mjs', import.meta.url)
    : new URL('./pe-worker.js', import.meta.url);
}

async function drawsOnWorkers(
  p: PeProblem,
  seed: number,
  draws: number,
  workers: number,
  onProgress?: (d: number, t: number) => void,
) {
  const K = aggregateLength(p);
  const matrix = new Float64Array(draws * K);
  const chunk = Math.ceil(draws / workers);
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const from = w * chunk;
      const to = Math.min(draws, from + chunk);
      if (from >= to) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const worker = new Worker(peWorkerEntry(), {
          workerData: { problem: p, seed, from, to },
        });
        worker.once('message', (res: Float64Array) => {
          matrix.set(res, from * K);
          done += to - from;
          onProgress?.(done, draws);
          resolve();
        });
        worker.once('error', reject);
        worker.once('exit', (code) =>
          code === 0 ? undefined : reject(new Error(`PE worker exited with code ${code}`)),
        );
      });
    }),
  );
  return matrix;
}

function coverage(p: PeProblem, level: Uint8Array, partners: string[]): PeResult['demandCoverage'] {
  const acc = new Map<string, [number, number, number]>();
  const add = (key: string, lv: number, v: number) => {
    let a = acc.get(key);
    if (!a) acc.set(key, (a = [0, 0, 0]));
    a[lv === 6 ? 0 : lv === 4 ? 1 : 2] += v;
  };
  for (let g = 0; g + 1 < p.start.length; g++)
    for (let k = p.start[g]!; k < p.start[g + 1]!; k++) {
      add('*', level[g]!, p.value[k]!);
      add(partners[p.partner[k]!]!, level[g]!, p.value[k]!);
    }
  const pct = ([a, b, c]: [number, number, number]): DemandCoverage => {
    const t = a + b + c || 1;
    const r = (x: number) => Math.round((1000 * x) / t) / 10;
    return { naics6_pct: r(a), naics4_pct: r(b), default_pct: r(c) };
  };
  const bySupplier: Record<string, DemandCoverage> = {};
  for (const [k, v] of acc) if (k !== '*') bySupplier[k] = pct(v);
  return { all: pct(acc.get('*') ?? [0, 0, 0]), bySupplier };
}

/**
 * The PE model at one date (a cross-section) or over a window (segments weighted by their share of the days: every
 * aggregate is then the day-weighted mean of the annual flows, i.e. annualised). Point estimate at the central
 * elasticities through the general solver, Monte Carlo draws on worker threads through the flat-supply fast path
 * (or the general solver when export supply is finite).
 */
export async function runPe(
  input: TariffCross | PeSegmentInput[],
  sigmas: SigmaTable,
  opts: PeOptions,
): Promise<PeResult> {
  const segs = segmentsOf(input);
  const cross = segs[0]!.cross;
  const p = buildProblem(segs, sigmas, opts);
  const names = aggregateNames(cross.partners);
  const K = names.length;
  const out = new Float64Array(K);
  const one = new Float64Array(K);
  const nProducts = p.start.length - 1;
  const nnz = p.value.length;
  const change = new Float64Array(nnz);
  const diversion = new Float64Array(nnz);
  const t0 = new Float64Array(nnz);
  const t1 = new Float64Array(nnz);
  const priceIndex = new Float64Array(nProducts);
  p.segments.forEach((seg, i) => {
    const work = evaluateOnce(p, seg, p.sigma, p.demand, p.supply, one);
    const w = seg.weight;
    for (let k = 0; k < K; k++) out[k] += w * one[k]!;
    for (let k = 0; k < nnz; k++) {
      change[k] += w * (work.lines.value1[k]! - p.value[k]!);
      diversion[k] += w * work.lines.diversion[k]!;
      t0[k] += w * segs[i]!.cross.t0[k]!;
      t1[k] += w * segs[i]!.cross.t1[k]!;
    }
    for (const g of work.active) priceIndex[g] += w * work.products.priceIndex[g]!;
  });
  const aggregates: Record<string, number> = {};
  names.forEach((n, k) => {
    if (out[k] !== 0 || n.startsWith('total.')) aggregates[n] = out[k]!;
  });
  // lines with a change, largest first
  const lines: PeLine[] = [];
  let trade0 = 0;
  let pWeighted = 0;
  for (let g = 0; g < nProducts; g++) {
    let e0 = 0;
    for (let k = p.start[g]!; k < p.start[g + 1]!; k++) {
      trade0 += p.value[k]!;
      e0 += p.value[k]!;
      if (Math.abs(change[k]!) < 1) continue;
      lines.push({
        product: cross.products[g]!,
        section: HS_SECTIONS[p.section[g]!]?.id ?? '?',
        supplier: cross.partners[p.partner[k]!]!,
        trade_usd: p.value[k]!,
        tariff0_pct: 100 * t0[k]!,
        tariff1_pct: 100 * t1[k]!,
        import_change_usd: change[k]!,
        import_change_pct: (100 * change[k]!) / p.value[k]!,
        diversion_usd: diversion[k]!,
      });
    }
    pWeighted += e0 * priceIndex[g]!;
  }
  lines.sort((a, b) => Math.abs(b.import_change_usd) - Math.abs(a.import_change_usd));
  const levels = demandPerProduct(
    cross.products,
    opts.demand === undefined ? opts.demandTable : undefined,
    cross.importer,
    p.demandDefault,
  ).level;
  const result: PeResult = {
    importer: cross.importer,
    aggregates,
    lines,
    priceIndexPct: trade0 ? (100 * pWeighted) / trade0 : 0,
    trade0,
    sigmaMatched: sigmaPerProduct(cross.products, sigmas, cross.importer).matched,
    demandCoverage: coverage(p, levels, cross.partners),
    products: nProducts,
    draws: opts.draws,
  };
  if (opts.draws > 0) {
    // a draw with finite export supply goes through the general solver, several times slower than the fast path
    const work = opts.draws * p.segments.length * (Number.isFinite(p.supply) ? 6 : 1);
    const workers = workerCount(work, opts.workers);
    const matrix =
      workers === 1
        ? runDraws(p, opts.seed, 0, opts.draws)
        : await drawsOnWorkers(p, opts.seed, opts.draws, workers, opts.onProgress);
    if (workers === 1) opts.onProgress?.(opts.draws, opts.draws);
    result.bands = bandsOf(matrix, opts.draws, names);
  }
  return result;
}

/**
 * Threads for the draws: one per core, but none for small jobs — a worker costs its start-up (loading the
 * modules, copying the problem) while a flat-supply draw of the US panel takes a few milliseconds; small jobs stay
 * on the calling thread (at most ~0.2 s of blocking for a server).
 */
export function workerCount(segmentDraws: number, requested?: number): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, segmentDraws));
  return Math.max(1, Math.min(availableParallelism(), Math.floor(segmentDraws / MIN_DRAWS_PER_WORKER)));
}
const MIN_DRAWS_PER_WORKER = 50;
