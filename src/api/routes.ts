// Every API route in one table: its query parameters (validated by Fastify), its answer's schema (published
// in /openapi.json), its handler over the service layer, and how its answer becomes CSV rows.
import type { PanelInterval } from '../contract/answers.js';
import type { TradewarContext } from '../service/context.js';
import { averageQuery, panelQuery, rateQuery, seriesQuery } from '../service/queries.js';
import { timeline, timelineBetween } from '../service/events.js';
import { parseCountry, parseDate, parseImporter, IMPORTERS } from '../service/inputs.js';
import { compareScenarios, contextForScenario, listScenarios } from '../service/scenarios.js';
import { changesQuery } from '../service/changes.js';
import { controlsForProduct, listEvents, withListEvents } from '../service/controls.js';
import { assumedLapses, ledgerAsOf } from '../ledger/ledger.js';
import { requireKnownProduct } from '../codes/product-codes.js';
import { productIntervals } from '../engine/panel.js';
import { resolveWeights } from '../trade/weights.js';
import type { AveragePoint, SectionFigure } from '../trade/aggregate.js';
import type { Stack } from '../engine/evaluate.js';
import type { Row } from '../util/csv.js';
import { todayIso } from '../util/dates.js';
import { UserInputError } from '../util/errors.js';
import type { ProductIndex } from './products.js';
import { P, R, type JsonSchema } from './schemas.js';

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
  /** HTTP method (default GET). A POST route reads its input from the request body. */
  method?: 'GET' | 'POST';
  /** POST: the JSON body's schema (validated by Fastify; published in /openapi.json). */
  body?: JsonSchema;
  /** POST: also accept `text/plain` and `text/csv` bodies, handed to the handler as a string. */
  textBody?: boolean;
  /** POST: largest body accepted, in bytes (default Fastify's 1 MiB). */
  bodyLimit?: number;
  handler: (ctx: TradewarContext, q: Query, env: RouteEnv, body?: unknown) => unknown;
}

const DIRECTIONS = [
  ['US', 'CN'],
  ['CN', 'US'],
] as const;

function flattenAverages(points: AveragePoint[]): Row[] {
  return points.flatMap((p) => {
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
      },
    ];
  });
}

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
    csv: (s: Stack) => [
      {
        kind: 'base',
        measure: s.base.measure,
        authority: 'mfn',
        rate_pct: s.base_pct,
        contribution_pct: s.base_pct,
        applies: true,
        reason: s.base.rate_text ?? '',
        citation: s.base.table,
        source: s.base.source,
      },
      ...s.layers.map((l) => ({
        kind: 'layer',
        measure: l.measure,
        authority: l.authority,
        rate_pct: l.rate_pct,
        contribution_pct: l.contribution_pct,
        applies: l.applies,
        reason: l.reason,
        citation: l.citation,
        source: l.source,
      })),
      {
        kind: 'total',
        measure: '',
        authority: '',
        rate_pct: s.total_pct,
        contribution_pct: s.total_pct,
        applies: true,
        reason: `owed after rulings ${s.owed_total_pct}%`,
        citation: '',
        source: '',
      },
    ],
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
      'The intervals [from, until) over which the duty stack of one product from one origin is constant, 2018–2026.',
    params: { product: P.product, origin: P.country('country of origin'), dest: P.importer },
    required: ['product', 'origin', 'dest'],
    scenario: true,
    cacheable: true,
    response: R.ref('ProductHistory'),
    csv: (h: { intervals: PanelInterval[] }) =>
      h.intervals.map((i) => ({
        from: i.from,
        until: i.until,
        base_pct: i.base,
        additional_pct: i.additional,
        total_pct: i.total,
        owed_pct: i.owed,
        layers: i.layers.map((l) => `${l.measure}:${l.pct}`).join(';'),
      })),
    handler: (ctx, q) => {
      const dest = parseImporter(q.dest, 'dest', ctx.data);
      const origin = parseCountry(q.origin, 'origin', ctx.data);
      if (origin === dest)
        throw new UserInputError(`origin and dest are both ${dest}: choose two different countries`, 'origin');
      if (!q.product) throw new UserInputError('missing product: give a tariff code, e.g. 8517130000', 'product');
      const rules = ctx.rules(dest);
      const product = requireKnownProduct(q.product, rules.universe, dest);
      const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
      const intervals = productIntervals(rules, product, origin).map((i) => ({
        ...i,
        base: r6(i.base),
        additional: r6(i.additional),
        total: r6(i.total),
        owed: r6(i.owed),
        layers: i.layers.map((l) => ({ ...l, pct: r6(l.pct) })),
      }));
      return { product, description: rules.universe.get(product)?.description ?? null, origin, dest, intervals };
    },
  },
  {
    url: '/api/average',
    operationId: 'average',
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
    tag: 'averages',
    summary: 'Every date at which the trade-weighted average changes',
    description: 'A step series: each point holds from its date until the next point.',
    params: {
      importer: P.importer,
      exporter: P.country('exporting partner'),
      from: { ...P.date('first date'), default: '2018-01-01' },
      to: { ...P.date('last date'), default: '2026-12-31' },
      weights: P.weights,
    },
    required: ['importer', 'exporter'],
    scenario: true,
    cacheable: true,
    response: R.arrayOf(R.ref('AveragePoint')),
    csv: (points: AveragePoint[]) =>
      points.map((p) => ({ date: p.date, average_pct: p.average_pct, coverage_pct: p.coverage_pct })),
    handler: (ctx, q) => seriesQuery(ctx, q),
  },
  {
    url: '/api/panel',
    operationId: 'panel',
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
    handler: async (ctx, q) => {
      const from = q.from ? parseDate(q.from, 'from') : undefined;
      const to = q.to ? parseDate(q.to, 'to') : undefined;
      const lists = !q.kind || q.kind === 'entity_listing' ? await listEvents(ctx) : [];
      let entries = timelineBetween(withListEvents(timeline(ctx.ledger, todayIso()), lists), from, to);
      if (q.side && q.side !== 'both') entries = entries.filter((e) => e.side === q.side || e.side === 'both');
      if (q.kind) entries = entries.filter((e) => e.instrument_kind === q.kind);
      return entries;
    },
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
    summary: 'Search products by code prefix or words in their descriptions',
    params: {
      q: {
        type: 'string',
        maxLength: 100,
        description: 'a code prefix (8517, 8517.13) or words (smartphones, soya beans)',
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
    handler: async (ctx, _q, env) => {
      const today = todayIso();
      const weights = ['2017', '2024'].map((name) => ({
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
    },
  },
];

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
