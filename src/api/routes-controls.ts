// Export-control routes: screen a party (GET; POST with an ownership file for the Affiliates Rule; POST a CSV
// batch), test a bill of materials (POST), the controls reaching a product, the controls timeline.
import type { RouteDef } from './routes.js';
import { P, R, type JsonSchema } from './schemas.js';
import {
  bomQuery,
  controlsForProduct,
  controlsTimeline,
  screenBatch,
  screenQuery,
  type ControlTimelineRow,
  type ProductControls,
  type ScreenInput,
  type ScreenResult,
} from '../service/controls.js';
import type { BomAnswer } from '../controls/rules/bom.js';
import { parseCsv } from '../controls/io/csv-read.js';
import { parseDate } from '../service/inputs.js';
import { UserInputError } from '../util/errors.js';
import type { Row } from '../util/csv.js';

const text = (description: string, maxLength = 200): JsonSchema => ({ type: 'string', description, maxLength });

const SCREEN_PARAMS: Record<string, JsonSchema> = {
  name: text('party name, e.g. Huawei Technologies Co., Ltd.', 300),
  country: P.country('country of the party'),
  date: P.date('screening date (default today)'),
  schema: {
    type: 'string',
    enum: ['Person', 'Company', 'Organization', 'LegalEntity', 'Vessel'],
    description: 'kind of party',
  },
  id: text('identifiers, comma-separated (registration, tax, USCC, IMO…)'),
  address: text('address of the party', 400),
  algorithm: {
    type: 'string',
    enum: ['tw-name-1', 'tw-jaro-1', 'tw-literal-1'],
    description: 'matching algorithm (default tw-name-1)',
  },
  threshold: { type: 'string', pattern: '^(0(\\.[0-9]+)?|1(\\.0+)?)$', description: 'lowest score reported, 0..1' },
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 25, description: 'most hits' },
};

const hitsCsv = (r: ScreenResult): Row[] =>
  r.hits.map((h) => ({
    party_id: h.party_id,
    list: h.list,
    name: h.name,
    matched_name: h.matched_name,
    country: h.country,
    score: h.score,
    date_added: h.date_added,
    listed_on_date: h.listed_on_date,
    citation: h.citation,
    features: h.features.map((f) => `${f.feature}:${f.contribution}`).join(';'),
  }));

function screenBody(body: unknown): ScreenInput {
  if (!body || typeof body !== 'object')
    throw new UserInputError('send a JSON object: {name, country?, date?, ownership?}', 'body');
  const b = body as Record<string, unknown>;
  const s = (k: string) => (b[k] === undefined || b[k] === null ? undefined : String(b[k]));
  return {
    name: s('name'),
    country: s('country'),
    date: s('date'),
    schema: s('schema'),
    identifiers: Array.isArray(b.identifiers) ? (b.identifiers as unknown[]).map(String) : s('identifiers'),
    address: s('address'),
    algorithm: s('algorithm'),
    threshold: s('threshold'),
    limit: s('limit'),
    ownership: s('ownership'),
  };
}

