// The PE model on a tariff cross-section: point estimate at the central elasticities, optional Monte Carlo draws
// on worker threads, percentile bands (5/50/95) on every aggregate.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { HS_SECTIONS } from '../codes/hs-sections.js';
import type { TariffCross } from './tariffs.js';
import { sigmaPerProduct, DEFAULT_DEMAND, type SigmaTable } from './elasticities.js';
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
  demand?: number;
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

export interface PeResult {
  importer: string;
  aggregates: Record<string, number>; // point estimates keyed like the bands
  bands?: Record<string, Band>;
  lines: PeLine[]; // every line with a change, largest first
  priceIndexPct: number; // import-weighted change in buyers' import prices
  trade0: number;
  sigmaMatched: number;
  products: number;
  draws: number;
}

export function buildProblem(
  cross: TariffCross,
  sigmas: SigmaTable,
  opts: Pick<PeOptions, 'supply' | 'demand'>,
): PeProblem {
  const s = sigmaPerProduct(cross.products, sigmas, cross.importer);
  return {
    start: cross.start,
    value: cross.value,
    t0: cross.t0,
    t1: cross.t1,
    partner: cross.partner,
    nPartners: cross.partners.length,
    section: sectionIndex(cross.products),
    sigma: s.sigma,
    group: s.group,
    groups: s.groups,
    demand: opts.demand ?? DEFAULT_DEMAND,
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

export async function runPe(cross: TariffCross, sigmas: SigmaTable, opts: PeOptions): Promise<PeResult> {
  const p = buildProblem(cross, sigmas, opts);
  const names = aggregateNames(cross.partners);
  const out = new Float64Array(names.length);
  const nProducts = p.start.length - 1;
  const demand = new Float64Array(nProducts).fill(p.demand);
  const work = evaluateOnce(p, p.sigma, demand, p.supply, out);
  const aggregates: Record<string, number> = {};
  names.forEach((n, k) => {
    if (out[k] !== 0 || n.startsWith('total.')) aggregates[n] = out[k]!;
  });
  // lines with a change, largest first
  const lines: PeLine[] = [];
  let trade0 = 0;
  let pWeighted = 0;
  for (let g = 0; g < nProducts; g++) {
    for (let k = p.start[g]!; k < p.start[g + 1]!; k++) {
      trade0 += p.value[k]!;
      const change = work.lines.value1[k]! - p.value[k]!;
      if (Math.abs(change) < 1) continue;
      lines.push({
        product: cross.products[g]!,
        section: HS_SECTIONS[p.section[g]!]?.id ?? '?',
        supplier: cross.partners[p.partner[k]!]!,
        trade_usd: p.value[k]!,
        tariff0_pct: 100 * p.t0[k]!,
        tariff1_pct: 100 * p.t1[k]!,
        import_change_usd: change,
        import_change_pct: (100 * change) / p.value[k]!,
        diversion_usd: work.lines.diversion[k]!,
      });
    }
    let e0 = 0;
    for (let k = p.start[g]!; k < p.start[g + 1]!; k++) e0 += p.value[k]!;
    pWeighted += e0 * work.products.priceIndex[g]!;
  }
  lines.sort((a, b) => Math.abs(b.import_change_usd) - Math.abs(a.import_change_usd));
  const result: PeResult = {
    importer: cross.importer,
    aggregates,
    lines,
    priceIndexPct: trade0 ? (100 * pWeighted) / trade0 : 0,
    trade0,
    sigmaMatched: sigmaPerProduct(cross.products, sigmas, cross.importer).matched,
    products: nProducts,
    draws: opts.draws,
  };
  if (opts.draws > 0) {
    const workers = Math.max(1, Math.min(opts.workers ?? availableParallelism(), opts.draws));
    const matrix =
      workers === 1 || opts.draws < 20
        ? runDraws(p, opts.seed, 0, opts.draws)
        : await drawsOnWorkers(p, opts.seed, opts.draws, workers, opts.onProgress);
    result.bands = bandsOf(matrix, opts.draws, names);
  }
  return result;
}
