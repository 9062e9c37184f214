// One PE evaluation turned into a fixed vector of aggregates (so Monte Carlo draws can be stacked and ranked),
// and the draw loop a worker thread runs. Aggregate layout: totals, then per supplier, then per HS section.
// A problem holds one or more tariff segments (the intervals of a window, each weighted by its share of the days):
// the aggregates are the weighted sum over segments, every segment priced with the same draw of the elasticities.
import { sectionOf, HS_SECTIONS } from '../codes/hs-sections.js';
import { allocateLines, allocateProducts, allocateWork, changedProducts, solvePe } from './pe.js';
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

/** The tariffs of one interval: baseline and scenario rate per line, and the interval's weight (share of days). */
export interface PeSegment {
  t0: Float64Array;
  t1: Float64Array;
  weight: number;
}

export interface PeProblem {
  start: Int32Array; // CSR over products
  value: Float64Array; // M0 per line
  partner: Int32Array;
  nPartners: number;
  segments: PeSegment[];
  section: Int32Array; // per product, index into HS_SECTIONS (−1 unknown)
  sigma: Float64Array; // central σ per product
  group: Int32Array; // HS3 group per product
  groups: number;
  demand: Float64Array; // central ε_m per product
  demandGroup: Int32Array; // per product: index of its own estimate (drawn per estimate), −1 = the default
  demandMean: Float64Array; // per estimate
  demandSe: Float64Array; // per estimate
  demandDefault: number; // central default ε_m
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

/** Scratch space for general evaluations of one segment; lines of products whose tariff does not move stay at rest. */
export function allocateEvaluation(p: PeProblem, seg: PeSegment) {
  const lines = allocateLines(p.value.length);
  lines.value1.set(p.value);
  const markets = { start: p.start, value: p.value, t0: seg.t0, t1: seg.t1 };
  return {
    markets,
    lines,
    products: allocateProducts(p.start.length - 1),
    scratch: allocateWork(p.value.length, p.start.length - 1),
    active: changedProducts(markets),
  };
}

/**
 * Evaluate one segment with the given elasticities through the general per-line solver (any export supply);
 * fills `out` with the aggregates and returns the per-line results.
 */
export function evaluateOnce(
  p: PeProblem,
  seg: PeSegment,
  sigma: Float64Array,
  demand: Float64Array,
  supply: number,
  out: Float64Array,
  work = allocateEvaluation(p, seg),
) {
  const { markets, lines, products, scratch, active } = work;
  solvePe(markets, { sigma, demand, supply }, lines, products, scratch, active);
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

/**
 * What the flat-supply (full pass-through) solution needs of one segment, computed once: only the products whose
 * tariff moves, and in each the lines whose tariff moves apart from the others. With flat foreign supply every
 * supplier whose buyers' price does not move sees the same quantity change P̂^σ·Q̂, so those lines enter a draw only
 * through their sums and their values by partner.
 */
export interface FlatSegment {
  act: Int32Array; // products with a moving tariff and positive spending
  spend: Float64Array; // per active product: duty-inclusive spending E0
  shareStill: Float64Array; // spending share of the lines whose tariff does not move
  valueStill: Float64Array; // their import value
  revStill0: Float64Array; // Σ t0·M0 over them
  revStill1: Float64Array; // Σ t1·M0 over them
  movedStart: Int32Array; // CSR (per active product) over the moving lines
  mShare: Float64Array;
  mTau: Float64Array; // τ̂ = (1+t1)/(1+t0)
  mLogTau: Float64Array; // ln τ̂
  mX: Float64Array; // scratch: τ̂^(−σ) of the current draw
  mValue: Float64Array;
  mT0: Float64Array;
  mT1: Float64Array;
  mPartner: Int32Array;
  /** The other lines, partner by partner (CSR over partners): their value and their product (index into act). */
  stillByPartner: Int32Array;
  sValue: Float64Array;
  sAct: Int32Array;
  fChange: Float64Array; // scratch per active product: q̂ − 1 of the unmoved suppliers in the current draw
  fCreate: Float64Array; // scratch per active product: Q̂ − 1
}

export function prepareFlat(p: PeProblem, seg: PeSegment): FlatSegment {
  const act: number[] = [];
  const spend: number[] = [];
  const shareStill: number[] = [];
  const valueStill: number[] = [];
  const rev0: number[] = [];
  const rev1: number[] = [];
  const movedStart = [0];
  const moved: number[] = [];
  const still: number[] = [];
  const stillAct: number[] = [];
  const tau: number[] = [];
  const mShare: number[] = [];
  const nProducts = p.start.length - 1;
  for (let g = 0; g < nProducts; g++) {
    const from = p.start[g]!;
    const to = p.start[g + 1]!;
    let changes = false;
    let E0 = 0;
    for (let k = from; k < to; k++) {
      if (seg.t1[k] !== seg.t0[k]) changes = true;
      E0 += p.value[k]! * (1 + seg.t0[k]!);
    }
    if (!changes || !(E0 > 0)) continue;
    act.push(g);
    spend.push(E0);
    let sS = 0;
    let vS = 0;
    let r0 = 0;
    let r1 = 0;
    for (let k = from; k < to; k++) {
      const share = (p.value[k]! * (1 + seg.t0[k]!)) / E0;
      const th = (1 + seg.t1[k]!) / (1 + seg.t0[k]!);
      if (th === 1) {
        still.push(k);
        stillAct.push(act.length - 1);
        sS += share;
        vS += p.value[k]!;
        r0 += seg.t0[k]! * p.value[k]!;
        r1 += seg.t1[k]! * p.value[k]!;
      } else {
        moved.push(k);
        tau.push(th);
        mShare.push(share);
      }
    }
    shareStill.push(sS);
    valueStill.push(vS);
    rev0.push(r0);
    rev1.push(r1);
    movedStart.push(moved.length);
  }
  // the unmoved lines partner by partner, so a draw sums each partner's in one pass
  const order = still.map((_, i) => i).sort((x, y) => p.partner[still[x]!]! - p.partner[still[y]!]! || x - y);
  const stillByPartner = new Int32Array(p.nPartners + 1);
  for (const k of still) stillByPartner[p.partner[k]! + 1]++;
  for (let i = 0; i < p.nPartners; i++) stillByPartner[i + 1] += stillByPartner[i]!;
  const pick = <A extends Float64Array | Int32Array>(src: A, idx: number[], make: (n: number) => A): A => {
    const out = make(idx.length);
    idx.forEach((k, i) => (out[i] = src[k]!));
    return out;
  };
  const f64 = (n: number) => new Float64Array(n);
  return {
    act: Int32Array.from(act),
    spend: Float64Array.from(spend),
    shareStill: Float64Array.from(shareStill),
    valueStill: Float64Array.from(valueStill),
    revStill0: Float64Array.from(rev0),
    revStill1: Float64Array.from(rev1),
    movedStart: Int32Array.from(movedStart),
    mShare: Float64Array.from(mShare),
    mTau: Float64Array.from(tau),
    mLogTau: Float64Array.from(tau, Math.log),
    mX: new Float64Array(tau.length),
    mValue: pick(p.value, moved, f64),
    mT0: pick(seg.t0, moved, f64),
    mT1: pick(seg.t1, moved, f64),
    mPartner: pick(p.partner, moved, (n) => new Int32Array(n)),
    stillByPartner,
    sValue: Float64Array.from(order, (i) => p.value[still[i]!]!),
    sAct: Int32Array.from(order, (i) => stillAct[i]!),
    fChange: new Float64Array(act.length),
    fCreate: new Float64Array(act.length),
  };
}

/**
 * The aggregates of one segment under flat foreign supply, added to `out` with weight w: the same equations as
 * solvePe with ε_x = ∞ — P̂ from the moving lines and the others' share, Q̂ = P̂^(−ε), q̂ = (τ̂/P̂)^(−σ)·Q̂ — without
 * per-line arrays, in logs (one exp per moving line: x = τ̂^(−σ) gives both τ̂^(1−σ) = τ̂·x and q̂ = x·P̂^σ·Q̂; the
 * unmoved suppliers share q̂ = P̂^σ·Q̂; buyers' loss E0(P̂·Q̂ − 1)/(1 − ε)). Equal to evaluateOnce up to rounding
 * (exp/log for pow, the order of sums): 1e-12 relative on the shipped panel.
 */
export function addFlat(
  p: PeProblem,
  f: FlatSegment,
  sigma: Float64Array,
  demand: Float64Array,
  out: Float64Array,
  w: number,
): void {
  const T = TOTAL_KEYS.length;
  const S = SUPPLIER_KEYS.length;
  const secBase = T + p.nPartners * S;
  const { mShare, mTau, mLogTau, mX, mValue, mT0, mT1, mPartner, sValue, sAct, fChange, fCreate } = f;
  let tImport = 0;
  let tDiv = 0;
  let tCost = 0;
  let tRev = 0;
  for (let a = 0; a < f.act.length; a++) {
    const g = f.act[a]!;
    const s = sigma[g]!;
    const eps = demand[g]!;
    const m0 = f.movedStart[a]!;
    const m1 = f.movedStart[a + 1]!;
    let lnP: number;
    if (Math.abs(s - 1) < 1e-9) {
      lnP = 0;
      for (let k = m0; k < m1; k++) {
        lnP += mShare[k]! * mLogTau[k]!;
        mX[k] = Math.exp(-s * mLogTau[k]!);
      }
    } else {
      let acc = f.shareStill[a]!;
      for (let k = m0; k < m1; k++) {
        const x = Math.exp(-s * mLogTau[k]!);
        mX[k] = x;
        acc += mShare[k]! * mTau[k]! * x;
      }
      lnP = Math.log(acc) / (1 - s);
    }
    const Q = Math.exp(-eps * lnP);
    const qStill = Math.exp(s * lnP) * Q;
    const vStill = f.valueStill[a]!;
    let dm = vStill * qStill - vStill;
    let rev = qStill * f.revStill1[a]! - f.revStill0[a]!;
    const wCreate = w * (Q - 1);
    for (let k = m0; k < m1; k++) {
      const M0 = mValue[k]!;
      const q = mX[k]! * qStill;
      const M1 = M0 * q;
      const change = M1 - M0;
      const div = M0 * (q - Q);
      const base = T + mPartner[k]! * S;
      out[base] += w * change;
      out[base + 1] += M0 * wCreate;
      out[base + 2] += w * div;
      if (div > 0) tDiv += div;
      dm += change;
      rev += mT1[k]! * M1 - mT0[k]! * M0;
    }
    fChange[a] = w * (qStill - 1);
    fCreate[a] = wCreate;
    if (qStill > Q) tDiv += vStill * (qStill - Q);
    const E0 = f.spend[a]!;
    const cost = Math.abs(eps - 1) < 1e-9 ? E0 * lnP : (E0 * (Math.exp(lnP) * Q - 1)) / (1 - eps);
    tImport += dm;
    tCost += cost;
    tRev += rev;
    const sec = p.section[g]!;
    if (sec >= 0) {
      const b = secBase + sec * SECTION_KEYS.length;
      out[b] += w * dm;
      out[b + 1] += w * cost;
      out[b + 2] += w * rev;
      out[b + 3] += w * (cost - rev);
    }
  }
  // unmoved suppliers: change M0(q̂ − 1) = creation M0(Q̂ − 1) + diversion M0(q̂ − Q̂), summed partner by partner
  for (let pi = 0; pi < p.nPartners; pi++) {
    let change = 0;
    let create = 0;
    for (let k = f.stillByPartner[pi]!; k < f.stillByPartner[pi + 1]!; k++) {
      const a = sAct[k]!;
      change += sValue[k]! * fChange[a]!;
      create += sValue[k]! * fCreate[a]!;
    }
    const base = T + pi * S;
    out[base] += change;
    out[base + 1] += create;
    out[base + 2] += change - create;
  }
  out[0] += w * tImport;
  out[1] += w * tDiv;
  out[2] += w * tCost;
  out[3] += w * tRev;
  out[5] += w * (tCost - tRev);
  out[6] += w * (tRev - tCost);
}

/** The elasticities of draw d (its own seeded stream, so any split of the draws over threads gives the same draws). */
export function drawElasticities(
  p: PeProblem,
  seed: number,
  d: number,
  sigma: Float64Array,
  demand: Float64Array,
  factor = new Float64Array(p.groups),
  own = new Float64Array(p.demandMean.length),
): number {
  const rand = rngFor(seed, d);
  for (let gi = 0; gi < p.groups; gi++) factor[gi] = Math.exp(SPREAD.sigmaLogSd * normal(rand));
  const eps = Math.max(SPREAD.demandMin, p.demandDefault + SPREAD.demandSd * normal(rand));
  const supply = Number.isFinite(p.supply) ? p.supply * Math.exp(SPREAD.supplyLogSd * normal(rand)) : Infinity;
  // estimates with their own standard error are drawn after the shared values, so a problem without such
  // estimates (e.g. a flat ε_m) draws exactly what it drew before they were added
  for (let j = 0; j < own.length; j++)
    own[j] = Math.max(SPREAD.demandMin, p.demandMean[j]! + p.demandSe[j]! * normal(rand));
  for (let g = 0; g < sigma.length; g++) {
    sigma[g] = p.sigma[g]! * factor[p.group[g]!]!;
    const j = p.demandGroup[g]!;
    demand[g] = j >= 0 ? own[j]! : eps;
  }
  return supply;
}

/** Draws [from, to): the aggregates of each draw, summed over the problem's segments with their weights. */
export function runDraws(p: PeProblem, seed: number, from: number, to: number): Float64Array {
  const K = aggregateLength(p);
  const result = new Float64Array((to - from) * K);
  const nProducts = p.start.length - 1;
  const sigma = new Float64Array(nProducts);
  const demand = new Float64Array(nProducts);
  const factor = new Float64Array(p.groups);
  const own = new Float64Array(p.demandMean.length);
  const out = new Float64Array(K);
  const flat = !Number.isFinite(p.supply);
  const prepared = flat ? p.segments.map((seg) => prepareFlat(p, seg)) : [];
  const works: Array<ReturnType<typeof evaluateOnce> | undefined> = p.segments.map(() => undefined);
  const one = new Float64Array(K);
  for (let d = from; d < to; d++) {
    const supply = drawElasticities(p, seed, d, sigma, demand, factor, own);
    out.fill(0);
    p.segments.forEach((seg, i) => {
      if (flat) return addFlat(p, prepared[i]!, sigma, demand, out, seg.weight);
      works[i] = evaluateOnce(p, seg, sigma, demand, supply, one, works[i]);
      for (let k = 0; k < K; k++) out[k] += seg.weight * one[k]!;
    });
    result.set(out, (d - from) * K);
  }
  return result;
}
