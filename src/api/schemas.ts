// JSON schemas of the API: query parameters (Fastify validates with them) and answers (the OpenAPI document
// publishes them; test/api checks real answers against them). OpenAPI 3.1 = JSON Schema 2020-12.
import { IMPACT_COMPONENTS } from './schemas-impact.js';
export type JsonSchema = Record<string, unknown>;

const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });
const num = (description: string): JsonSchema => ({ type: 'number', description });
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const obj = (properties: Record<string, JsonSchema>, description?: string): JsonSchema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
});

// ---- parameters --------------------------------------------------------------------------------------------
export const P = {
  date: (what = 'date') => str(`${what}, YYYY-MM-DD`, { maxLength: 10, examples: ['2025-11-05'] }),
  dates: str('one or more dates, comma-separated (YYYY-MM-DD)', {
    maxLength: 2200,
    examples: ['2025-11-05,2026-01-01'],
  }),
  country: (what: string) => str(`${what}: ISO 3166 alpha-2 code`, { maxLength: 2, examples: ['CN'] }),
  importer: str('importing economy: US or CN', { maxLength: 2, examples: ['US'] }),
  product: str(
    'tariff code, 2 to 10 digits, dots and spaces allowed: a national line (US HTS10, China HS10), a shorter code (the answer covers every line under it) or an HS code of another edition (translated through the WCO correlation)',
    {
      maxLength: 20,
      examples: ['8517130000'],
    },
  ),
  weights: str(
    'trade weights: 2017 (pre-war base year) | 2024 (latest full year) | world (PIIE method: exporter-neutral) | a weight set name',
    {
      maxLength: 40,
      default: '2017',
    },
  ),
  scenario: str('scenario name (see /api/scenarios), or baseline', {
    maxLength: 60,
    pattern: '^[a-z0-9][a-z0-9-]*$',
    default: 'baseline',
  }),
  format: (choices: string[]) => str(`answer format: ${choices.join(' | ')}`, { enum: choices, default: choices[0] }),
  side: str('imposing side', { enum: ['US', 'CN', 'both'] }),
  value: str('customs value in USD (optional): the answer then carries the duty in dollars', {
    maxLength: 20,
    pattern: '^[0-9]+(\\.[0-9]+)?$',
    examples: ['10000'],
  }),
  flag: (description: string) => str(description, { enum: ['1', '0', 'true', 'false', ''] }),
};

// ---- answers -------------------------------------------------------------------------------------------------
const layer = obj({
  measure: str('measure id in the ledger'),
  title: str('measure title'),
  authority: str('legal authority family (section_301, ieepa_fentanyl, ...)'),
  rate_pct: num('rate in force on the date after any suspension, percent'),
  statutory_rate_pct: num('rate before suspension, percent'),
  share: num('share of the customs value the rate applies to (1 = full value)'),
  share_source: { type: ['string', 'null'], description: 'where the content share comes from (null = full value)' },
  contribution_pct: num('what this layer adds to the total, percentage points'),
  expected_share: num("share of the line's goods expected to pay this layer (ADR 9), 1 = all"),
  expected_source: {
    type: ['string', 'null'],
    description: 'each share behind expected_share with its source (null when it is 1)',
  },
  expected_contribution_pct: num('contribution_pct × expected_share, percentage points'),
  expected_exclusions: arrayOf(
    obj(
      {
        id: str('suspension id in the ledger'),
        title: str('suspension title'),
        instrument: str('instrument of the period in force on the date'),
        citation: { type: ['string', 'null'], description: 'legal citation of that instrument' },
        url: str('source of that instrument'),
        coverage: num("share of the line's goods assumed covered (0..1)"),
        coverage_source: { type: ['string', 'null'], description: 'where the share comes from' },
      },
      'an exclusion granted to buyers, priced in the expected rate (ADR 81)',
    ),
  ),
  applies: { type: 'boolean', description: 'whether the layer applies on the date' },
  reason: str('why it applies or not on the date, in words (measure name, heading, dates, instruments)'),
  source: str('URL of the instrument'),
  citation: str('legal citation'),
  instrument: { type: ['string', 'null'], description: 'instrument id in the ledger' },
  status: str('measure status in the ledger today (in_force, terminated, threatened, ...)'),
  state: str('state on the date', {
    enum: ['applies', 'not_yet', 'ended', 'not_in_force', 'off_list', 'excluded', 'suspended', 'stacked_out'],
  }),
  status_on_date: str(
    'standing on the date asked (in_force, not_yet_in_force, ended, suspended, struck_down, unconfirmed, threatened, never_applied, scheduled)',
  ),
  owed_pct: num('contribution still owed after court rulings, percentage points'),
});

