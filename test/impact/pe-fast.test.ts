// The flat-supply fast path of the Monte Carlo draws against the general per-line solver, the window segments'
// weighting, and per-industry import demand estimates (Hauk 2012) with their own draws.
import { describe, expect, it } from 'vitest';
import {
  addFlat,
  aggregateLength,
  drawElasticities,
  evaluateOnce,
  prepareFlat,
  runDraws,
  type PeProblem,
} from '../../src/impact/pe-draws.js';
import { demandPerProduct, rngFor, type DemandTable } from '../../src/impact/elasticities.js';

/** A random market: `n` products, up to 6 suppliers each, a tariff change on some suppliers of some products. */
function randomProblem(seed: number, n: number, sigmaOne = false): PeProblem {
  const rand = rngFor(seed, 0);
  const start = [0];
  const value: number[] = [];
  const partner: number[] = [];
  const t0: number[] = [];
  const t1: number[] = [];
  for (let g = 0; g < n; g++) {
    const k = 1 + Math.floor(rand() * 6);
    const moves = rand() < 0.7;
    for (let j = 0; j < k; j++) {
      value.push(1 + 1000 * rand());
      partner.push(j);
      const base = rand() < 0.3 ? 0 : 0.5 * rand();
      t0.push(base);
      t1.push(moves && (j === 0 || rand() < 0.3) ? base + rand() : base);
    }
    start.push(value.length);
  }
  const sigma = Float64Array.from({ length: n }, (_, g) => (sigmaOne && g % 5 === 0 ? 1 : 0.5 + 6 * rand()));
  const demandGroup = Int32Array.from({ length: n }, (_, g) => (g % 3 === 0 ? -1 : g % 4));
  return {
    start: Int32Array.from(start),
    value: Float64Array.from(value),
    partner: Int32Array.from(partner),
    nPartners: 6,
    segments: [{ t0: Float64Array.from(t0), t1: Float64Array.from(t1), weight: 1 }],
    section: Int32Array.from({ length: n }, (_, g) => g % 21),
    sigma,
    group: Int32Array.from({ length: n }, (_, g) => g % 7),
    groups: 7,
    demand: Float64Array.from({ length: n }, (_, g) => (g % 3 === 0 ? 1.3 : 0.4 + g / n)),
    demandGroup,
    demandMean: Float64Array.of(0.8, 1.6, 1, 2.5),
    demandSe: Float64Array.of(0.2, 0.5, 0.1, 0.3),
    demandDefault: 1.3,
    supply: Infinity,
  };
}

function close(a: Float64Array, b: Float64Array, rel = 1e-10) {
  const scale = Math.max(1, ...[...b].map(Math.abs));
  for (let k = 0; k < a.length; k++) expect(Math.abs(a[k]! - b[k]!) / scale).toBeLessThan(rel);
}

describe('PE fast path (flat export supply)', () => {
  for (const [label, sigmaOne] of [
    ['σ ≠ 1', false],
    ['some σ = 1', true],
  ] as const)
    it(`gives the general solver's aggregates on random markets (${label})`, () => {
      const p = randomProblem(3, 400, sigmaOne);
      const K = aggregateLength(p);
      const nP = p.start.length - 1;
      const sigma = new Float64Array(nP);
      const demand = new Float64Array(nP);
      for (let d = 0; d < 5; d++) {
        drawElasticities(p, 11, d, sigma, demand);
        const general = new Float64Array(K);
        evaluateOnce(p, p.segments[0]!, sigma, demand, Infinity, general);
        const fast = new Float64Array(K);
        addFlat(p, prepareFlat(p, p.segments[0]!), sigma, demand, fast, 1);
        close(fast, general);
        // the buyers' cost and the supplier split are not trivially zero
        expect(Math.abs(general[2]!)).toBeGreaterThan(1);
      }
    });

  it('weights segments: two half-weight copies of a segment give the segment, a zero-change segment adds nothing', () => {
    const p = randomProblem(5, 200);
    const seg = p.segments[0]!;
    const K = aggregateLength(p);
    const one = runDraws(p, 9, 0, 6);
    const halves = runDraws(
      {
        ...p,
        segments: [
          { ...seg, weight: 0.5 },
          { ...seg, weight: 0.5 },
        ],
      },
      9,
      0,
      6,
    );
    close(halves, one, 1e-12);
    const still = { t0: seg.t0, t1: seg.t0, weight: 0.25 };
    const mixed = runDraws({ ...p, segments: [{ ...seg, weight: 0.75 }, still] }, 9, 0, 6);
    close(
      mixed,
      one.map((x) => 0.75 * x),
      1e-12,
    );
    expect(one.length).toBe(6 * K);
  });

  it('finite export supply goes through the general solver and stays seeded', () => {
    const p = { ...randomProblem(7, 60), supply: 3 };
    const a = runDraws(p, 2, 0, 8);
    const b = new Float64Array(a.length);
    b.set(runDraws(p, 2, 0, 3), 0);
    b.set(runDraws(p, 2, 3, 8), 3 * aggregateLength(p));
    expect([...b]).toEqual([...a]);
  });
});

