// PE over a window on the shipped data and the real ledger: no-deal-2025-11 over busan-truce across the start of the
// extra 100% (2025-11-01) and the truce date (2025-11-10); Hauk's import demand estimates on the shipped tables; the
// fast draws against the general solver on the real panel.
import { beforeAll, describe, expect, it } from 'vitest';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { impactQuery, type ImpactAnswer } from '../../src/service/impact.js';
import { contextForScenario } from '../../src/service/scenarios.js';
import { tariffCross, type TariffCross } from '../../src/impact/tariffs.js';
import { loadDemand, loadSigmas, type DemandTable, type SigmaTable } from '../../src/impact/elasticities.js';
import { buildProblem, runPe } from '../../src/impact/pe-run.js';
import { addFlat, aggregateLength, drawElasticities, evaluateOnce, prepareFlat } from '../../src/impact/pe-draws.js';

let ctx: TradewarContext;
let sigmas: SigmaTable;
let demand: DemandTable;
let noDeal: TariffCross;

const PAIR = { scenario: 'no-deal-2025-11', over: 'busan-truce' };

beforeAll(async () => {
  ctx = await openContext();
  sigmas = await loadSigmas(ctx.data);
  demand = await loadDemand(ctx.data);
  const [a, b] = [await contextForScenario(ctx, PAIR.scenario), await contextForScenario(ctx, PAIR.over)];
  noDeal = await tariffCross({
    importer: 'US',
    date: '2025-12-01',
    baseline: b.rules('US'),
    scenario: a.rules('US'),
    data: ctx.data,
    weightSet: 'us_imports_2024',
    partners: (ctx.data.partners.get('US') ?? []).filter((p) => p !== 'US'),
  });
}, 300_000);

const row = (a: ImpactAnswer, iso3: string) => a.countries.find((c) => c.iso3 === iso3);

describe('PE over a window spanning the 100% start and the truce date', () => {
  let win: ImpactAnswer;
  beforeAll(async () => {
    win = await impactQuery(ctx, { ...PAIR, from: '2025-10-25', to: '2025-11-24', top: 0 });
  }, 300_000);

  it('cuts the window at the change dates; the intervals cover it and their weights add to one', () => {
    const w = win.window!;
    expect(w.days).toBe(31);
    const starts = w.intervals.map((i) => i.from);
    expect(starts[0]).toBe('2025-10-25');
    expect(starts).toEqual(expect.arrayContaining(['2025-11-01', '2025-11-10']));
    expect(w.intervals.reduce((s, i) => s + i.days, 0)).toBe(31);
    expect(w.intervals[w.intervals.length - 1]!.until).toBe('2025-11-25');
    for (let i = 1; i < w.intervals.length; i++) expect(w.intervals[i]!.from).toBe(w.intervals[i - 1]!.until);
    expect(w.intervals.reduce((s, i) => s + i.weight, 0)).toBeCloseTo(1, 3);
  });

  it('annualised = the day-weighted mean of the dates priced one by one; totals = annualised × days/365', async () => {
    const w = win.window!;
    const at = await Promise.all(w.intervals.map((i) => impactQuery(ctx, { ...PAIR, at: i.from, top: 0 })));
    // before the extra 100% the two scenarios charge the same: nothing happens
    expect(row(at[0]!, 'USA')!.buyer_cost_usd).toBe(0);
    for (const [iso3, field] of [
      ['USA', 'buyer_cost_usd'],
      ['USA', 'import_change_usd'],
      ['CHN', 'revenue_change_usd'],
      ['VNM', 'export_change_usd'],
    ] as const) {
      const mean = w.intervals.reduce((s, i, k) => s + (i.days / w.days) * (row(at[k]!, iso3)?.[field] ?? 0), 0);
      const got = row(win, iso3)![field]!;
      expect(Math.abs(got - mean)).toBeLessThan(1e-6 * Math.abs(mean) + w.intervals.length);
      const total = w.countries.find((c) => c.iso3 === iso3)![field]!;
      expect(Math.abs(total - (got * w.days) / 365)).toBeLessThanOrEqual(1);
    }
    // the window is worse for US buyers than its quiet start, milder than a month wholly under the 100%
    const late = row(at[at.length - 1]!, 'USA')!.buyer_cost_usd!;
    expect(row(win, 'USA')!.buyer_cost_usd!).toBeGreaterThan(0);
    expect(row(win, 'USA')!.buyer_cost_usd!).toBeLessThan(late);
  }, 300_000);

  it('a window without a change date gives the answer at its first day', async () => {
    const a = await impactQuery(ctx, { ...PAIR, from: '2025-12-01', to: '2025-12-10', top: 3 });
    const b = await impactQuery(ctx, { ...PAIR, at: '2025-12-01', top: 3 });
    expect(a.window!.intervals).toHaveLength(1);
    expect(a.countries).toEqual(b.countries);
    expect(a.products).toEqual(b.products);
    expect(a.window!.countries.find((c) => c.iso3 === 'USA')!.buyer_cost_usd).toBe(
      Math.round((row(b, 'USA')!.buyer_cost_usd! * 10) / 365),
    );
  }, 300_000);

  it('gives seeded bands over the window', async () => {
    const a = await impactQuery(ctx, { ...PAIR, from: '2025-10-25', to: '2025-11-24', draws: 30, seed: 4, top: 0 });
    const b = await impactQuery(ctx, { ...PAIR, from: '2025-10-25', to: '2025-11-24', draws: 30, seed: 4, top: 0 });
    const band = a.bands!['USA:total.buyer_cost_usd']!;
    expect(band.p5).toBeLessThan(band.p50);
    expect(band.p50).toBeLessThan(band.p95);
    expect(b.bands).toEqual(a.bands);
  }, 300_000);

  it('rejects a bad window with a one-line message naming the field', async () => {
    const q = (extra: Record<string, string>) => impactQuery(ctx, { ...PAIR, ...extra });
    await expect(q({ at: '2025-12-01', from: '2025-11-01', to: '2025-11-30' })).rejects.toThrow(/either --at/);
    await expect(q({ from: '2025-11-01' })).rejects.toThrow(/missing to/);
    await expect(q({ to: '2025-11-01' })).rejects.toThrow(/missing from/);
    await expect(q({ from: '2025-11-30', to: '2025-11-01' })).rejects.toThrow(/before from/);
    await expect(q({ from: '2020-01-01', to: '2026-01-01' })).rejects.toThrow(/at most/);
    await expect(q({ from: '2025-11-01', to: '2025-11-30', model: 'ge' })).rejects.toThrow(/PE model/);
    await expect(q({ at: '2025-12-01', demand: 'x' })).rejects.toThrow(/demand "x"/);
  });
});

