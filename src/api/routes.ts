// Every API route in one table: its query parameters (validated by Fastify), its answer's schema (published
// in /openapi.json), its handler over the service layer, and how its answer becomes CSV rows.
import type { TradewarContext } from '../service/context.js';
import { averageQuery, panelQuery, rateQuery, seriesQuery } from '../service/queries.js';
import { eventsQuery } from '../service/events-query.js';
import { parseImporter, IMPORTERS } from '../service/inputs.js';
import { compareScenarios, contextForScenario, listScenarios } from '../service/scenarios.js';
import { changesQuery } from '../service/changes.js';
import { historyQuery, type ProductHistory } from '../service/history.js';
import { controlsForProduct } from '../service/product-controls.js';
import { assumedLapses, ledgerAsOf } from '../ledger/ledger.js';
import { resolveWeights } from '../trade/weights.js';
import type { AveragePoint, SectionFigure } from '../trade/aggregate.js';
import type { Stack } from '../engine/evaluate.js';
import { stackRows } from '../service/stack-rows.js';
import type { Row } from '../util/csv.js';
import { todayIso } from '../util/dates.js';
import type { ProductIndex } from './products.js';
import { oncePerDay } from './per-day.js';
import { P, R, type JsonSchema } from './schemas.js';
import { averageColumns } from '../service/unconfirmed.js';

export interface RouteEnv {
  ctx: TradewarContext;
  products: ProductIndex;
  scenarioDir?: string;
  version: string;
}

export type Query = Record<string, string | undefined>;

export interface RouteDef {
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Query parameters: name → JSON schema; `required` lists the mandatory ones. */
  params: Record<string, JsonSchema>;
  required?: string[];
  /** Takes `scenario` and runs over that scenario's context. */
  scenario?: boolean;
  response: JsonSchema;
  /** Answers `format=csv` with these rows. */
  csv?: (answer: never) => Row[];
  /** Same query → same answer (nothing depends on today's date). GET routes only. */
  cacheable?: boolean;
  /** Expensive (many dates, whole panels, scenario comparisons): admission-controlled, run in a worker. */
  heavy?: boolean;
  /** HTTP method (default GET). A POST route reads its input from the request body. */
  method?: 'GET' | 'POST';
  /** POST: the JSON body's schema (validated by Fastify; published in /openapi.json). */
  body?: JsonSchema;
  /** POST: also accept `text/plain` and `text/csv` bodies, handed to the handler as a string. */
  textBody?: boolean;
  /** POST: largest body accepted, in bytes (default Fastify's 1 MiB). */
  bodyLimit?: number;
  /** POST: the body (CSV, text or JSON) is streamed to a temporary file; the handler gets `{ upload_file, media }`. */
  uploadToFile?: boolean;
  handler: (ctx: TradewarContext, q: Query, env: RouteEnv, body?: unknown) => unknown;
}

const DIRECTIONS = [
  ['US', 'CN'],
  ['CN', 'US'],
] as const;

function flattenAverages(points: AveragePoint[]): Row[] {
  return points.flatMap((p): Row[] => {
    const by = Object.entries(p.by ?? {});
    if (by.length && typeof by[0]![1] === 'object')
      return by.map(([section, f]) => {
        const s = f as SectionFigure;
        return {
          date: p.date,
          section,
          title: s.title,
          average_pct: s.average_pct,
          coverage_pct: s.coverage_pct,
          weight_share_pct: s.weight_share_pct,
        };
      });
    return [
      {
        date: p.date,
        average_pct: p.average_pct,
        coverage_pct: p.coverage_pct,
        ...Object.fromEntries(by.map(([k, v]) => [`${k}_pct`, v])),
        ...averageColumns(p),
      },
    ];
  });
}

/** statutory (default) or expected average (ADR 9). */
const RATE_KIND = {
  type: 'string',
  description: 'statutory (default) or expected: partial exclusions and exemptions priced by their shares (ADR 9)',
  enum: ['statutory', 'expected'],
  default: 'statutory',
} as const;