describe('import demand by industry (Hauk 2012)', () => {
  const table: DemandTable = {
    byNaics: new Map([
      ['334111', { elasticity: 2.1, se: 0.4 }],
      ['3341', { elasticity: 1.7, se: 0.3 }],
      ['3152', { elasticity: 0.9, se: 0.1 }],
    ]),
    naicsOf: new Map([
      ['8471300100', '334111'], // NAICS6 estimate
      ['8471500150', '334118'], // no NAICS6 estimate: its NAICS4
      ['6110203079', '315240'], // NAICS4 only
      ['0101210010', '112920'], // no estimate: the default
    ]),
    source: 'fixture',
  };
  const codes = ['0101210010', '6110203079', '8471300100', '8471500150', '9999999999'];

  it('takes NAICS6 where estimated, else NAICS4, else the default; one draw group per estimate', () => {
    const d = demandPerProduct(codes, table, 'US', 1.3);
    expect([...d.demand]).toEqual([1.3, 0.9, 2.1, 1.7, 1.3]);
    expect([...d.level]).toEqual([0, 4, 6, 4, 0]);
    expect(d.group[0]).toBe(-1);
    expect(d.group[4]).toBe(-1);
    expect([...d.mean]).toEqual([0.9, 2.1, 1.7]);
    expect([...d.se]).toEqual([0.1, 0.4, 0.3]);
    // other importers and a flat value ignore the table
    expect([...demandPerProduct(codes, table, 'CN', 1.3).demand]).toEqual([1.3, 1.3, 1.3, 1.3, 1.3]);
    expect([...demandPerProduct(codes, undefined, 'US', 2).demand]).toEqual([2, 2, 2, 2, 2]);
  });

  it('draws each estimate from N(estimate, its standard error²), lines of one industry together', () => {
    const d = demandPerProduct(codes, table, 'US', 1.3);
    const p: PeProblem = {
      ...randomProblem(1, codes.length),
      demand: d.demand,
      demandGroup: d.group,
      demandMean: d.mean,
      demandSe: d.se,
    };
    const n = 4000;
    const sums = new Float64Array(codes.length);
    const sq = new Float64Array(codes.length);
    const sigma = new Float64Array(codes.length);
    const demand = new Float64Array(codes.length);
    for (let k = 0; k < n; k++) {
      drawElasticities(p, 5, k, sigma, demand);
      expect(demand[0]).toBe(demand[4]); // both default lines share the default draw
      for (let g = 0; g < codes.length; g++) {
        sums[g] += demand[g]!;
        sq[g] += demand[g]! ** 2;
      }
    }
    const mean = (g: number) => sums[g]! / n;
    const sd = (g: number) => Math.sqrt(sq[g]! / n - mean(g) ** 2);
    expect(mean(2)).toBeCloseTo(2.1, 1);
    expect(sd(2)).toBeCloseTo(0.4, 1);
    expect(mean(1)).toBeCloseTo(0.9, 1);
    expect(sd(1)).toBeCloseTo(0.1, 1);
    expect(mean(0)).toBeCloseTo(1.3, 1);
    expect(sd(0)).toBeCloseTo(0.3, 1);
  });
});