const stack = obj(
  {
    product: str('normalised tariff code'),
    description: { type: ['string', 'null'] },
    origin: str('country of origin'),
    dest: str('importer'),
    date: str('entry date'),
    base_pct: num('base (MFN) rate, percent'),
    base: obj({
      measure: str('base measure id'),
      table: str('base rate table'),
      key: { type: ['string', 'null'] },
      rate_text: { type: ['string', 'null'] },
      basis: { type: ['string', 'null'] },
      note: { type: ['string', 'null'] },
      source: str('URL'),
      found: { type: 'boolean' },
    }),
    layers: arrayOf(ref('Layer')),
    additional_pct: num('sum of applying layers, percentage points'),
    total_pct: num('base + additional, percent (assessed; the statutory rate on goods that qualify for nothing)'),
    expected_pct: num(
      'rate the line is expected to pay on average: partial exclusions, exemptions and qualifying shares priced (ADR 9)',
    ),
    owed_total_pct: num('total after court rulings, percent'),
    notes: arrayOf({ type: 'string' }),
  },
  'duty stack of one product on one date',
);
// present only when the code asked was not itself a national line (a heading, or a code of another HS edition)
Object.assign(stack.properties as Record<string, JsonSchema>, {
  query: obj(
    {
      asked: str('the code as asked'),
      kind: str('what it stood for', { enum: ['line', 'heading', 'translated'] }),
      lines_count: { type: 'integer', description: 'national lines it covers' },
      shown: str('the line whose stack is given (the highest total)'),
      translation: {
        oneOf: [
          { type: 'null' },
          obj({
            from_edition: str('HS edition of the code asked'),
            from_hs6: str('its HS6'),
            to_edition: str("the schedule's HS edition"),
            to_hs6: arrayOf({ type: 'string' }),
          }),
        ],
      },
    },
    'what the code asked stood for',
  ),
  lines: arrayOf(
    obj({
      code: str('national line'),
      description: { type: ['string', 'null'] },
      base_pct: num('base, percent'),
      additional_pct: num('additional, percentage points'),
      total_pct: num('total, percent'),
      expected_pct: num('expected rate on average (ADR 9), percent'),
      owed_total_pct: num('total after court rulings, percent'),
    }),
  ),
  total_range_pct: obj({ min: num('lowest total over the lines'), max: num('highest total over the lines') }),
  headings: arrayOf(
    obj({
      code: str('heading'),
      description: { type: ['string', 'null'] },
      lines: { type: 'integer' },
      min_total_pct: num('lowest total of its lines'),
      max_total_pct: num('highest total of its lines'),
    }),
  ),
});
// ADR 82: what a figure assumes that no source confirms, and the figure with that one assumption flipped
const unconfirmedBasis = {
  id: str('the unconfirmed record: a suspension id (its end) or measure@date (a schedule step)'),
  assumption: str('what the figure assumes, e.g. "assumes the … suspension lapsed on 2026-11-10 (unconfirmed)"'),
  alternative: str('the other branch in words, e.g. "if it was extended (to 2027-11-10)"'),
  confirm_by: str('what would confirm the assumption or its alternative (e.g. a Tariff Commission announcement)'),
  scenario: {
    type: ['string', 'null'],
    description: 'a shipped scenario that takes the other branch (e.g. extension-2027), or null',
  },
};
const unconfirmedTotal = obj(
  { ...unconfirmedBasis, alternative_total_pct: num('the total on the other branch, percent') },
  'an unconfirmed step or suspension end the total depends on (ADR 82)',
);
const unconfirmedAverage = obj(
  { ...unconfirmedBasis, alternative_average_pct: num('the trade-weighted average on the other branch, percent') },
  'an unconfirmed step or suspension end the average depends on (ADR 82)',
);
// present only when the total depends on an unconfirmed step or suspension end
(stack.properties as Record<string, JsonSchema>).unconfirmed = arrayOf(ref('UnconfirmedTotal'));

