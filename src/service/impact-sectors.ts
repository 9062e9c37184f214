// `impact --model ge-sectors`: the engine's US–China tariffs averaged by Caliendo–Parro sector and direction, fed to
// the CP multi-sector model on the authors' 1993 world (read in place from the raw mirror), scenario over baseline.
import { performance } from 'node:perf_hooks';
import type { TariffCross } from '../impact/tariffs.js';
import { cpSectorOfHs } from '../impact/cp-sectors.js';
import { CP_TRADABLE } from '../impact/cp-data.js';
import { compareCp, cpModel, sectorOutcomes, solveUsChina, type CpModel } from '../impact/ge-sectors-world.js';
import type { ImpactAnswer, ImpactCountryRow, ImpactSectorRow, ImpactTariff } from '../contract/impact.js';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

interface SectorAverages {
  trade: Float64Array;
  t0: Float64Array; // NaN where no trade maps to the sector
  t1: Float64Array;
}

/** Trade-weighted baseline and scenario rates by CP tradable sector over one supplier's lines of a cross-section. */
export function sectorAverages(cross: TariffCross, supplier: string): SectorAverages {
  const p = cross.partners.indexOf(supplier);
  const trade = new Float64Array(CP_TRADABLE);
  const t0 = new Float64Array(CP_TRADABLE);
  const t1 = new Float64Array(CP_TRADABLE);
  for (let g = 0; g < cross.products.length; g++) {
    const s = cpSectorOfHs(cross.products[g]!);
    if (s === undefined) continue;
    for (let k = cross.start[g]!; k < cross.start[g + 1]!; k++) {
      if (cross.partner[k] !== p) continue;
      const v = cross.value[k]!;
      trade[s] += v;
      t0[s] += v * cross.t0[k]!;
      t1[s] += v * cross.t1[k]!;
    }
  }
  for (let s = 0; s < CP_TRADABLE; s++) {
    t0[s] = trade[s]! > 0 ? t0[s]! / trade[s]! : NaN;
    t1[s] = trade[s]! > 0 ? t1[s]! / trade[s]! : NaN;
  }
  return { trade, t0, t1 };
}

export interface GeSectorsInput {
  us: TariffCross;
  cn: TariffCross;
  scenario: string;
  baseline: string;
  date: string;
  tariffs: ImpactTariff[];
  source: string;
  started: number;
  progress?: (done: number, total: number) => void;
}

function countryRows(m: CpModel, cmp: ReturnType<typeof compareCp>, income: Float64Array): ImpactCountryRow[] {
  const rows: ImpactCountryRow[] = m.base.iso3.map((iso3, i) => ({
    iso3,
    welfare_pct: cmp.realIncomePct[i]!,
    prices_pct: cmp.pricesPct[i]!,
    real_wage_pct: cmp.realWagePct[i]!,
    exports_pct: cmp.exportsPct[i]!,
    imports_pct: cmp.importsPct[i]!,
    terms_of_trade_pct: cmp.termsOfTradePct[i]!,
    volume_of_trade_pct: cmp.volumeOfTradePct[i]!,
  }));
  // NON_US: weighted by baseline income, as the one-sector model's aggregates
  const others = rows.map((_, i) => i).filter((i) => i !== m.us);
  const w = others.reduce((s, i) => s + income[i]!, 0);
  const avg = (key: keyof ImpactCountryRow) =>
    others.reduce((s, i) => s + income[i]! * (rows[i]![key] as number), 0) / w;
  rows.push({
    iso3: 'NON_US',
    welfare_pct: avg('welfare_pct'),
    prices_pct: avg('prices_pct'),
    real_wage_pct: avg('real_wage_pct'),
    exports_pct: avg('exports_pct'),
    imports_pct: avg('imports_pct'),
    terms_of_trade_pct: avg('terms_of_trade_pct'),
    volume_of_trade_pct: avg('volume_of_trade_pct'),
  });
  return rows;
}

