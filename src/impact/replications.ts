// Published reproductions: each runs a model on the replication data read in place from the raw mirror and
// returns what it computed per country, plus aggregates (EU, NON_US: expenditure-weighted, as the paper's
// tables) and the published figures it is checked against.
import { performance } from 'node:perf_hooks';
import { UserInputError } from '../util/errors.js';
import { loadIlssData, type IlssData } from './ilss-data.js';
import { loadGeppmlData } from './geppml-data.js';
import { geppmlBorderRemoval } from './geppml.js';
import { runCpNafta, CP_NAFTA } from './cp-nafta.js';
import {
  calibrateOneSector,
  incidence,
  optimalUniformTariff,
  solveNu,
  solveOneSector,
  type OneSectorBase,
  type OneSectorOutcome,
  type OneSectorParams,
} from './ge-one-sector.js';

export interface ImpactCountry {
  iso3: string;
  welfare_pct: number;
  prices_pct?: number;
  employment_pct?: number;
  real_wage_pct?: number;
  deficit_pct?: number;
  exports_gdp_pct?: number;
  imports_gdp_pct?: number;
  tariff_revenue_share?: number;
  real_gdp_conditional_pct?: number;
  factory_price_pct?: number;
  exports_pct?: number;
  imports_pct?: number;
  terms_of_trade_pct?: number;
  volume_of_trade_pct?: number;
  real_income_pct?: number;
}

/** A published figure: the value as printed (rounded to `decimals`). */
export interface PublishedFigure {
  iso3: string;
  field: keyof Omit<ImpactCountry, 'iso3'>;
  value: number;
  decimals: number;
  source: string;
}

export interface Replication {
  name: string;
  title: string;
  settings: Record<string, number | string>;
  countries: ImpactCountry[];
  published: PublishedFigure[];
  solve_ms: number;
}

export interface ReplicationSpec {
  name: string;
  title: string;
  source: string;
}

type Scenario = 'ustr' | 'optimal' | 'reciprocal';

interface IlssVariant extends ReplicationSpec {
  scenario: Scenario;
  eps: number;
  rebate: OneSectorParams['rebate'];
  incidenceOffset: number;
  published: Omit<PublishedFigure, 'source'>[];
}

const TABLE1 = 'ILSS (2025) Table 1 (staged: model/ilss-2025/published_tables/Table_1.tex)';

function rows(
  block: Record<'USA' | 'NON_US', Partial<Record<PublishedFigure['field'], [number, number]>>>,
): Omit<PublishedFigure, 'source'>[] {
  const out: Omit<PublishedFigure, 'source'>[] = [];
  for (const [iso3, fields] of Object.entries(block))
    for (const [field, v] of Object.entries(fields))
      out.push({ iso3, field: field as PublishedFigure['field'], value: v![0], decimals: v![1] });
  return out;
}

