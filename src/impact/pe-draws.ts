// One PE evaluation turned into a fixed vector of aggregates (so Monte Carlo draws can be stacked and ranked),
// and the draw loop a worker thread runs. Aggregate layout: totals, then per supplier, then per HS section.
import { sectionOf, HS_SECTIONS } from '../codes/hs-sections.js';
import { allocateLines, allocateProducts, allocateWork, changedProducts, solvePe, type PeMarkets } from './pe.js';
import { normal, rngFor, SPREAD } from './elasticities.js';

export const TOTAL_KEYS = [
  'import_change_usd',
  'diversion_usd',
  'buyer_cost_usd',
  'revenue_change_usd',
  'foreign_surplus_usd',
  'deadweight_loss_usd',
  'welfare_change_usd',
] as const;
export const SUPPLIER_KEYS = ['import_change_usd', 'creation_usd', 'diversion_usd', 'foreign_surplus_usd'] as const;
export const SECTION_KEYS = [
  'import_change_usd',
  'buyer_cost_usd',
  'revenue_change_usd',
  'deadweight_loss_usd',
] as const;

export interface PeProblem extends PeMarkets {
  partner: Int32Array;
  nPartners: number;
  section: Int32Array; // per product, index into HS_SECTIONS (−1 unknown)
  sigma: Float64Array; // central σ per product
  group: Int32Array; // HS3 group per product
  groups: number;
  demand: number; // central ε_m
  supply: number; // central ε_x (Infinity = flat)
}

export function sectionIndex(products: string[]): Int32Array {
  return Int32Array.from(
    products.map((c) => {
      const s = sectionOf(c);
      return s ? HS_SECTIONS.indexOf(s) : -1;
    }),
  );
}

export function aggregateLength(p: Pick<PeProblem, 'nPartners'>): number {
  return TOTAL_KEYS.length + p.nPartners * SUPPLIER_KEYS.length + HS_SECTIONS.length * SECTION_KEYS.length;
}

/** Scratch space for evaluations of one problem; lines of products whose tariff does not move stay at rest. */
export function allocateEvaluation(p: PeProblem) {
  const lines = allocateLines(p.value.length);
  lines.value1.set(p.value);
  return {
    lines,
    products: allocateProducts(p.start.length - 1),
    scratch: allocateWork(p.value.length, p.start.length - 1),
    active: changedProducts(p),
  };
}

/** Evaluate once with the given elasticities; fills `out` with the aggregates; returns the per-line results. */
export function evaluateOnce(
  p: PeProblem,
  sigma: Float64Array,
  demand: Float64Array,
  supply: number,
  out: Float64Array,
  work = allocateEvaluation(p),
) {
  const { lines, products, scratch, active } = work;
  solvePe(p, { sigma, demand, supply }, lines, products, scratch, active);
  out.fill(0);
  const T = TOTAL_KEYS.length;
  const S = SUPPLIER_KEYS.length;
  const secBase = T + p.nPartners * S;
  for (let a = 0; a < active.length; a++) {
    const g = active[a]!;
    const sec = p.section[g]!;
    let dm = 0;
    for (let k = p.start[g]!; k < p.start[g + 1]!; k++) {
      const change = lines.value1[k]! - p.value[k]!;
      dm += change;
      const base = T + p.partner[k]! * S;
      out[base] += change;
      out[base + 1] += lines.creation[k]!;
      out[base + 2] += lines.diversion[k]!;
      if (lines.diversion[k]! > 0) out[1] += lines.diversion[k]!;
      if (Number.isFinite(supply))
        out[base + 3] += (p.value[k]! * (Math.pow(1 + lines.worldPrice[k]!, 1 + supply) - 1)) / (1 + supply);
    }
    out[0] += dm;
    out[2] += products.buyerCost[g]!;
    out[3] += products.revenueChange[g]!;
    out[4] += products.foreignSurplus[g]!;
    out[5] += products.deadweight[g]!;
    if (sec >= 0) {
      const b = secBase + sec * SECTION_KEYS.length;
      out[b] += dm;
      out[b + 1] += products.buyerCost[g]!;
      out[b + 2] += products.revenueChange[g]!;
      out[b + 3] += products.deadweight[g]!;
    }
  }
  out[6] = out[3]! - out[2]!; // importer's welfare: revenue gained − buyers' loss
  return work;
}

/** Draws [from, to): each draw's elasticities come from its own seeded stream, so any split gives the same draws. */
export function runDraws(p: PeProblem, seed: number, from: number, to: number): Float64Array {
  const K = aggregateLength(p);
  const result = new Float64Array((to - from) * K);
  const nProducts = p.start.length - 1;
  const sigma = new Float64Array(nProducts);
  const demand = new Float64Array(nProducts);
  const factor = new Float64Array(p.groups);
  const out = new Float64Array(K);
  let work: ReturnType<typeof evaluateOnce> | undefined;
  for (let d = from; d < to; d++) {
    const rand = rngFor(seed, d);
    for (let gi = 0; gi < p.groups; gi++) factor[gi] = Math.exp(SPREAD.sigmaLogSd * normal(rand));
    const eps = Math.max(SPREAD.demandMin, p.demand + SPREAD.demandSd * normal(rand));
    const supply = Number.isFinite(p.supply) ? p.supply * Math.exp(SPREAD.supplyLogSd * normal(rand)) : Infinity;
    for (let g = 0; g < nProducts; g++) {
      sigma[g] = p.sigma[g]! * factor[p.group[g]!]!;
      demand[g] = eps;
    }
    work = evaluateOnce(p, sigma, demand, supply, out, work);
    result.set(out, (d - from) * K);
  }
  return result;
}