// present only when a customs value was given
(stack.properties as Record<string, JsonSchema>).amounts = obj(
  {
    value_usd: num('customs value, USD'),
    base_usd: num('MFN duty, USD'),
    layers_usd: {
      type: 'object',
      additionalProperties: { type: 'number' },
      description: 'duty per applying measure, USD',
    },
    total_usd: num('total duty assessed, USD'),
    owed_usd: num('duty owed after court rulings, USD'),
  },
  'duty in dollars on the given customs value',
);

const sectionFigure = obj({
  title: str('HS section title'),
  average_pct: num('trade-weighted average, percent'),
  coverage_pct: num('share of trade under any additional duty, percent'),
  weight_share_pct: num("section's share of the weights, percent"),
});

const averagePoint = {
  type: 'object',
  properties: {
    date: str('date'),
    average_pct: num('trade-weighted average tariff, percent'),
    coverage_pct: num('share of trade under any additional duty, percent'),
    by: {
      type: 'object',
      description: 'by=authority: authority → contribution (pp); by=section: section id → figures',
      additionalProperties: { oneOf: [{ type: 'number' }, ref('SectionFigure')] },
    },
    unconfirmed: {
      ...arrayOf(ref('UnconfirmedAverage')),
      description:
        'present only when the average depends on a step or suspension end no source confirms: each with the average if it is flipped (ADR 82)',
    },
  },
  required: ['date', 'average_pct', 'coverage_pct'],
};

const panelRow = obj({
  product: str('tariff code'),
  base_pct: num('base rate'),
  additional_pct: num('additional duties'),
  total_pct: num('total (assessed)'),
  expected_pct: num('expected rate on average (ADR 9)'),
  owed_total_pct: num('total owed after rulings'),
  layers: str('applying layers as measure:pct;measure:pct'),
});

const timelineEntry = obj({
  date: str('date'),
  side: str('US, CN or both'),
  kind: str(
    'event kind (talks, truce, ruling, threat, ...) or schedule event (effective, rate_change, suspended, ...)',
  ),
  instrument_kind: str("the record's instrument (ad_valorem, export_control, ...) or event / suspension"),
  record: str('record id in the ledger'),
  title: str('title'),
  detail: str('rate, citation and note'),
  status: str('status'),
  scheduled: { type: 'boolean', description: 'after today, or marked expected' },
  sources: arrayOf({ type: 'string' }),
});
// present only when the product asked covers several lines: the lines whose stack the change concerns
(timelineEntry.properties as Record<string, JsonSchema>).lines = arrayOf(str('national line'));

const interval = obj({
  from: str('first day'),
  until: str('first day after (exclusive)'),
  base: num('base rate, percent'),
  additional: num('additional duties, percentage points'),
  total: num('total assessed, percent'),
  owed: num('total owed after rulings, percent'),
  layers: arrayOf(
    obj({
      measure: str('measure id'),
      authority: str('authority'),
      pct: num('contribution'),
      owed: { type: 'boolean' },
    }),
  ),
});

const productHit = obj({
  importer: str('US or CN'),
  code: str('tariff code'),
  level: num('digits'),
  description: str('description'),
});

const scenario = obj({
  name: str('scenario name'),
  title: str('title'),
  description: str('what it assumes'),
  assumptions: arrayOf({ type: 'string' }),
  operations: arrayOf(str('one operation in words')),
  sources: arrayOf({ type: 'string' }),
  file: str('file inside the project'),
});

const comparisonRow = obj({
  date: str('date'),
  importer: str('importer'),
  exporter: str('exporter'),
  a_pct: num('average under scenario a'),
  b_pct: num('average under scenario b'),
  diff_pp: num('b − a, percentage points'),
});

const comparison = obj({
  a: str('scenario a'),
  b: str('scenario b'),
  weights: str('weights'),
  rows: arrayOf(ref('ComparisonRow')),
  by_section: arrayOf({
    allOf: [ref('ComparisonRow')],
    type: 'object',
    properties: { section: str('HS section'), title: str('section title') },
    required: ['section', 'title'],
  }),
});

const meta = obj({
  name: str('tradewar'),
  version: str('version'),
  today: str("the server's date"),
  ledger_as_of: str('latest date written in the ledger up to today: how current the data is'),
  assumptions: arrayOf(str('a scheduled end the figures assume happened, though no source confirms it')),
  importers: arrayOf(str('US or CN')),
  weights: arrayOf(
    obj({
      name: str('weights option'),
      directions: arrayOf(
        obj({ importer: str('importer'), exporter: str('exporter'), description: str('what the weights are') }),
      ),
    }),
  ),
  scenarios: arrayOf(str('scenario name')),
  counts: obj({
    measures: num('measures'),
    events: num('events'),
    instruments: num('instruments'),
    suspensions: num('suspensions'),
    products_us: num('US lines'),
    products_cn: num('China lines'),
  }),
});