export const CONTROLS_ROUTES: RouteDef[] = [
  {
    url: '/api/screen',
    operationId: 'screen',
    tag: 'controls',
    summary: 'Screen a party against the restricted-party lists',
    description:
      'BIS Entity List, MEU, DPL; OFAC SDN and NS-CMIC; DoD 1260H. Every hit carries the features that fired and their contributions.',
    params: SCREEN_PARAMS,
    required: ['name'],
    cacheable: true,
    response: R.ref('ScreenResult'),
    csv: hitsCsv,
    handler: (ctx, q) => screenQuery(ctx, { ...q, identifiers: q.id }),
  },
  {
    url: '/api/screen',
    operationId: 'screenWithOwnership',
    method: 'POST',
    tag: 'controls',
    summary: 'Screen a party, with an ownership file for the 50% Affiliates Rule',
    description:
      'JSON body {name, country?, date?, schema?, identifiers?, address?, algorithm?, threshold?, ownership?}; ownership is CSV text with columns owner, owned, share, from, until.',
    params: { scenario: P.scenario },
    scenario: true,
    body: {
      type: 'object',
      properties: {
        name: text('party name', 300),
        country: P.country('country of the party'),
        date: P.date('screening date'),
        schema: { type: 'string' },
        identifiers: { type: 'array', items: { type: 'string', maxLength: 60 }, maxItems: 20 },
        address: text('address', 400),
        algorithm: { type: 'string', maxLength: 20 },
        threshold: { type: ['string', 'number'] },
        limit: { type: ['string', 'integer'] },
        ownership: text('ownership CSV: owner, owned, share, from, until', 1_000_000),
      },
      required: ['name'],
      additionalProperties: false,
    },
    bodyLimit: 2_000_000,
    response: R.ref('ScreenResult'),
    csv: hitsCsv,
    handler: (ctx, _q, _env, body) => screenQuery(ctx, screenBody(body)),
  },
  {
    url: '/api/screen/batch',
    operationId: 'screenBatch',
    method: 'POST',
    tag: 'controls',
    summary: 'Screen a CSV of parties (columns name[, country, schema, identifiers, address])',
    params: {
      date: P.date('screening date'),
      algorithm: SCREEN_PARAMS.algorithm!,
      threshold: SCREEN_PARAMS.threshold!,
    },
    textBody: true,
    bodyLimit: 5_000_000,
    response: R.arrayOf(R.ref('ScreenBatchRow')),
    csv: (rows: Row[]) => rows,
    handler: (ctx, q, _env, body) => {
      if (typeof body !== 'string')
        throw new UserInputError('send the parties as text/csv with a header line naming "name"', 'body');
      const rows = parseCsv(body, ['name'], 'the parties file').map((r) => r.values);
      if (rows.length > 50_000) throw new UserInputError('at most 50,000 parties a request: split the file', 'body');
      return screenBatch(ctx, rows, { date: q.date, algorithm: q.algorithm, threshold: q.threshold });
    },
  },
  {
    url: '/api/bom',
    operationId: 'bom',
    method: 'POST',
    tag: 'controls',
    summary: "A bill of materials against China's export controls on a date",
    description:
      'Body: the BOM as JSON {finished_good, destination?, items} or as CSV (text/csv: role,id,description,hs,origin,value,element,share_pct,content_value,chinese_origin). Answers whether a Chinese export licence is needed, rule by rule, with reasons.',
    params: {
      date: P.date('date of the export'),
      destination: P.country('destination of the finished good'),
      scenario: P.scenario,
    },
    required: ['date'],
    scenario: true,
    textBody: true,
    bodyLimit: 2_000_000,
    response: R.ref('BomAnswer'),
    csv: (a: BomAnswer) =>
      a.rules.map((r) => ({
        measure: r.measure,
        citation: r.citation,
        state: r.state,
        triggered: r.triggered,
        outcome: r.outcome,
        items: r.items.join(' '),
        reasons: r.reasons.join(' | '),
        source: r.source,
      })),
    handler: (ctx, q, _env, body) => {
      if (body === undefined || body === null || body === '')
        throw new UserInputError('send the bill of materials as the request body (JSON or CSV)', 'body');
      return bomQuery(ctx, {
        bom: typeof body === 'string' ? body : (body as Record<string, unknown>),
        date: q.date,
        destination: q.destination,
      });
    },
  },
  {
    url: '/api/controls',
    operationId: 'productControls',
    tag: 'controls',
    summary: 'Export controls reaching a product on a date, with US import reliance on China',
    params: {
      product: { ...P.product, description: 'HS/HTS code or prefix (8505.11, 2846, 8112.92)' },
      date: P.date('date'),
    },
    required: ['product', 'date'],
    scenario: true,
    cacheable: true,
    response: R.ref('ProductControls'),
    csv: (c: ProductControls) => c.measures as unknown as Row[],
    handler: (ctx, q) => controlsForProduct(ctx, q.product ?? '', parseDate(q.date, 'date')),
  },
  {
    url: '/api/controls/timeline',
    operationId: 'controlsTimeline',
    tag: 'controls',
    summary: 'Every export-control measure of both sides with its states over time (suspensions as segments)',
    params: {},
    scenario: true,
    cacheable: true,
    response: R.arrayOf(R.ref('ControlTimelineRow')),
    csv: (rows: ControlTimelineRow[]) =>
      rows.flatMap((r) =>
        r.segments.map((s) => ({
          imposer: r.imposer,
          measure: r.measure,
          title: r.title,
          from: s.from,
          until: s.until,
          state: s.state,
          reason: s.reason,
        })),
      ),
    handler: (ctx) => controlsTimeline(ctx),
  },
];