export const ROUTES: RouteDef[] = [
  {
    url: '/api/rate',
    operationId: 'rate',
    tag: 'duties',
    summary: 'Duty stack of one product on one date',
    description:
      'Base (MFN) rate, every candidate layer with whether it applies, why, its citation and source, and the total.',
    params: {
      product: P.product,
      origin: P.country('country of origin'),
      dest: P.importer,
      date: P.date('entry date'),
      value: P.value,
    },
    required: ['product', 'origin', 'dest', 'date'],
    scenario: true,
    cacheable: true,
    response: R.ref('Stack'),
    csv: (s: Stack) => stackRows(s),
    handler: async (ctx, q) => {
      const stack = rateQuery(ctx, q);
      return { ...stack, controls: await controlsForProduct(ctx, stack.product, stack.date) };
    },
  },
  {
    url: '/api/rate/history',
    operationId: 'rateHistory',
    tag: 'duties',
    summary: "A product's duty over time",
    description:
      "The intervals [from, until) over which the duty stack of one product from one origin is constant, 2018–2026. A code shorter than the schedule's lines (or of another HS edition) gives every line's intervals under `lines`, and the line that reaches the highest total in full, as `rate` does.",
    params: { product: P.product, origin: P.country('country of origin'), dest: P.importer },
    required: ['product', 'origin', 'dest'],
    scenario: true,
    cacheable: true,
    response: R.ref('ProductHistory'),
    csv: (h: ProductHistory) =>
      h.lines
        ? h.lines.flatMap((l) =>
            l.intervals.map((i) => ({
              line: l.code,
              from: i.from,
              until: i.until,
              base_pct: i.base,
              additional_pct: i.additional,
              total_pct: i.total,
              owed_pct: i.owed,
            })),
          )
        : h.intervals.map((i) => ({
            from: i.from,
            until: i.until,
            base_pct: i.base,
            additional_pct: i.additional,
            total_pct: i.total,
            owed_pct: i.owed,
            layers: i.layers.map((l) => `${l.measure}:${l.pct}`).join(';'),
          })),
    handler: (ctx, q) => historyQuery(ctx, q),
  },
  {
    url: '/api/average',
    operationId: 'average',
    heavy: true,
    tag: 'averages',
    summary: 'Trade-weighted average tariff at given dates',
    description:
      'Σ w·t / Σ w with fixed base-year weights; by=authority splits it into layer contributions, by=section into HS sections.',
    params: {
      importer: P.importer,
      exporter: P.country('exporting partner'),
      at: P.dates,
      weights: P.weights,
      by: { type: 'string', description: 'decomposition', enum: ['authority', 'section'] },
      rate: RATE_KIND,
    },
    required: ['importer', 'exporter', 'at'],
    scenario: true,
    cacheable: true,
    response: R.arrayOf(R.ref('AveragePoint')),
    csv: flattenAverages,
    handler: (ctx, q) => averageQuery(ctx, q),
  },
  {
    url: '/api/series',
    operationId: 'series',
    heavy: true,
    tag: 'averages',
    summary: 'Every date at which the trade-weighted average changes',
    description: 'A step series: each point holds from its date until the next point.',
    params: {
      importer: P.importer,
      exporter: P.country('exporting partner'),
      from: { ...P.date('first date'), default: '2018-01-01' },
      to: { ...P.date('last date'), default: '2026-12-31' },
      weights: P.weights,
      rate: RATE_KIND,
    },
    required: ['importer', 'exporter'],
    scenario: true,
    cacheable: true,
    response: R.arrayOf(R.ref('AveragePoint')),
    csv: (points: AveragePoint[]) =>
      points.map((p) => ({
        date: p.date,
        average_pct: p.average_pct,
        coverage_pct: p.coverage_pct,
        ...averageColumns(p),
      })),
    handler: (ctx, q) => seriesQuery(ctx, q),
  },
  {
    url: '/api/panel',
    operationId: 'panel',
    heavy: true,
    tag: 'averages',
    summary: 'One row per tariff line of the importer on a date',
    params: { importer: P.importer, exporter: P.country('exporting partner'), at: P.date('date') },
    required: ['importer', 'exporter', 'at'],
    scenario: true,
    cacheable: true,
    response: R.arrayOf(R.ref('PanelRow')),
    csv: (rows: Row[]) => rows,
    handler: (ctx, q) => panelQuery(ctx, q),
  },
  {
    url: '/api/events',
    operationId: 'events',
    tag: 'ledger',
    summary: 'Dated timeline of every measure step, suspension and talk in the ledger',
    params: {
      from: P.date('first date'),
      to: P.date('last date'),
      side: P.side,
      kind: {
        type: 'string',
        maxLength: 40,
        description: 'instrument kind (ad_valorem, export_control, ...) or "event" for talks, truces, rulings, threats',
      },
    },
    scenario: true,
    response: R.arrayOf(R.ref('TimelineEntry')),
    csv: (entries: Array<{ sources: string[] }>) => entries.map((e) => ({ ...e, sources: e.sources.join(' ') })),
    handler: (ctx, q) => eventsQuery(ctx, q),
  },
  {
    url: '/api/changes',
    operationId: 'changes',
    tag: 'ledger',
    summary: 'What changed since a date, or what is scheduled next',
    description: 'Overall, or for one product (dest defaults to US, origin to the other side).',
    params: {
      since: P.date('list changes from this date to today'),
      upcoming: P.flag('1 or true: list scheduled changes after today'),
      product: P.product,
      dest: P.importer,
      origin: P.country('country of origin'),
      today: P.date('reference date instead of today'),
    },
    scenario: true,
    response: R.arrayOf(R.ref('TimelineEntry')),
    csv: (entries: Array<{ sources: string[] }>) => entries.map((e) => ({ ...e, sources: e.sources.join(' ') })),
    handler: (ctx, q) =>
      changesQuery(ctx, { ...q, upcoming: q.upcoming === '0' || q.upcoming === 'false' ? false : q.upcoming }),
  },
  {
    url: '/api/products',
    operationId: 'products',
    tag: 'products',
    summary: 'Search products by code prefix or words in their descriptions (full-text index, ranked)',
    params: {
      q: {
        type: 'string',
        maxLength: 100,
        description:
          'a code prefix (8517, 8517.13) or up to 10 words (smartphones, soya beans); full-text index with stems and synonyms',
      },
      importer: { ...P.importer, description: 'only this schedule: US or CN (default both)' },
      limit: { type: 'integer', minimum: 1, maximum: 50, default: 50, description: 'at most this many hits (≤ 50)' },
    },
    required: ['q'],
    cacheable: true,
    response: R.arrayOf(R.ref('ProductHit')),
    csv: (rows: Row[]) => rows,
    handler: (ctx, q, env) => {
      const importer = q.importer ? parseImporter(q.importer, 'importer', ctx.data) : undefined;
      return env.products.search(q.q ?? '', importer, Number(q.limit ?? 50));
    },
  },
  {
    url: '/api/scenarios',
    operationId: 'scenarios',
    tag: 'scenarios',
    summary: 'The shipped scenarios, each operation in words',
    params: {},
    cacheable: true,
    response: R.arrayOf(R.ref('Scenario')),
    handler: async (ctx, _q, env) =>
      (await listScenarios(ctx, ...dirArg(env))).map((s) => ({ ...s, file: relativeFile(s.file) })),
  },
  {
    url: '/api/scenarios/compare',
    operationId: 'compareScenarios',
    heavy: true,
    tag: 'scenarios',
    summary: 'Averages of two scenarios both ways at given dates, their difference, and by HS section',
    params: {
      a: { ...P.scenario, description: 'first scenario (default baseline)' },
      b: { ...P.scenario, description: 'second scenario (default baseline)' },
      at: P.dates,
      weights: P.weights,
    },
    required: ['at'],
    cacheable: true,
    response: R.ref('Comparison'),
    csv: (c: { rows: Row[]; by_section: Row[] }) => [
      ...c.rows.map((r) => ({ ...r, section: 'all', title: 'all products' })),
      ...c.by_section,
    ],
    handler: (ctx, q, env) => compareScenarios(ctx, { a: q.a, b: q.b, at: q.at, weights: q.weights }, ...dirArg(env)),
  },
  {
    url: '/api/meta',
    operationId: 'meta',
    tag: 'meta',
    summary: 'How current the ledger is, weights options, importers, scenarios',
    params: {},
    response: R.ref('Meta'),
    handler: (ctx, _q, env) => {
      const today = todayIso();
      return oncePerDay(env, 'meta', today, () => metaAnswer(ctx, env, today));
    },
  },
];

