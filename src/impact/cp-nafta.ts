// The Caliendo–Parro (2015) NAFTA reproduction: the 31 × 40 model on the authors' 1993 data (read in place from
// the raw mirror), a baseline with 1993 tariffs and balanced trade (deficits set to zero, as the paper's section
// 5.1), and the counterfactual in which the three NAFTA members charge each other their 2005 tariffs in both
// directions (every other pair keeps its 1993 tariff). Welfare is the paper's measure: the terms-of-trade plus the
// volume-of-trade effect at the baseline's flows; the exact change of real income is reported beside it.
import { performance } from 'node:perf_hooks';
import { loadCpData } from './cp-data.js';
import { calibrateCp, compareCp, solveCp, type CpBase, type CpSolution } from './ge-sectors.js';
import type { ImpactCountry, PublishedFigure, Replication, ReplicationSpec } from './replications.js';

export const NAFTA = ['MEX', 'CAN', 'USA'];

export const CP_NAFTA: ReplicationSpec = {
  name: 'cp-2015-nafta',
  title:
    'Caliendo–Parro (2015) NAFTA: 31 countries × 40 sectors (1993 data, input–output links), MEX/CAN/USA tariffs on each other 1993 → 2005, balanced trade',
  source:
    'Caliendo and Parro (2015, Review of Economic Studies 82(1)), table "Welfare effects from NAFTA’s tariff reductions"',
};

/** The NAFTA tariff change: the members' 2005 tariffs on each other (both directions), 1993 for all other pairs. */
export function naftaTariffs(base: CpBase, tariffs2005: Float64Array): Float64Array {
  const { n: N } = base;
  const tau = Float64Array.from(base.tau);
  const members = NAFTA.map((c) => base.iso3.indexOf(c));
  for (let s = 0; s < base.tradable; s++)
    for (const m of members)
      for (const i of members) if (m !== i) tau[(s * N + m) * N + i] = tariffs2005[(s * N + m) * N + i]! / 100;
  return tau;
}

export interface CpNaftaRun {
  base: CpBase;
  baseline: CpSolution;
  counterfactual: CpSolution;
}

export function solveCpNafta(source: string): CpNaftaRun {
  const data = loadCpData(source);
  const base = calibrateCp(data);
  const balanced = new Float64Array(base.n);
  const baseline = solveCp(base, base.tau, balanced);
  const counterfactual = solveCp(base, naftaTariffs(base, data.tariffs2005), balanced, { start: baseline });
  return { base, baseline, counterfactual };
}

export function runCpNafta(source: string): Replication {
  const t0 = performance.now();
  const { base, baseline, counterfactual } = solveCpNafta(source);
  const solve_ms = performance.now() - t0;
  const r = compareCp(base, counterfactual, baseline);
  const countries: ImpactCountry[] = base.iso3.map((iso3, i) => ({
    iso3,
    welfare_pct: r.welfarePct[i]!,
    terms_of_trade_pct: r.termsOfTradePct[i]!,
    volume_of_trade_pct: r.volumeOfTradePct[i]!,
    real_income_pct: r.realIncomePct[i]!,
    real_wage_pct: r.realWagePct[i]!,
    prices_pct: r.pricesPct[i]!,
    exports_pct: r.exportsPct[i]!,
    imports_pct: r.importsPct[i]!,
  }));
  const pub = (iso3: string, field: PublishedFigure['field'], value: number): PublishedFigure => ({
    iso3,
    field,
    value,
    decimals: 2,
    source: CP_NAFTA.source,
  });
  return {
    name: CP_NAFTA.name,
    title: CP_NAFTA.title,
    settings: {
      countries: base.n,
      sectors: `${base.J} (${base.tradable} tradable)`,
      theta: 'by tradable sector from the authors’ T.txt; 8.22 for non-tradables',
      tariffs: 'MEX, CAN, USA on each other: 1993 → 2005 (both directions); all other pairs 1993',
      deficits: 'zero in baseline and counterfactual (both solved from the 1993 data)',
      numeraire: 'world value added',
      welfare:
        'terms of trade + volume of trade at the baseline’s flows (the paper’s measure); real_income_pct is the exact change of I/P',
      baseline_iterations: baseline.iterations,
      counterfactual_iterations: counterfactual.iterations,
    },
    countries,
    published: [
      pub('MEX', 'welfare_pct', 1.31),
      pub('MEX', 'terms_of_trade_pct', -0.41),
      pub('MEX', 'volume_of_trade_pct', 1.72),
      pub('CAN', 'welfare_pct', -0.06),
      pub('USA', 'welfare_pct', 0.08),
    ],
    solve_ms,
  };
}