const history = obj({
  product: str('tariff code'),
  description: { type: ['string', 'null'] },
  origin: str('origin'),
  dest: str('importer'),
  intervals: arrayOf(ref('Interval')),
});
// present only when the code asked was not a national line: every line under it, as in `rate`
Object.assign(history.properties as Record<string, JsonSchema>, {
  query: (stack.properties as Record<string, JsonSchema>).query,
  lines: arrayOf(
    obj({
      code: str('national line'),
      description: { type: ['string', 'null'] },
      intervals: arrayOf(
        obj({
          from: str('first day'),
          until: str('first day after (exclusive)'),
          base: num('base rate, percent'),
          additional: num('additional duties, percentage points'),
          total: num('total, percent'),
          owed: num('total after court rulings, percent'),
        }),
      ),
    }),
  ),
  notes: arrayOf({ type: 'string' }),
});

export const errorSchema = {
  type: 'object',
  properties: {
    error: str('what is wrong and how to fix it'),
    field: str('the parameter at fault'),
    suggestions: arrayOf(ref('ProductHit')),
  },
  required: ['error'],
};

// ---- entry-file batch (POST /api/entries) ---------------------------------------------------------------------
const nullable = (type: string, description: string): JsonSchema => ({ type: [type, 'null'], description });
const entryLayer = obj({
  measure: str('measure id in the ledger'),
  authority: str('legal authority family'),
  rate_pct: num('what the layer adds on the entry date, percent of the customs value'),
  expected_pct: num('expected rate of the layer (equal to rate_pct until expected rates are priced)'),
  owed: { type: 'boolean', description: 'false for a measure struck down by a court (refundable)' },
  duty_statutory_usd: num('duty of the layer, USD'),
  duty_expected_usd: num('expected duty of the layer, USD'),
});
const entryLine = {
  type: 'object',
  description: 'one line of the entry file, priced (status ok) or rejected with a reason',
  properties: {
    row: num('row of the file, 1 = first data row'),
    entry_number: { type: ['string', 'number', 'null'], description: 'entry (summary) number as given' },
    line_number: { type: ['string', 'number', 'null'], description: 'line number as given' },
    entry_date: nullable('string', 'entry date, YYYY-MM-DD'),
    hts: nullable('string', 'HTS code, 10 digits'),
    origin: nullable('string', 'country of origin'),
    value_usd: nullable('number', 'customs value, USD'),
    quantity: nullable('number', 'quantity as given'),
    duty_paid_usd: nullable('number', 'duty paid as given, USD'),
    liquidation_date: nullable('string', 'liquidation date as given'),
    status: { type: 'string', enum: ['ok', 'rejected'] },
    reason: nullable('string', 'why the line was rejected'),
    base_pct: nullable('number', 'base (MFN) rate, percent'),
    statutory_pct: nullable('number', 'total statutory rate, percent'),
    expected_pct: nullable('number', 'total expected rate, percent'),
    owed_pct: nullable('number', 'total owed after court rulings, percent'),
    duty_base_usd: nullable('number', 'base duty, USD'),
    duty_statutory_usd: nullable('number', 'statutory duty, USD'),
    duty_expected_usd: nullable('number', 'expected duty, USD'),
    duty_owed_usd: nullable('number', 'duty owed after court rulings, USD'),
    refundable_usd: nullable('number', 'duty of struck-down measures, USD'),
    paid_minus_statutory_usd: nullable('number', 'duty paid minus statutory duty, USD'),
    difference_usd: nullable('number', 'duty paid minus duty owed, USD'),
    refund_due_usd: nullable('number', 'refund due: duty paid − owed, between 0 and the struck-down duty, USD'),
    refund_path: {
      type: ['string', 'null'],
      enum: ['cape', 'protest', 'court', null],
      description:
        "how the struck-down duty is claimed, from the liquidation date as of the summary's refund_as_of: cape (CBP CAPE portal; unliquidated or liquidated at most 80 days before), protest (under 180 days), court (a court order); null without refundable duty",
    },
    layers: { type: ['array', 'null'], items: entryLayer },
    unconfirmed: nullable(
      'string',
      'ids of the unconfirmed steps or suspension ends the statutory total rests on, space-separated (ADR 82)',
    ),
    alternative_total_pct: nullable(
      'string',
      'the statutory total with each of those flipped, same order, space-separated (ADR 82)',
    ),
  },
  required: ['row', 'status', 'reason'],
};
const layerTotal = obj({
  measure: str('measure id, or "base" for the MFN rate'),
  authority: str('authority family'),
  owed: { type: 'boolean', description: 'false: struck down, refundable' },
  lines: num('priced lines the layer applies to'),
  duty_statutory_usd: num('statutory duty, USD'),
  duty_expected_usd: num('expected duty, USD'),
  refundable_usd: num('struck-down duty, USD'),
});
const money = (what: string) => num(`${what}, USD`);
const entriesSummary = {
  type: 'object',
  properties: {
    importer: str('importing country'),
    rows: num('rows in the file'),
    accepted: num('rows priced'),
    rejected: num('rows rejected'),
    with_duty_paid: num('priced rows with duty paid'),
    first_entry_date: nullable('string', 'earliest entry date priced'),
    last_entry_date: nullable('string', 'latest entry date priced'),
    totals: obj({
      value_usd: money('customs value'),
      duty_base_usd: money('base duty'),
      duty_statutory_usd: money('statutory duty'),
      duty_expected_usd: money('expected duty'),
      duty_owed_usd: money('duty owed after court rulings'),
      refundable_usd: money('duty of struck-down measures'),
      duty_paid_usd: money('duty paid'),
      refund_due_usd: money('refund due'),
    }),
    by_layer: arrayOf(layerTotal),
    refund_as_of: str('the date the refund paths are judged at, YYYY-MM-DD'),
    by_refund_path: arrayOf(
      obj({
        path: { type: 'string', enum: ['cape', 'protest', 'court'] },
        lines: num('priced lines with refundable duty on this path'),
        refundable_usd: money('duty of struck-down measures'),
        refund_due_usd: money('refund due'),
      }),
    ),
    rejected_rows: arrayOf(obj({ row: num('row'), reason: str('why') })),
    expected_equals_statutory: { type: 'boolean', description: 'true while expected rates are not priced' },
    assumptions: arrayOf(str('an assumption of the computation')),
  },
  required: ['rows', 'accepted', 'rejected', 'totals', 'by_layer', 'rejected_rows'],
};
const entriesAnswer = obj({
  summary: entriesSummary,
  lines_total: num('lines in the file'),
  lines: arrayOf(entryLine),
});