export function geSectorsAnswer(input: GeSectorsInput): ImpactAnswer {
  const { us, cn, source } = input;
  const m = cpModel(source);
  const usAvg = sectorAverages(us, 'CN');
  const cnAvg = sectorAverages(cn, 'US');
  const work = Math.max(us.products.length, 1);
  const done = work * 1.25;
  input.progress?.(done, done + 2 * work * 0.3);
  const b = solveUsChina(m, source, { usOnCn: usAvg.t0, cnOnUs: cnAvg.t0 });
  input.progress?.(done + work * 0.3, done + 2 * work * 0.3);
  const a = solveUsChina(m, source, { usOnCn: usAvg.t1, cnOnUs: cnAvg.t1 }, b);
  input.progress?.(done + 2 * work * 0.3, done + 2 * work * 0.3);
  const cmp = compareCp(m.base, a, b);
  const outcomes = sectorOutcomes(m, cmp);
  const N = m.base.n;
  const fed = (sol: typeof a, importer: number, exporter: number, s: number) =>
    100 * sol.tau[(s * N + importer) * N + exporter]!;
  const sectors: ImpactSectorRow[] = outcomes.map((o, s) => ({
    sector: m.base.sectors[s]!,
    tariffs_from: usAvg.trade[s]! > 0 || cnAvg.trade[s]! > 0 ? 'engine' : '1993 data',
    us_on_cn_baseline_pct: r4(fed(b, m.us, m.cn, s)),
    us_on_cn_scenario_pct: r4(fed(a, m.us, m.cn, s)),
    cn_on_us_baseline_pct: r4(fed(b, m.cn, m.us, s)),
    cn_on_us_scenario_pct: r4(fed(a, m.cn, m.us, s)),
    us_imports_from_cn_usd: Math.round(usAvg.trade[s]!),
    cn_imports_from_us_usd: Math.round(cnAvg.trade[s]!),
    us_imports_from_cn_pct: r4(o.usImportsFromCnPct),
    cn_imports_from_us_pct: r4(o.cnImportsFromUsPct),
    us_output_pct: r4(o.usOutputPct),
    cn_output_pct: r4(o.cnOutputPct),
  }));
  const kept = sectors.filter((s) => s.tariffs_from === '1993 data').map((s) => s.sector);
  return {
    model: 'ge-sectors',
    scenario: input.scenario,
    baseline: input.baseline,
    date: input.date,
    countries: countryRows(m, cmp, b.income),
    // only the US–China pairs are fed to this model (all lines; by sector in `sectors`)
    tariffs: input.tariffs.filter(
      (t) => (t.importer === 'USA' && t.exporter === 'CHN') || (t.importer === 'CHN' && t.exporter === 'USA'),
    ),
    sectors,
    parameters: {
      data: 'Caliendo–Parro (2015) world of 1993: 31 economies × 40 sectors (20 tradable), input–output links',
      base_year: 1993,
      theta: 'CP sectoral θ (T.txt); 8.22 for non-tradables',
      deficits: 0,
      numeraire: 'world value added',
      baseline_iterations: b.iterations,
      scenario_iterations: a.iterations,
    },
    notes: [
      'DATA VINTAGE: the multi-sector model runs on the Caliendo–Parro world of 1993 (trade, production and input–output shares of 1993, 31 economies with the rest of the world as one): it says how a 1993-shaped world economy reacts to today’s US–China tariffs, not how today’s does — China’s weight in world trade and in US imports is far smaller in 1993 than now, so effects on China and on third countries are understated',
      'US tariffs on China and China’s on the US by CP tradable sector are the engine’s trade-weighted averages (2024 US imports from China; 2024 US exports to China) under each scenario, HS → sector by this project’s approximate chapter/heading mapping (src/impact/cp-sectors.ts); every other pair keeps its 1993 tariff; baseline and scenario are solved from the same data with balanced trade (as the paper’s NAFTA exercise) and the scenario reported relative to the baseline',
      'welfare_pct is the exact change of real income (income over the consumer price index); terms_of_trade_pct and volume_of_trade_pct are Caliendo–Parro’s first-order decomposition at baseline flows, which overstates large changes',
      ...(kept.length ? [`no 2024 trade maps to ${kept.join(', ')}: the 1993 rates are kept there`] : []),
    ],
    elapsed_ms: Math.round(performance.now() - input.started),
  };
}