const ILSS: IlssVariant[] = [
  {
    name: 'ilss-2025-case1',
    title: 'ILSS 2025, Table 1 Case 1: USTR tariffs, revenue cuts income tax, no retaliation',
    source: TABLE1,
    scenario: 'ustr',
    eps: 4,
    rebate: 'income_tax',
    incidenceOffset: 1,
    published: rows({
      USA: {
        welfare_pct: [1.13, 2],
        deficit_pct: [-18.1, 1],
        exports_gdp_pct: [-52.7, 1],
        imports_gdp_pct: [-43.6, 1],
        employment_pct: [0.32, 2],
        prices_pct: [12.8, 1],
      },
      NON_US: {
        welfare_pct: [-0.58, 2],
        deficit_pct: [11.6, 1],
        exports_gdp_pct: [-3.2, 1],
        imports_gdp_pct: [-3.3, 1],
        employment_pct: [-0.14, 2],
        prices_pct: [-4.7, 1],
      },
    }),
  },
  {
    name: 'ilss-2025-case2-lump-sum',
    title: 'ILSS 2025, Table 1 Case 2: USTR tariffs, revenue rebated lump-sum, no retaliation',
    source: TABLE1,
    scenario: 'ustr',
    eps: 4,
    rebate: 'lump_sum',
    incidenceOffset: 1,
    published: rows({
      USA: {
        welfare_pct: [-0.01, 2],
        deficit_pct: [-18.4, 1],
        exports_gdp_pct: [-52.5, 1],
        imports_gdp_pct: [-43.3, 1],
        employment_pct: [-0.41, 2],
        prices_pct: [13.1, 1],
      },
      NON_US: {
        welfare_pct: [-0.57, 2],
        deficit_pct: [11.7, 1],
        exports_gdp_pct: [-3.3, 1],
        imports_gdp_pct: [-3.4, 1],
        employment_pct: [-0.14, 2],
        prices_pct: [-4.8, 1],
      },
    }),
  },
  {
    name: 'ilss-2025-case3-optimal',
    title: 'ILSS 2025, Table 1 Case 3: the optimal uniform US tariff, income tax relief, no retaliation',
    source: TABLE1,
    scenario: 'optimal',
    eps: 4,
    rebate: 'income_tax',
    incidenceOffset: 1,
    published: rows({
      USA: {
        welfare_pct: [1.79, 2],
        deficit_pct: [-19.1, 1],
        exports_gdp_pct: [-55.3, 1],
        imports_gdp_pct: [-45.6, 1],
        employment_pct: [0.51, 2],
        prices_pct: [12.6, 1],
      },
      NON_US: {
        welfare_pct: [-0.61, 2],
        deficit_pct: [17.1, 1],
        exports_gdp_pct: [-4.2, 1],
        imports_gdp_pct: [-3.7, 1],
        employment_pct: [-0.16, 2],
        prices_pct: [-4.6, 1],
      },
    }),
  },
  {
    name: 'ilss-2025-reciprocal-retaliation',
    title:
      'ILSS 2025, retaliation table (1): USTR tariffs met by reciprocal retaliation (each partner charges the US its own USTR rate)',
    source:
      'ILSS (2025) abstract: reciprocal retaliation turns the US gain into a net welfare loss (table values not staged)',
    scenario: 'reciprocal',
    eps: 4,
    rebate: 'income_tax',
    incidenceOffset: 1,
    published: [],
  },
  {
    name: 'ilss-2025-eps8',
    title: 'ILSS 2025, appendix variant: trade elasticity ε = 8 (twice the baseline), otherwise Case 1',
    source: 'ILSS (2025) appendix robustness (ε = 8); no figure staged',
    scenario: 'ustr',
    eps: 8,
    rebate: 'income_tax',
    incidenceOffset: 1,
    published: [],
  },
  {
    name: 'ilss-2025-low-passthrough',
    title: 'ILSS 2025, appendix variant: incomplete passthrough to firm-level prices (φ̃ offset 0.25), otherwise Case 1',
    source: 'ILSS (2025) appendix robustness (φ = 0.25 + φ̃); no figure staged',
    scenario: 'ustr',
    eps: 4,
    rebate: 'income_tax',
    incidenceOffset: 0.25,
    published: [],
  },
];

const GEPPML: ReplicationSpec = {
  name: 'geppml-borders',
  title:
    'Anderson–Larch–Yotov (2018) GEPPML: remove international borders (BRDR → 0), 41 countries, 2002, σ = 7 — gravity estimates, conditional and full-endowment real GDP',
  source:
    'PROVENANCE (model/geppml-aly2018): the gravity coefficients and the Stata country indexes of the authors’ code',
};

export const REPLICATIONS: ReplicationSpec[] = [
  ...ILSS.map(({ name, title, source }) => ({ name, title, source })),
  CP_NAFTA,
  GEPPML,
];

function runGeppml(source: string): Replication {
  const d = loadGeppmlData(source);
  const t0 = performance.now();
  const r = geppmlBorderRemoval(d);
  const solve_ms = performance.now() - t0;
  const countries: ImpactCountry[] = r.countries.map((c, i) => ({
    iso3: c,
    welfare_pct: r.rGdpFullPct[i]!,
    real_gdp_conditional_pct: r.rGdpCndlPct[i]!,
    factory_price_pct: r.factoryGatePricePct[i]!,
    exports_pct: r.totalExportsFullPct[i]!,
  }));
  const pub = (iso3: string, value: number): PublishedFigure => ({
    iso3,
    field: 'welfare_pct',
    value,
    decimals: 2,
    source: `${GEPPML.source}: rGDP_full_ch`,
  });
  return {
    name: GEPPML.name,
    title: GEPPML.title,
    settings: {
      sigma: 7,
      reference: 'DEU',
      beta_LN_DIST: r.beta.LN_DIST!,
      beta_CNTG: r.beta.CNTG!,
      beta_BRDR: r.beta.BRDR!,
      full_endowment_iterations: r.iterations,
      welfare: 'real GDP (output over the inward multilateral resistance)',
    },
    countries,
    published: [pub('USA', 4.81), pub('CHN', 12.58), pub('JPN', 5.65), pub('CAN', 39.45)],
    solve_ms,
  };
}

/** The published gravity coefficients of the GEPPML sample (PROVENANCE). */
export const GEPPML_COEFFICIENTS = { LN_DIST: -0.948455, CNTG: 0.478257, BRDR: -1.554552 };

