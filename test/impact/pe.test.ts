// The PE model against closed forms on small markets, and the Monte Carlo's reproducibility.
import { describe, expect, it } from 'vitest';
import { allocateLines, allocateProducts, buyerLoss, solvePe, type PeMarkets } from '../../src/impact/pe.js';
import { runDraws, aggregateLength, type PeProblem } from '../../src/impact/pe-draws.js';
import { bandsOf, aggregateNames } from '../../src/impact/pe-run.js';

function market(values: number[], t0: number[], t1: number[]): PeMarkets {
  return {
    start: Int32Array.from([0, values.length]),
    value: Float64Array.from(values),
    t0: Float64Array.from(t0),
    t1: Float64Array.from(t1),
  };
}

function solve(m: PeMarkets, sigma: number, demand: number, supply = Infinity) {
  const lines = allocateLines(m.value.length);
  const products = allocateProducts(1);
  solvePe(m, { sigma: Float64Array.of(sigma), demand: Float64Array.of(demand), supply }, lines, products);
  return { lines, products };
}

describe('PE closed forms', () => {
  it('one supplier, flat supply: M1 = M0 · τ̂^(−ε) and buyers lose E0 (P̂^(1−ε) − 1)/(1−ε)', () => {
    const m = market([100], [0.1], [0.35]);
    const { lines, products } = solve(m, 3, 1.5);
    const tau = 1.35 / 1.1;
    expect(lines.value1[0]).toBeCloseTo(100 * tau ** -1.5, 10);
    expect(products.priceIndex[0]).toBeCloseTo(tau - 1, 12);
    expect(products.buyerCost[0]).toBeCloseTo((110 * (tau ** -0.5 - 1)) / -0.5, 10);
    expect(products.revenueChange[0]).toBeCloseTo(0.35 * 100 * tau ** -1.5 - 10, 10);
    // the whole change is creation, none is diversion
    expect(lines.diversion[0]).toBeCloseTo(0, 12);
  });

  it('small tariff from zero: trade creation ≈ ε_m M t (SMART, ε_x = ∞) and the loss ≈ the Harberger triangle', () => {
    const t = 0.01;
    const { lines, products } = solve(market([1000], [0], [t]), 2, 1.3);
    expect((lines.value1[0]! - 1000) / (-1.3 * 1000 * t)).toBeCloseTo(1, 1);
    const harberger = 0.5 * t * 1.3 * 1000 * t;
    expect(products.deadweight[0]! / harberger).toBeCloseTo(1, 1);
    expect(products.deadweight[0]).toBeGreaterThan(0);
  });

  it('two suppliers, fixed total (ε_m → 0): relative quantities move by τ̂^(−σ) and diversion nets to about zero', () => {
    const sigma = 4;
    const { lines } = solve(market([60, 40], [0, 0], [0.25, 0]), sigma, 1e-9);
    const qA = lines.value1[0]! / 60;
    const qB = lines.value1[1]! / 40;
    expect(qA / qB).toBeCloseTo(1.25 ** -sigma, 10);
    expect(lines.diversion[0]).toBeLessThan(0);
    expect(lines.diversion[1]).toBeGreaterThan(0);
    // CES quantities do not add exactly; the net is second order
    expect(Math.abs(lines.diversion[0]! + lines.diversion[1]!) / Math.abs(lines.diversion[0]!)).toBeLessThan(0.3);
  });

  it('finite export supply: the world price falls by τ̂^(−ε_m/(ε_x+ε_m)) with one supplier', () => {
    const eM = 1.5;
    const eX = 2;
    const { lines, products } = solve(market([100], [0], [0.2]), 3, eM, eX);
    const x = 1.2 ** (-eM / (eX + eM));
    expect(1 + lines.worldPrice[0]!).toBeCloseTo(x, 8);
    expect(lines.value1[0]).toBeCloseTo(100 * x * x ** eX, 6);
    expect(products.foreignSurplus[0]).toBeCloseTo((100 * (x ** (1 + eX) - 1)) / (1 + eX), 6);
    // buyers pay less than the full tariff: incomplete pass-through
    expect(products.priceIndex[0]).toBeLessThan(0.2);
  });

  it('buyers lose log P̂ · E0 at unit elasticity', () => {
    expect(buyerLoss(100, 1.1, 1)).toBeCloseTo(100 * Math.log(1.1), 12);
  });
});

describe('PE Monte Carlo', () => {
  const problem: PeProblem = {
    start: Int32Array.from([0, 2, 3]),
    value: Float64Array.from([60, 40, 10]),
    segments: [{ t0: Float64Array.from([0.1, 0.1, 0]), t1: Float64Array.from([0.6, 0.1, 0.25]), weight: 1 }],
    partner: Int32Array.from([0, 1, 0]),
    nPartners: 2,
    section: Int32Array.from([15, 0]),
    sigma: Float64Array.from([3, 2]),
    group: Int32Array.from([0, 1]),
    groups: 2,
    demand: Float64Array.from([1.3, 1.3]),
    demandGroup: Int32Array.from([-1, -1]),
    demandMean: new Float64Array(0),
    demandSe: new Float64Array(0),
    demandDefault: 1.3,
    supply: Infinity,
  };
  it('is seeded: the same seed gives the same draws whatever the split, another seed differs', () => {
    const all = runDraws(problem, 7, 0, 40);
    const K = aggregateLength(problem);
    const split = new Float64Array(40 * K);
    split.set(runDraws(problem, 7, 0, 13), 0);
    split.set(runDraws(problem, 7, 13, 40), 13 * K);
    expect([...split]).toEqual([...all]);
    expect([...runDraws(problem, 8, 0, 40)]).not.toEqual([...all]);
  });
  it('bands are ordered and bracket the central estimate of the buyers’ cost', () => {
    const draws = 400;
    const names = aggregateNames(['CN', 'VN']);
    const bands = bandsOf(runDraws(problem, 1, 0, draws), draws, names);
    const b = bands['total.buyer_cost_usd']!;
    expect(b.p5).toBeLessThan(b.p50);
    expect(b.p50).toBeLessThan(b.p95);
    expect(bands['VN.diversion_usd']!.p5).toBeGreaterThan(0); // VN gains from the tariff on CN in every draw
  });
});
