// The shapes of `tradewar impact` / `/api/impact` answers (JSON). Pure types: the service, the API schemas and the
// dashboard's Impact page use them. Money in USD; `_pct` values are percent (1.5 = 1.5%).

/** One country: the model's welfare, prices and real wage change, plus model-specific fields. */
export interface ImpactCountryRow {
  iso3: string;
  /** Welfare change in % of GDP (PE: importer's revenue gain − buyers' loss, plus foreign producer surplus) or the GE equivalent variation in %. */
  welfare_pct: number;
  /** PE: buyers' import price index (duty-inclusive); GE: consumer price index. Null where the model has none. */
  prices_pct: number | null;
  /** GE only (PE holds wages fixed): null in PE. */
  real_wage_pct: number | null;
  employment_pct?: number | null;
  exports_pct?: number | null;
  imports_pct?: number | null;
  welfare_usd?: number | null;
  import_change_usd?: number | null;
  export_change_usd?: number | null;
  diversion_usd?: number | null;
  buyer_cost_usd?: number | null;
  revenue_change_usd?: number | null;
  deadweight_loss_usd?: number | null;
  /** ge-sectors: Caliendo–Parro's first-order terms-of-trade effect, % of baseline income. */
  terms_of_trade_pct?: number | null;
  /** ge-sectors: Caliendo–Parro's first-order volume-of-trade effect, % of baseline income. */
  volume_of_trade_pct?: number | null;
}

/** The tariff a model was fed: trade-weighted averages by direction from the engine. */
export interface ImpactTariff {
  importer: string;
  exporter: string;
  baseline_pct: number;
  scenario_pct: number;
  trade_usd: number;
}

export interface ImpactSectionRow {
  importer: string;
  section: string;
  title: string;
  import_change_usd: number;
  buyer_cost_usd: number;
  revenue_change_usd: number;
  deadweight_loss_usd: number;
}

export interface ImpactProductRow {
  importer: string;
  product: string;
  section: string;
  supplier: string;
  trade_usd: number;
  tariff0_pct: number;
  tariff1_pct: number;
  import_change_usd: number;
  import_change_pct: number;
  diversion_usd: number;
}

/** ge-sectors: one Caliendo–Parro tradable sector (ISIC rev.3 group) — the tariffs fed and what they do. */
export interface ImpactSectorRow {
  sector: string;
  /** `engine`: the engine's trade-weighted averages; `1993 data`: no 2024 trade mapped to the sector, the CP rate kept. */
  tariffs_from: 'engine' | '1993 data';
  us_on_cn_baseline_pct: number;
  us_on_cn_scenario_pct: number;
  cn_on_us_baseline_pct: number;
  cn_on_us_scenario_pct: number;
  /** 2024 trade the averages are weighted by, USD. */
  us_imports_from_cn_usd: number;
  cn_imports_from_us_usd: number;
  /** Model outcomes, scenario over baseline, %. */
  us_imports_from_cn_pct: number;
  cn_imports_from_us_pct: number;
  us_output_pct: number;
  cn_output_pct: number;
}

export interface ImpactBand {
  p5: number;
  p50: number;
  p95: number;
}

export interface ImpactAnswer {
  model: 'pe' | 'ge' | 'ge-sectors';
  scenario: string;
  baseline: string;
  date: string;
  countries: ImpactCountryRow[];
  tariffs: ImpactTariff[];
  sections?: ImpactSectionRow[];
  products?: ImpactProductRow[];
  /** ge-sectors: by Caliendo–Parro tradable sector. */
  sectors?: ImpactSectorRow[];
  /** 5/50/95 percentiles over the Monte Carlo draws, keyed `IMPORTER:aggregate`: `USA:total.buyer_cost_usd`, `USA:VNM.import_change_usd` (a supplier's sales to the importer), `USA:section.XVI.import_change_usd`. */
  bands?: Record<string, ImpactBand>;
  draws?: number;
  seed?: number;
  /** PE over a window (`--from/--to`): the amounts above are annualised; here the intervals and the window totals. */
  window?: ImpactWindow;
  parameters: Record<string, number | string>;
  notes: string[];
  elapsed_ms: number;
}

/** A PE answer over a window: the intervals of constant tariffs and the country rows summed over the window. */
export interface ImpactWindow {
  from: string;
  /** Last day, inclusive. */
  to: string;
  days: number;
  intervals: Array<{ from: string; until: string; days: number; weight: number }>;
  /** The country rows as totals over the window (USD amounts and welfare_pct × days/365; prices as annualised). */
  countries: ImpactCountryRow[];
}
