// Caliendo–Parro (2015) multi-sector GE on the authors' 1993 data, read in place from the raw mirror: the NAFTA
// welfare table as printed, the decomposition's first-order nature, and the solver's equilibrium conditions.
import { beforeAll, describe, expect, it } from 'vitest';
import { runReplication, REPLICATIONS } from '../../src/impact/replications.js';
import { loadCpData } from '../../src/impact/cp-data.js';
import { calibrateCp, compareCp, cpFlows, solveCp } from '../../src/impact/ge-sectors.js';
import { naftaTariffs, solveCpNafta, type CpNaftaRun } from '../../src/impact/cp-nafta.js';
import { projectPath } from '../../src/util/paths.js';

const SOURCE = projectPath('..', 'shared', 'data');

describe('cp-2015-nafta', () => {
  let rep: ReturnType<typeof runReplication>;
  let run: CpNaftaRun;
  beforeAll(() => {
    rep = runReplication('cp-2015-nafta', SOURCE);
    run = solveCpNafta(SOURCE);
  }, 120_000);

  it('is listed', () => {
    expect(REPLICATIONS.map((r) => r.name)).toContain('cp-2015-nafta');
  });

  it('matches every published figure as printed (Mexico +1.31 = ToT −0.41 + VoT 1.72, Canada −0.06, USA +0.08)', () => {
    expect(rep.published.length).toBe(5);
    for (const p of rep.published) {
      const got = rep.countries.find((c) => c.iso3 === p.iso3)![p.field]!;
      expect(Math.abs(got - p.value), `${p.iso3} ${p.field}: ${got}`).toBeLessThanOrEqual(0.005);
      expect(Number(got.toFixed(2))).toBe(p.value);
    }
  });

  it('welfare is the sum of the terms-of-trade and volume-of-trade effects, for all 31 economies', () => {
    expect(rep.countries.length).toBe(31);
    for (const c of rep.countries)
      expect(c.welfare_pct).toBeCloseTo(c.terms_of_trade_pct! + c.volume_of_trade_pct!, 10);
  });

  it('both equilibria clear: every trade imbalance below 1e-10 of value added, deficits zero, world value added kept', () => {
    for (const s of [run.baseline, run.counterfactual]) {
      expect(s.imbalance).toBeLessThan(1e-10);
      const flows = cpFlows(run.base, s);
      const { n: N, J } = run.base;
      for (let m = 0; m < N; m++) {
        let im = 0;
        let ex = 0;
        for (let j = 0; j < J; j++)
          for (let i = 0; i < N; i++) {
            if (i === m) continue;
            im += flows[(j * N + m) * N + i]!;
            ex += flows[(j * N + i) * N + m]!;
          }
        expect(Math.abs(im - ex) / run.base.VA[m]!).toBeLessThan(1e-9);
      }
      const world = run.base.VA.reduce((a, v, m) => a + v * s.wHat[m]!, 0);
      expect(world / run.base.VA.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
    }
  });

  it('the decomposition is first order: for a small step of the NAFTA change it equals the exact real-income change', () => {
    const data = loadCpData(SOURCE);
    const base = calibrateCp(data);
    const full = naftaTariffs(base, data.tariffs2005);
    const step = 0.02;
    const tau = base.tau.map((t, k) => t + step * (full[k]! - t));
    const b = run.baseline;
    const a = solveCp(base, tau, new Float64Array(base.n), { start: b });
    const r = compareCp(base, a, b);
    for (const iso3 of ['MEX', 'CAN', 'USA']) {
      const i = base.iso3.indexOf(iso3);
      const dec = r.welfarePct[i]!;
      const exact = r.realIncomePct[i]!;
      expect(Math.abs(dec - exact), iso3).toBeLessThan(0.05 * Math.abs(exact) + 1e-5);
    }
    // while for the full change the first-order measure overstates Mexico's gain (volume of trade valued at the
    // 1993 tariffs): the exact change of real income is far smaller
    const mex = rep.countries.find((c) => c.iso3 === 'MEX')!;
    expect(mex.real_income_pct!).toBeLessThan(mex.welfare_pct - 1);
  }, 60_000);

  it('the NAFTA members trade more with each other: US imports from Mexico rise, Mexico’s real wage rises', () => {
    const { base, baseline, counterfactual } = run;
    const N = base.n;
    const us = base.iso3.indexOf('USA');
    const mx = base.iso3.indexOf('MEX');
    const fb = cpFlows(base, baseline);
    const fa = cpFlows(base, counterfactual);
    let before = 0;
    let after = 0;
    for (let j = 0; j < base.tradable; j++) {
      before += fb[(j * N + us) * N + mx]!;
      after += fa[(j * N + us) * N + mx]!;
    }
    expect(after / before).toBeGreaterThan(1.2);
    expect(rep.countries.find((c) => c.iso3 === 'MEX')!.real_wage_pct!).toBeGreaterThan(1);
  });
});
