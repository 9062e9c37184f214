// Impact of a scenario over a baseline at a date, for the command line and the API: the engine's tariffs both ways
// feed the product-level PE model (with Monte Carlo bands) or the country-level GE model; plus the published
// reproductions, which read replication data in place from the raw mirror.
import { performance } from 'node:perf_hooks';
import type { TradewarContext } from './context.js';
import { BASELINE, contextForScenario } from './scenarios.js';
import { parseChoice, parseDate, parseDateWindow, parseNumber, parseWholeNumber } from './inputs.js';
import { UserInputError } from '../util/errors.js';
import { HS_SECTIONS } from '../codes/hs-sections.js';
import { tariffCross, averageBySupplier, type TariffCross } from '../impact/tariffs.js';
import { loadSigmas, loadDemand, DEFAULT_DEMAND, SPREAD } from '../impact/elasticities.js';
import { impactWindow, type WindowSegments } from './impact-window.js';
import { runPe, type PeResult } from '../impact/pe-run.js';
import {
  EU27,
  GE_PARAMS,
  loadWorld,
  relativeOutcome,
  solveWorld,
  tariffMatrix,
  type World,
} from '../impact/ge-world.js';
import { REPLICATIONS, runReplication, type Replication, type ReplicationSpec } from '../impact/replications.js';
import type {
  ImpactAnswer,
  ImpactCountryRow,
  ImpactProductRow,
  ImpactSectionRow,
  ImpactTariff,
} from '../contract/impact.js';
export type { ImpactAnswer };

export { DEFAULT_SOURCE } from '../impact/default-source.js';
import { DEFAULT_SOURCE } from '../impact/default-source.js';
export const IMPACT_MODELS = ['pe', 'ge', 'ge-sectors'] as const;

export function listReplications(): ReplicationSpec[] {
  return REPLICATIONS;
}

export function replicate(name: string, source = DEFAULT_SOURCE): Replication {
  return runReplication(name, source);
}

export interface ImpactInput {
  scenario?: string;
  over?: string;
  at?: string;
  /** A window instead of one date (PE): first and last day, both inclusive. */
  from?: string;
  to?: string;
  model?: string;
  draws?: string | number;
  seed?: string | number;
  top?: string | number;
  supply?: string | number;
  /** ge-sectors: the raw data mirror holding model/caliendo-parro-2015 (default ../shared/data). */
  source?: string;
  /** Import demand elasticity: `hauk` (Hauk 2012 by NAICS where estimated, else 1.3; the default) or one number for every line. */
  demand?: string | number;
}

function parseInt(
  value: string | number | undefined,
  field: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined || value === '') return fallback;
  return parseWholeNumber(value, field, min, max);
}

function parseSupply(value: string | number | undefined): number {
  if (value === undefined || value === '' || value === 'inf' || value === 'infinite') return Infinity;
  return parseNumber(value, 'supply', 'a positive number (or "inf" for flat foreign supply)', (v) => v > 0);
}

function parseDemand(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '' || value === 'hauk') return undefined;
  return parseNumber(
    value,
    'demand',
    `a positive number up to 50 (or "hauk" for Hauk's estimates by industry)`,
    (v) => v > 0 && v <= 50,
  );
}

/** Longest window a PE request may price: each change date inside it is one more pass over the tariff lines. */
export const MAX_WINDOW_DAYS = 5 * 366;