export interface IlssModel {
  data: IlssData;
  base: OneSectorBase;
  nu: [number, number];
}

const cache = new Map<string, IlssModel>();

/** The calibrated ILSS baseline for a mirror folder (cached per folder). */
export function ilssModel(source: string): IlssModel {
  const hit = cache.get(source);
  if (hit) return hit;
  const data = loadIlssData(source);
  const nu = solveNu(data.trade, data.gdp, data.n, data.us);
  const base = calibrateOneSector(data.trade, data.gdp, data.n, data.us, nu);
  const model = { data, base, nu };
  cache.set(source, model);
  return model;
}

/** The USTR "Liberation Day" rates on US imports, floored at 10% as the paper does. */
export function ustrTariffs(data: IlssData): Float64Array {
  const { n, us } = data;
  const t = new Float64Array(n * n);
  for (let j = 0; j < n; j++) if (j !== us) t[j * n + us] = Math.max(0.1, data.ustrTariff[j]!);
  return t;
}

/** Per-country rows plus EU and NON_US aggregates weighted by baseline expenditure. */
export function countryRows(model: IlssModel, r: OneSectorOutcome): ImpactCountry[] {
  const { data, base } = model;
  const one = (i: number): ImpactCountry => ({
    iso3: data.iso3[i]!,
    welfare_pct: r.welfarePct[i]!,
    prices_pct: r.pricesPct[i]!,
    employment_pct: r.employmentPct[i]!,
    real_wage_pct: r.realWagePct[i]!,
    deficit_pct: r.deficitPct[i]!,
    exports_gdp_pct: r.exportsGdpPct[i]!,
    imports_gdp_pct: r.importsGdpPct[i]!,
    tariff_revenue_share: r.revenueShare[i]!,
  });
  const out = data.iso3.map((_, i) => one(i));
  const aggregate = (iso3: string, members: number[]): ImpactCountry => {
    let wsum = 0;
    const acc: Record<string, number> = {};
    for (const i of members) {
      const w = base.E[i]!;
      wsum += w;
      for (const [k, v] of Object.entries(out[i]!)) if (typeof v === 'number') acc[k] = (acc[k] ?? 0) + w * v;
    }
    const row: Record<string, number | string> = { iso3 };
    for (const [k, v] of Object.entries(acc)) row[k] = v / wsum;
    return row as unknown as ImpactCountry;
  };
  out.push(aggregate('EU', data.eu));
  out.push(
    aggregate(
      'NON_US',
      data.iso3.map((_, i) => i).filter((i) => i !== data.us),
    ),
  );
  return out;
}

export function runReplication(name: string, source: string): Replication {
  if (name === GEPPML.name) return runGeppml(source);
  if (name === CP_NAFTA.name) return runCpNafta(source);
  const v = ILSS.find((x) => x.name === name);
  if (!v)
    throw new UserInputError(
      `unknown replication "${name}": run \`tradewar impact replicate --list\` for the names (${REPLICATIONS.map((r) => r.name).join(', ')})`,
      'name',
    );
  const model = ilssModel(source);
  const { data, base } = model;
  const { n, us } = data;
  const phi = incidence(base.nu, 4, v.incidenceOffset);
  let tariffs = ustrTariffs(data);
  let uniform: number | undefined;
  if (v.scenario === 'optimal') {
    uniform = optimalUniformTariff(base, us, 4, phi[us]!);
    tariffs = new Float64Array(n * n);
    for (let j = 0; j < n; j++) if (j !== us) tariffs[j * n + us] = uniform;
  } else if (v.scenario === 'reciprocal') {
    for (let j = 0; j < n; j++) if (j !== us) tariffs[us * n + j] = tariffs[j * n + us]!;
  }
  const t0 = performance.now();
  const r = solveOneSector(base, tariffs, { eps: v.eps, kappa: 0.5, psi: 0.67 / 4, phi, rebate: v.rebate });
  const solve_ms = performance.now() - t0;
  const settings: Record<string, number | string> = {
    eps: v.eps,
    kappa: 0.5,
    psi: 0.67 / 4,
    nu_us: model.nu[1],
    nu_rest: model.nu[0],
    incidence_offset: v.incidenceOffset,
    rebate: v.rebate,
    tariffs: v.scenario === 'optimal' ? `uniform ${uniform!.toFixed(4)} on all US imports` : v.scenario,
  };
  return {
    name: v.name,
    title: v.title,
    settings,
    countries: countryRows(model, r),
    published: v.published.map((p) => ({ ...p, source: v.source })),
    solve_ms,
  };
}
