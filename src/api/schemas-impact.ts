// JSON schemas of /api/impact answers (src/contract/impact.ts), registered into COMPONENTS by schemas.ts.
type JsonSchema = Record<string, unknown>;

const num = (description: string): JsonSchema => ({ type: 'number', description });
const numOrNull = (description: string): JsonSchema => ({ type: ['number', 'null'], description });
const str = (description: string): JsonSchema => ({ type: 'string', description });
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

const band: JsonSchema = {
  type: 'object',
  properties: { p5: num('5th percentile'), p50: num('median'), p95: num('95th percentile') },
  required: ['p5', 'p50', 'p95'],
};

const country: JsonSchema = {
  type: 'object',
  description: 'one country (ISO3; EU and NON_US are expenditure-weighted aggregates in GE)',
  properties: {
    iso3: str('ISO 3166 alpha-3, or EU / NON_US'),
    welfare_pct: num('welfare change, % (PE: % of GDP)'),
    prices_pct: numOrNull('PE: buyers’ import price index; GE: consumer prices'),
    real_wage_pct: numOrNull('GE: real wage (null in PE)'),
    employment_pct: numOrNull('GE: employment'),
    exports_pct: numOrNull('GE: exports'),
    imports_pct: numOrNull('GE: imports'),
    welfare_usd: numOrNull('PE: welfare change, USD'),
    import_change_usd: numOrNull('PE: change in imports (world prices), USD'),
    export_change_usd: numOrNull('PE: change in exports to the modelled importers, USD'),
    diversion_usd: numOrNull('PE: the part of the export change due to substitution between suppliers, USD'),
    buyer_cost_usd: numOrNull('PE: buyers’ loss of surplus, USD'),
    revenue_change_usd: numOrNull('PE: change in tariff revenue, USD'),
    deadweight_loss_usd: numOrNull('PE: deadweight loss, USD'),
    terms_of_trade_pct: numOrNull('ge-sectors: first-order terms-of-trade effect (Caliendo–Parro), % of income'),
    volume_of_trade_pct: numOrNull('ge-sectors: first-order volume-of-trade effect (Caliendo–Parro), % of income'),
  },
  required: ['iso3', 'welfare_pct', 'prices_pct', 'real_wage_pct'],
};

const tariff: JsonSchema = {
  type: 'object',
  properties: {
    importer: str('ISO3'),
    exporter: str('ISO3 (EU = the EU aggregate)'),
    baseline_pct: num('trade-weighted average total rate under the baseline'),
    scenario_pct: num('under the scenario'),
    trade_usd: num('trade the average is weighted by'),
  },
  required: ['importer', 'exporter', 'baseline_pct', 'scenario_pct', 'trade_usd'],
};

const section: JsonSchema = {
  type: 'object',
  properties: {
    importer: str('ISO3'),
    section: str('HS section (roman numeral)'),
    title: str('section title'),
    import_change_usd: num('USD'),
    buyer_cost_usd: num('USD'),
    revenue_change_usd: num('USD'),
    deadweight_loss_usd: num('USD'),
  },
  required: [
    'importer',
    'section',
    'title',
    'import_change_usd',
    'buyer_cost_usd',
    'revenue_change_usd',
    'deadweight_loss_usd',
  ],
};

const product: JsonSchema = {
  type: 'object',
  properties: {
    importer: str('ISO3'),
    product: str('tariff line'),
    section: str('HS section'),
    supplier: str('ISO3 (EU = the EU aggregate)'),
    trade_usd: num('2024 trade, USD'),
    tariff0_pct: num('baseline rate'),
    tariff1_pct: num('scenario rate'),
    import_change_usd: num('USD'),
    import_change_pct: num('%'),
    diversion_usd: num('substitution part, USD'),
  },
  required: ['importer', 'product', 'supplier', 'import_change_usd'],
};

const sector: JsonSchema = {
  type: 'object',
  description: 'ge-sectors: one Caliendo–Parro tradable sector (ISIC rev.3 group)',
  properties: {
    sector: str('sector name'),
    tariffs_from: { type: 'string', enum: ['engine', '1993 data'], description: 'where the US–China rates came from' },
    us_on_cn_baseline_pct: num('US tariff on China, baseline (trade-weighted average)'),
    us_on_cn_scenario_pct: num('US tariff on China, scenario'),
    cn_on_us_baseline_pct: num('China’s tariff on the US, baseline'),
    cn_on_us_scenario_pct: num('China’s tariff on the US, scenario'),
    us_imports_from_cn_usd: num('2024 US imports from China mapped to the sector, USD (the weights)'),
    cn_imports_from_us_usd: num('2024 US exports to China mapped to the sector, USD (the weights)'),
    us_imports_from_cn_pct: num('model: US imports from China, scenario over baseline, %'),
    cn_imports_from_us_pct: num('model: China’s imports from the US, %'),
    us_output_pct: num('model: US gross output of the sector, %'),
    cn_output_pct: num('model: China’s gross output of the sector, %'),
  },
  required: [
    'sector',
    'tariffs_from',
    'us_on_cn_baseline_pct',
    'us_on_cn_scenario_pct',
    'cn_on_us_baseline_pct',
    'cn_on_us_scenario_pct',
    'us_imports_from_cn_pct',
    'cn_imports_from_us_pct',
    'us_output_pct',
    'cn_output_pct',
  ],
};

export const IMPACT_COMPONENTS: Record<string, JsonSchema> = {
  ImpactBand: band,
  ImpactCountry: country,
  ImpactTariff: tariff,
  ImpactSection: section,
  ImpactProduct: product,
  ImpactSector: sector,
  ImpactAnswer: {
    type: 'object',
    properties: {
      model: { type: 'string', enum: ['pe', 'ge', 'ge-sectors'] },
      scenario: str('the scenario measured'),
      baseline: str('the scenario it is compared with'),
      date: str('YYYY-MM-DD'),
      countries: { type: 'array', items: ref('ImpactCountry') },
      tariffs: { type: 'array', items: ref('ImpactTariff') },
      sections: { type: 'array', items: ref('ImpactSection') },
      products: { type: 'array', items: ref('ImpactProduct') },
      sectors: { type: 'array', items: ref('ImpactSector') },
      bands: {
        type: 'object',
        description: '5/50/95 percentiles over the draws, keyed IMPORTER:aggregate',
        additionalProperties: ref('ImpactBand'),
      },
      draws: num('number of draws'),
      window: {
        type: 'object',
        description: 'PE over a window: the intervals of constant tariffs and the country rows as window totals',
        properties: {
          from: str('first day'),
          to: str('last day (inclusive)'),
          days: num('days in the window'),
          intervals: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                from: str('first day'),
                until: str('day after the last (exclusive)'),
                days: num('days'),
                weight: num('share of the window'),
              },
              required: ['from', 'until', 'days', 'weight'],
            },
          },
          countries: { type: 'array', items: ref('ImpactCountry') },
        },
        required: ['from', 'to', 'days', 'intervals', 'countries'],
      },
      seed: num('seed'),
      parameters: { type: 'object', additionalProperties: { type: ['number', 'string'] } },
      notes: { type: 'array', items: { type: 'string' } },
      elapsed_ms: num('compute time'),
    },
    required: ['model', 'scenario', 'baseline', 'date', 'countries', 'tariffs', 'parameters', 'notes', 'elapsed_ms'],
  },
};