/** /api/meta: the same for a whole day (the scenario list is read once per server and day, not per request). */
async function metaAnswer(ctx: TradewarContext, env: RouteEnv, today: string) {
  const weights = ['2017', '2024', 'world'].map((name) => ({
    name,
    directions: DIRECTIONS.flatMap(([importer, exporter]) => {
      try {
        const w = resolveWeights(ctx.data, name, importer, exporter);
        return [{ importer, exporter, description: w.description }];
      } catch {
        return [];
      }
    }),
  }));
  const scenarios = (await listScenarios(ctx, ...dirArg(env))).map((s) => s.name);
  return {
    name: 'tradewar',
    version: env.version,
    today,
    ledger_as_of: ledgerAsOf(ctx.ledger, today),
    assumptions: assumedLapses(ctx.ledger, today),
    importers: [...IMPORTERS],
    weights,
    scenarios,
    counts: {
      measures: ctx.ledger.measures.length,
      events: ctx.ledger.events.length,
      instruments: ctx.ledger.instruments.size,
      suspensions: ctx.ledger.suspensions.length,
      products_us: ctx.data.products.get('US')?.size ?? 0,
      products_cn: ctx.data.products.get('CN')?.size ?? 0,
    },
  };
}

/** The scenario folder to use, when the server was given one (tests, --scenarios). */
function dirArg(env: RouteEnv): [] | [string] {
  return env.scenarioDir ? [env.scenarioDir] : [];
}

function relativeFile(file: string): string {
  const i = file.lastIndexOf('/scenarios/');
  return i >= 0 ? file.slice(i + 1) : file.split('/').pop()!;
}

/** The context a request runs over: the baseline or a named scenario. */
export async function scenarioContext(env: RouteEnv, name: string | undefined): Promise<TradewarContext> {
  return contextForScenario(env.ctx, name, ...dirArg(env));
}
