// The impact models on the shipped data and the real ledger: the 2018–19 war against the literature's sign and
// size, the no-deal scenario over the Busan truce in PE (with seeded bands on worker threads) and GE.
import { beforeAll, describe, expect, it } from 'vitest';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { impactQuery } from '../../src/service/impact.js';
import { tariffCross, averageBySupplier, type TariffCross } from '../../src/impact/tariffs.js';
import { loadDemand, loadSigmas, type DemandTable, type SigmaTable } from '../../src/impact/elasticities.js';
import { runPe } from '../../src/impact/pe-run.js';

let ctx: TradewarContext;
let sigmas: SigmaTable;
let demandTable: DemandTable;
let war: TariffCross;

beforeAll(async () => {
  ctx = await openContext();
  sigmas = await loadSigmas(ctx.data);
  demandTable = await loadDemand(ctx.data);
  const rules = ctx.rules('US');
  war = await tariffCross({
    importer: 'US',
    date: '2019-12-31',
    baselineDate: '2017-12-31',
    baseline: rules,
    scenario: rules,
    data: ctx.data,
    weightSet: 'us_imports_2024',
    partners: (ctx.data.partners.get('US') ?? []).filter((p) => p !== 'US'),
  });
}, 300_000);

describe('PE on the 2018–19 war (end-2017 → end-2019 tariffs of the baseline ledger, 2024 trade)', () => {
  // ADR 0011 tabulates the figures of both import demand settings against FGKK (2020) and ARW (2019)
  it.each([
    ['Hauk (2012) import demand by NAICS', undefined],
    ['a flat import demand of 1.3', 1.3],
  ] as const)('matches the sign and size the literature reports, with %s', async (_, demand) => {
    const cn = averageBySupplier(war).find((a) => a.partner === 'CN')!;
    // FGKK (2020): US tariffs on targeted imports rose from 2.6% to 16.6%; the engine's all-lines average moves alike
    expect(cn.t0).toBeLessThan(0.04);
    expect(cn.t1).toBeGreaterThan(0.12);
    const r = await runPe(war, sigmas, { draws: 0, seed: 1, supply: Infinity, demand, demandTable });
    let m0 = 0;
    let m1 = 0;
    for (const l of r.lines)
      if (l.supplier === 'CN' && l.tariff1_pct > l.tariff0_pct + 0.01) {
        m0 += l.trade_usd;
        m1 += l.trade_usd + l.import_change_usd;
      }
    const targeted = 100 * (m1 / m0 - 1);
    // FGKK NBER WP 25638: imports from targeted countries −31.5% within products (here −34% with Hauk, −33% flat)
    expect(targeted).toBeLessThan(-20);
    expect(targeted).toBeGreaterThan(-50);
    const A = r.aggregates;
    // diversion to other suppliers is positive (ARW 2019: about $137B/yr of imports redirected)
    expect(A['total.diversion_usd']!).toBeGreaterThan(30e9);
    // buyers' loss: FGKK $51B/yr (WP: $68.8B); here about $42B
    expect(A['total.buyer_cost_usd']!).toBeGreaterThan(25e9);
    expect(A['total.buyer_cost_usd']!).toBeLessThan(100e9);
    // deadweight loss a fraction of the buyers' cost: revenue recovers most (FGKK net loss $7.2B)
    expect(A['total.deadweight_loss_usd']!).toBeGreaterThan(0);
    expect(A['total.deadweight_loss_usd']!).toBeLessThan(0.4 * A['total.buyer_cost_usd']!);
  });
});

describe('no-deal-2025-11 over busan-truce', () => {
  it('PE: imports from China fall, others gain, buyers pay, and seeded bands reproduce on worker threads', async () => {
    const a = await impactQuery(ctx, {
      scenario: 'no-deal-2025-11',
      over: 'busan-truce',
      at: '2025-12-01',
      model: 'pe',
      draws: 60,
      seed: 42,
      top: 5,
    });
    expect(a.model).toBe('pe');
    const usa = a.countries.find((c) => c.iso3 === 'USA')!;
    const chn = a.countries.find((c) => c.iso3 === 'CHN')!;
    const vnm = a.countries.find((c) => c.iso3 === 'VNM')!;
    expect(usa.buyer_cost_usd!).toBeGreaterThan(0);
    expect(usa.welfare_pct).toBeLessThan(0);
    expect(chn.export_change_usd!).toBeLessThan(0);
    expect(vnm.export_change_usd!).toBeGreaterThan(0);
    expect(vnm.diversion_usd!).toBeGreaterThan(0);
    const t = a.tariffs.find((x) => x.importer === 'USA' && x.exporter === 'CHN')!;
    expect(t.scenario_pct).toBeGreaterThan(t.baseline_pct + 50);
    expect(a.products!.length).toBe(5);
    const band = a.bands!['USA:total.buyer_cost_usd']!;
    expect(band.p5).toBeLessThan(band.p50);
    expect(band.p50).toBeLessThan(band.p95);
    expect(band.p5).toBeLessThan(usa.buyer_cost_usd!);
    expect(band.p95).toBeGreaterThan(usa.buyer_cost_usd!);
    // the same seed gives the same bands (the draws are split over worker threads; each draw has its own stream)
    const again = await impactQuery(ctx, {
      scenario: 'no-deal-2025-11',
      over: 'busan-truce',
      at: '2025-12-01',
      draws: 60,
      seed: 42,
      top: 5,
    });
    expect(again.bands).toEqual(a.bands);
  });

  it('GE: the US and China lose welfare, third countries such as Vietnam gain', async () => {
    const a = await impactQuery(ctx, {
      scenario: 'no-deal-2025-11',
      over: 'busan-truce',
      at: '2025-12-01',
      model: 'ge',
    });
    const row = (iso3: string) => a.countries.find((c) => c.iso3 === iso3)!;
    expect(row('USA').welfare_pct).toBeLessThan(0);
    expect(row('CHN').welfare_pct).toBeLessThan(0);
    expect(row('VNM').welfare_pct).toBeGreaterThan(0);
    expect(row('USA').prices_pct).toBeGreaterThan(0);
    expect(a.countries.map((c) => c.iso3)).toEqual(expect.arrayContaining(['EU', 'NON_US']));
    expect(a.countries.length).toBe(196);
  });

  it('rejects bad input with a one-line message naming the field', async () => {
    await expect(impactQuery(ctx, { at: '2025-12-01' })).rejects.toThrow(/missing scenario/);
    await expect(impactQuery(ctx, { scenario: 'busan-truce', at: '2025-12-01', model: 'cge' })).rejects.toThrow(
      /model "cge" is not one of: pe, ge/,
    );
    await expect(impactQuery(ctx, { scenario: 'busan-truce', at: '2025-12-01', draws: -3 })).rejects.toThrow(/draws/);
    await expect(impactQuery(ctx, { scenario: 'busan-truce', at: '2025-12-01', supply: 'x' })).rejects.toThrow(
      /supply/,
    );
  });
});