export const COMPONENTS: Record<string, JsonSchema> = {
  Error: errorSchema,
  Layer: layer,
  Stack: stack,
  SectionFigure: sectionFigure,
  AveragePoint: averagePoint,
  UnconfirmedTotal: unconfirmedTotal,
  UnconfirmedAverage: unconfirmedAverage,
  PanelRow: panelRow,
  TimelineEntry: timelineEntry,
  Interval: interval,
  ProductHit: productHit,
  Scenario: scenario,
  ComparisonRow: comparisonRow,
  Comparison: comparison,
  Meta: meta,
  ProductHistory: history,
  EntriesAnswer: entriesAnswer,
};

export const R = { ref, arrayOf, obj, str, num };

// ---- export controls (src/api/routes-controls.ts) ---------------------------------------------------------------
const feature = {
  type: 'object',
  properties: {
    feature: str('what fired (literal, word_alignment, joined_letters, identifier, country_mismatch…)'),
    value: num('its measurement'),
    weight: num('its weight'),
    contribution: num('what it adds to the score'),
    detail: str('the words or values behind it'),
  },
  required: ['feature', 'value', 'weight', 'contribution'],
};
const measureState = {
  type: 'object',
  properties: {
    measure: str('measure id'),
    state: str('in_force | suspended | not_yet_effective | announced_only | threatened | ended'),
    in_force: { type: 'boolean' },
    reason: str('why, with dates'),
    citation: str('legal citation'),
    source: str('URL'),
  },
  required: ['measure', 'state', 'in_force', 'reason'],
};
COMPONENTS.ScreenHit = {
  type: 'object',
  properties: {
    party_id: str('list entry id'),
    list: str('list id'),
    name: str('entry name'),
    matched_name: str('the name or alias that matched'),
    country: str('ISO country of the entry'),
    score: num('0..1'),
    listed_on_date: { type: ['boolean', 'null'], description: 'on the list at the screening date (null: not known)' },
    date_added: { type: ['string', 'null'] },
    citation: str('Federal Register citation'),
    features: arrayOf(feature),
  },
  required: ['party_id', 'list', 'name', 'score', 'features'],
};
COMPONENTS.ScreenResult = {
  type: 'object',
  properties: {
    query: { type: 'object' },
    date: str('screening date'),
    algorithm: str('matching algorithm id'),
    threshold: num('lowest score reported'),
    hits: arrayOf(ref('ScreenHit')),
    lists: arrayOf({ type: 'object' }),
    affiliates: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          properties: {
            rule: { oneOf: [{ type: 'null' }, measureState] },
            entity: { type: ['string', 'null'] },
            covered_by_ownership: { type: 'boolean' },
            applies: { type: 'boolean' },
            total_share: num('percent owned by listed or covered parties'),
            threshold_pct: num('percent'),
            stakes: arrayOf({ type: 'object' }),
            reason: str('why'),
          },
          required: ['rule', 'covered_by_ownership', 'applies', 'stakes', 'reason'],
        },
      ],
    },
  },
  required: ['query', 'date', 'algorithm', 'threshold', 'hits', 'lists', 'affiliates'],
};
COMPONENTS.ScreenBatchRow = {
  type: 'object',
  properties: {
    row: num('row of the file'),
    name: str('name screened'),
    hits: num('hits at or above the threshold'),
    best_score: { type: ['number', 'null'] },
    best_list: str('list of the best hit'),
    best_name: str('name of the best hit'),
    explanation: str('features of the best hit'),
  },
  required: ['row', 'name', 'hits', 'best_score'],
};
COMPONENTS.BomAnswer = {
  type: 'object',
  properties: {
    date: str('date'),
    scenario: str('scenario'),
    destination: str('destination'),
    finished_good: { type: 'object' },
    licence_required: { type: 'boolean' },
    prohibited: { type: 'boolean' },
    summary: str('the answer in one sentence'),
    rules: arrayOf({
      type: 'object',
      properties: {
        measure: str('ledger measure'),
        kind: str('origin_items | extraterritorial_content | destination_ban | technology'),
        state: str('state on the date'),
        in_force: { type: 'boolean' },
        triggered: { type: 'boolean' },
        outcome: str(
          'licence_required | prohibited_in_principle | not_triggered | triggered_not_in_force | not_tested',
        ),
        licence_required: { type: 'boolean' },
        reasons: arrayOf({ type: 'string' }),
        items: arrayOf({ type: 'string' }),
        citation: str('legal citation'),
        source: str('URL'),
      },
      required: ['measure', 'kind', 'state', 'triggered', 'outcome', 'reasons'],
    }),
  },
  required: ['date', 'licence_required', 'prohibited', 'summary', 'rules'],
};
COMPONENTS.ProductControls = {
  type: 'object',
  properties: {
    product: str('code'),
    date: str('date'),
    measures: arrayOf({
      type: 'object',
      properties: {
        measure: str('ledger measure'),
        imposer: str('US or CN'),
        via: str('the heading that reaches the product'),
        state: str('state on the date'),
        in_force: { type: 'boolean' },
        reason: str('why'),
      },
      required: ['measure', 'imposer', 'via', 'state', 'in_force', 'reason'],
    }),
    reliance: { type: ['object', 'null'], description: 'US imports 2024 of the HS6 and the share from China' },
    usgs: { type: ['object', 'null'], description: 'USGS rare-earth figures, for rare-earth products' },
  },
  required: ['product', 'date', 'measures', 'reliance', 'usgs'],
};
COMPONENTS.ControlTimelineRow = {
  type: 'object',
  properties: {
    measure: str('ledger measure'),
    title: str('title'),
    imposer: str('US or CN'),
    kind: str('control kind'),
    segments: arrayOf({
      type: 'object',
      properties: {
        from: str('first day'),
        until: { type: ['string', 'null'] },
        state: str('state'),
        reason: str('why'),
      },
      required: ['from', 'until', 'state'],
    }),
  },
  required: ['measure', 'imposer', 'segments'],
};
// /api/rate carries the export controls reaching the product (see src/service/controls.ts)
(stack.properties as Record<string, JsonSchema>).controls = ref('ProductControls');
Object.assign(COMPONENTS, IMPACT_COMPONENTS);