function parseWindow(input: ImpactInput): { from: string; to: string } | undefined {
  const has = (v: string | undefined) => v !== undefined && v !== '';
  if (!has(input.from) && !has(input.to)) return undefined;
  if (has(input.at))
    throw new UserInputError('give either --at D (one date) or --from D --to D (a window), not both', 'at');
  if (!has(input.from)) throw new UserInputError('missing from: a window needs --from D as well as --to D', 'from');
  if (!has(input.to)) throw new UserInputError('missing to: a window needs --to D as well as --from D', 'to');
  const w = parseDateWindow(input.from, input.to) as { from: string; to: string };
  const days = (Date.parse(w.to) - Date.parse(w.from)) / 86_400_000 + 1;
  if (days > MAX_WINDOW_DAYS)
    throw new UserInputError(`the window has ${days} days: at most ${MAX_WINDOW_DAYS} (5 years) per request`, 'to');
  return w;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

async function crossSections(
  ctx: TradewarContext,
  scenario: string,
  baseline: string,
  date: string,
  progress?: (done: number, total: number) => void,
  scenarioDir?: string,
): Promise<{ us: TariffCross; cn: TariffCross }> {
  const [a, b] = [
    await contextForScenario(ctx, scenario, scenarioDir),
    await contextForScenario(ctx, baseline, scenarioDir),
  ];
  const usPartners = (ctx.data.partners.get('US') ?? []).filter((p) => p !== 'US');
  const us = await tariffCross({
    importer: 'US',
    date,
    baseline: b.rules('US'),
    scenario: a.rules('US'),
    data: ctx.data,
    weightSet: 'us_imports_2024',
    partners: usPartners,
    onProgress: (d, t) => progress?.(d, t + t / 4),
  });
  const cn = await tariffCross({
    importer: 'CN',
    date,
    baseline: b.rules('CN'),
    scenario: a.rules('CN'),
    data: ctx.data,
    weightSet: 'us_exports_cn_2024',
    partners: ['US'],
    onProgress: (d, t) =>
      progress?.(us.products.length + (d * us.products.length) / 4 / Math.max(t, 1), us.products.length * 1.25),
  });
  return { us, cn };
}

function iso3Of(ctx: TradewarContext, iso2: string): string {
  if (iso2 === 'EU') return 'EU';
  return ctx.data.countries.get(iso2)?.iso3 ?? iso2;
}

function tariffRows(ctx: TradewarContext, cross: TariffCross): ImpactTariff[] {
  return averageBySupplier(cross)
    .filter((a) => a.trade > 0)
    .map((a) => ({
      importer: iso3Of(ctx, cross.importer),
      exporter: iso3Of(ctx, a.partner),
      baseline_pct: r4(100 * a.t0),
      scenario_pct: r4(100 * a.t1),
      trade_usd: Math.round(a.trade),
    }));
}

function gdpUsd(world: World, iso3: string): number | undefined {
  if (iso3 === 'EU')
    return EU27.reduce((s, c) => s + (world.gdp[world.index.get(c) ?? -1] ?? 0), 0) * 1000 || undefined;
  const i = world.index.get(iso3);
  return i === undefined ? undefined : world.gdp[i]! * 1000;
}

function peCountries(
  ctx: TradewarContext,
  world: World,
  us: PeResult,
  cn: PeResult,
  usCross: TariffCross,
): ImpactCountryRow[] {
  const A = (r: PeResult, k: string) => r.aggregates[k] ?? 0;
  const rows: ImpactCountryRow[] = [];
  // the two importers
  for (const [iso2, r, exportsVia] of [
    ['US', us, cn],
    ['CN', cn, us],
  ] as const) {
    const iso3 = iso3Of(ctx, iso2);
    const foreign = A(exportsVia, `${iso2}.foreign_surplus_usd`);
    const welfare = A(r, 'total.welfare_change_usd') + foreign;
    const gdp = gdpUsd(world, iso3);
    rows.push({
      iso3,
      welfare_pct: gdp ? (100 * welfare) / gdp : 0,
      prices_pct: r4(r.priceIndexPct),
      real_wage_pct: null,
      welfare_usd: Math.round(welfare),
      import_change_usd: Math.round(A(r, 'total.import_change_usd')),
      export_change_usd: Math.round(A(exportsVia, `${iso2}.import_change_usd`)),
      diversion_usd: null,
      buyer_cost_usd: Math.round(A(r, 'total.buyer_cost_usd')),
      revenue_change_usd: Math.round(A(r, 'total.revenue_change_usd')),
      deadweight_loss_usd: Math.round(A(r, 'total.deadweight_loss_usd')),
    });
  }
  // other suppliers of the US: what they gain or lose in sales to the US
  for (const p of usCross.partners) {
    if (p === 'CN') continue;
    const change = A(us, `${p}.import_change_usd`);
    if (change === 0) continue;
    const iso3 = iso3Of(ctx, p);
    const surplus = A(us, `${p}.foreign_surplus_usd`);
    const gdp = gdpUsd(world, iso3);
    rows.push({
      iso3,
      welfare_pct: gdp ? (100 * surplus) / gdp : 0,
      prices_pct: null,
      real_wage_pct: null,
      welfare_usd: Math.round(surplus),
      export_change_usd: Math.round(change),
      diversion_usd: Math.round(A(us, `${p}.diversion_usd`)),
    });
  }
  return rows;
}

function sectionRows(ctx: TradewarContext, r: PeResult): ImpactSectionRow[] {
  return HS_SECTIONS.map((s) => ({
    importer: iso3Of(ctx, r.importer),
    section: s.id,
    title: s.title,
    import_change_usd: Math.round(r.aggregates[`section.${s.id}.import_change_usd`] ?? 0),
    buyer_cost_usd: Math.round(r.aggregates[`section.${s.id}.buyer_cost_usd`] ?? 0),
    revenue_change_usd: Math.round(r.aggregates[`section.${s.id}.revenue_change_usd`] ?? 0),
    deadweight_loss_usd: Math.round(r.aggregates[`section.${s.id}.deadweight_loss_usd`] ?? 0),
  })).filter((s) => s.import_change_usd !== 0 || s.buyer_cost_usd !== 0);
}

export async function impactQuery(
  ctx: TradewarContext,
  input: ImpactInput,
  progress?: (done: number, total: number) => void,
  scenarioDir?: string,
): Promise<ImpactAnswer> {
  const t0 = performance.now();
  if (!input.scenario)
    throw new UserInputError(
      'missing scenario: give --scenario NAME (see `tradewar scenario list`) or an overlay YAML path',
      'scenario',
    );
  const scenario = input.scenario;
  const baseline = input.over || BASELINE;
  const model = parseChoice(input.model, 'model', IMPACT_MODELS, 'pe');
  const window = parseWindow(input);
  if (window && model !== 'pe')
    throw new UserInputError(`a window (--from/--to) is for the PE model: give --at D for --model ${model}`, 'model');
  if (!window && (input.at === undefined || input.at === ''))
    throw new UserInputError('missing at: give a date as YYYY-MM-DD (or from and to for the PE over a window)', 'at');
  const date = window ? window.from : parseDate(input.at, 'at');
  const demand = parseDemand(input.demand);
  const draws = parseInt(input.draws, 'draws', 0, 0, 20000);
  const seed = parseInt(input.seed, 'seed', 1, 0, 2 ** 31 - 1);
  const top = parseInt(input.top, 'top', 25, 0, 100000);
  const supply = parseSupply(input.supply);
  let segs: WindowSegments | undefined;
  let us: TariffCross;
  let cn: TariffCross;
  if (window) {
    segs = await impactWindow(ctx, scenario, baseline, window.from, window.to, progress, scenarioDir);
    ({ us, cn } = segs.mean);
  } else ({ us, cn } = await crossSections(ctx, scenario, baseline, date, progress, scenarioDir));
  const world = await loadWorld(ctx.data.dir);
  const tariffs = [...tariffRows(ctx, us), ...tariffRows(ctx, cn)];
  if (model === 'ge-sectors') {
    const { geSectorsAnswer } = await import('./impact-sectors.js');
    const source = input.source || DEFAULT_SOURCE;
    return geSectorsAnswer({ us, cn, scenario, baseline, date, tariffs, source, started: t0, progress });
  }
  const notes: string[] = [];

  if (model === 'ge') {
    const avgUs = averageBySupplier(us);
    const avgCn = averageBySupplier(cn);
    const forScenario = (which: 't0' | 't1') => {
      const usOn = new Map<string, number>();
      let tr = 0;
      let tw = 0;
      for (const a of avgUs) {
        if (!a.trade) continue;
        if (a.partner !== 'CN') {
          tr += a.trade;
          tw += a.trade * a[which];
        }
        if (a.partner === 'EU') for (const c of EU27) usOn.set(c, a[which]);
        else usOn.set(iso3Of(ctx, a.partner), a[which]);
      }
      return { usOn, usDefault: tr ? tw / tr : 0, cnOnUs: avgCn[0]?.[which] ?? 0 };
    };
    const tb = forScenario('t0');
    const ta = forScenario('t1');
    const solvedB = solveWorld(world, tariffMatrix(world, tb));
    const n = world.iso3.length;
    const x0 = new Float64Array(3 * n);
    x0.set(solvedB.wHat, 0);
    x0.set(solvedB.eHat, n);
    x0.set(solvedB.lHat, 2 * n);
    const solvedA = solveWorld(world, tariffMatrix(world, ta), x0);
    const countries = relativeOutcome(world, solvedA, solvedB).map((c) => ({ ...c }));
    notes.push(
      `one-sector GE (ILSS 2025 settings: ε=${GE_PARAMS.eps}, κ=${GE_PARAMS.kappa}, revenue cuts income tax) on the 194-country 2023 world; both scenarios solved from the same tariff-free calibration, the scenario reported relative to the baseline`,
      `US tariffs by partner are the engine's trade-weighted averages (2024 US imports); partners outside the 50 in the shipped weights get the average over non-China partners (${r2(100 * tb.usDefault)}% → ${r2(100 * ta.usDefault)}%); China's tariff on the US is its average on US goods (2024 US exports); other pairs stay tariff-free`,
    );
    return {
      model,
      scenario,
      baseline,
      date,
      countries,
      tariffs,
      parameters: {
        eps: GE_PARAMS.eps,
        kappa: GE_PARAMS.kappa,
        psi: r4(GE_PARAMS.psi),
        nu_us: r4(world.nu[1]),
        nu_rest: r4(world.nu[0]),
      },
      notes,
      elapsed_ms: Math.round(performance.now() - t0),
    };
  }

  const sigmas = await loadSigmas(ctx.data);
  const demandTable = await loadDemand(ctx.data);
  const peUs = await runPe(segs ? segs.us : us, sigmas, { draws, seed, supply, demand, demandTable });
  const peCn = await runPe(segs ? segs.cn : cn, sigmas, { draws, seed: seed + 1, supply, demand, demandTable });
  const products: ImpactProductRow[] = [
    ...peUs.lines.map((l) => ({ importer: 'USA', ...l })),
    ...peCn.lines.map((l) => ({ importer: 'CHN', ...l })),
  ]
    .sort((a, b) => Math.abs(b.import_change_usd) - Math.abs(a.import_change_usd))
    .slice(0, top)
    .map((l) => ({
      ...l,
      supplier: iso3Of(ctx, l.supplier),
      tariff0_pct: r4(l.tariff0_pct),
      tariff1_pct: r4(l.tariff1_pct),
      import_change_usd: Math.round(l.import_change_usd),
      import_change_pct: r2(l.import_change_pct),
      diversion_usd: Math.round(l.diversion_usd),
      trade_usd: Math.round(l.trade_usd),
    }));
  let bands: ImpactAnswer['bands'];
  if (draws > 0) {
    bands = {};
    for (const [tag, r] of [
      ['USA', peUs],
      ['CHN', peCn],
    ] as const)
      for (const [k, b] of Object.entries(r.bands ?? {})) {
        // supplier keys carry ISO2 partner codes: published as ISO3 like the country rows
        const [head, ...rest] = k.split('.');
        const key = head === 'total' || head === 'section' ? k : [iso3Of(ctx, head!), ...rest].join('.');
        bands[`${tag}:${key}`] = b;
      }
  }
  notes.push(
    `US imports: ${peUs.products} HTS10 lines × ${us.partners.length} partners (2024 Census values), σ matched by HS3 for ${peUs.sigmaMatched} lines (others: US median ${r2(sigmas.fallback)}); China's imports from the US: ${peCn.products} lines, the US as the only supplier in the data (no diversion computed)`,
    demandNote(peUs, demand),
    `export supply ${Number.isFinite(supply) ? supply : 'infinite (full pass-through, as FGKK 2020 / ARW 2019 found for 2018–19)'}${draws ? `; draws: σ × exp(N(0, ${SPREAD.sigmaLogSd}²)) per HS3, ε_m ~ N(estimate, its standard error²) per NAICS code or N(${demand ?? DEFAULT_DEMAND}, ${SPREAD.demandSd}²) for lines without an estimate, truncated at ${SPREAD.demandMin}` : ''}`,
  );
  if (segs) notes.push(windowNote(segs));
  return {
    model,
    scenario,
    baseline,
    date,
    countries: peCountries(ctx, world, peUs, peCn, us),
    tariffs,
    sections: [...sectionRows(ctx, peUs), ...sectionRows(ctx, peCn)],
    products,
    ...(bands ? { bands, draws, seed } : {}),
    ...(segs ? { window: windowAnswer(segs, peCountries(ctx, world, peUs, peCn, us)) } : {}),
    parameters: {
      sigma: sigmas.source,
      sigma_fallback: r4(sigmas.fallback),
      demand: demand ?? `Hauk (2012) by NAICS6/NAICS4 (US lines), else ${DEFAULT_DEMAND}`,
      supply: Number.isFinite(supply) ? supply : 'infinite',
    },
    notes,
    elapsed_ms: Math.round(performance.now() - t0),
  };
}

function demandNote(r: PeResult, demand: number | undefined): string {
  if (demand !== undefined) return `import demand elasticity ${demand} for every line (--demand)`;
  const c = r.demandCoverage;
  const cn = c.bySupplier['CN'];
  const part = (x: { naics6_pct: number; naics4_pct: number; default_pct: number }) =>
    `${x.naics6_pct}% NAICS6, ${x.naics4_pct}% NAICS4, ${x.default_pct}% the default`;
  return (
    `import demand elasticity: Hauk (2012) by the line's NAICS6 industry, else its NAICS4, else ${DEFAULT_DEMAND} (ARW 2019); ` +
    `by value of 2024 US imports${cn ? ` from China: ${part(cn)};` : ''} from all partners: ${part(c.all)}; ` +
    `China's imports from the US: ${DEFAULT_DEMAND}`
  );
}

function windowNote(w: WindowSegments): string {
  return (
    `window ${w.from} to ${w.to} (${w.days} days, ${w.intervals.length} interval${w.intervals.length === 1 ? '' : 's'} of constant tariffs): ` +
    `amounts are annualised (each interval's annual effect weighted by its share of the days); window.countries gives ` +
    `the totals over the window (annualised × ${w.days}/365); bands are annualised (totals: × ${w.days}/365); tariffs and product rows show day-weighted mean rates`
  );
}

const USD_FIELDS = [
  'welfare_usd',
  'import_change_usd',
  'export_change_usd',
  'diversion_usd',
  'buyer_cost_usd',
  'revenue_change_usd',
  'deadweight_loss_usd',
] as const;

function windowAnswer(w: WindowSegments, annual: ImpactCountryRow[]): NonNullable<ImpactAnswer['window']> {
  const f = w.days / 365;
  return {
    from: w.from,
    to: w.to,
    days: w.days,
    intervals: w.intervals.map((i) => ({ ...i, weight: r4(i.days / w.days) })),
    countries: annual.map((c) => {
      const row: ImpactCountryRow = { ...c, welfare_pct: c.welfare_pct * f };
      for (const k of USD_FIELDS) {
        const v = c[k];
        if (typeof v === 'number') row[k] = Math.round(v * f);
      }
      return row;
    }),
  };
}