describe('Hauk (2012) import demand on the shipped tables', () => {
  it('gives most US imports from China an estimate, NAICS6 first', async () => {
    const r = await runPe(noDeal, sigmas, { draws: 0, seed: 1, supply: Infinity, demandTable: demand });
    const cn = r.demandCoverage.bySupplier['CN']!;
    expect(cn.naics6_pct).toBeGreaterThan(50);
    expect(cn.naics6_pct + cn.naics4_pct).toBeGreaterThan(85);
    expect(cn.naics6_pct + cn.naics4_pct + cn.default_pct).toBeCloseTo(100, 0);
    // a flat value switches them off
    const flat = await runPe(noDeal, sigmas, { draws: 0, seed: 1, supply: Infinity, demand: 1.3, demandTable: demand });
    expect(flat.demandCoverage.all.default_pct).toBe(100);
    expect(flat.aggregates['total.buyer_cost_usd']).not.toBe(r.aggregates['total.buyer_cost_usd']);
  });

  it('the fast draws equal the general solver on the real panel', () => {
    const p = buildProblem(noDeal, sigmas, { supply: Infinity, demandTable: demand });
    const K = aggregateLength(p);
    const nP = p.start.length - 1;
    const sigma = new Float64Array(nP);
    const eps = new Float64Array(nP);
    const f = prepareFlat(p, p.segments[0]!);
    for (const d of [0, 1, 2]) {
      drawElasticities(p, 1, d, sigma, eps);
      const general = new Float64Array(K);
      evaluateOnce(p, p.segments[0]!, sigma, eps, Infinity, general);
      const fast = new Float64Array(K);
      addFlat(p, f, sigma, eps, fast, 1);
      const scale = Math.max(...[...general].map(Math.abs));
      for (let k = 0; k < K; k++) expect(Math.abs(fast[k]! - general[k]!) / scale).toBeLessThan(1e-9);
    }
  });
});
