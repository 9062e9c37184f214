// /api/commitments: purchase commitments (Phase One, Busan soybeans) against US-reported exports to China.
import { commitmentReports, commitmentRows, type CommitmentReport } from '../commitments/commitments.js';
import type { RouteDef } from './routes.js';
import { P, type JsonSchema } from './schemas.js';

const n = (description: string): JsonSchema => ({ type: ['number', 'null'], description });
const s = (description: string): JsonSchema => ({ type: ['string', 'null'], description });

const yearFigure: JsonSchema = {
  type: 'object',
  required: ['year', 'window_from', 'window_until', 'target_usd', 'actual_usd', 'share_met_pct', 'source'],
  properties: {
    year: { type: 'integer' },
    window_from: { type: 'string' },
    window_until: { type: 'string', description: 'end of the target window, exclusive' },
    baseline_usd: n('value of the category in the baseline year, same data'),
    increment_usd: n('agreed increment above the baseline'),
    target_usd: n('target in USD (baseline + increment)'),
    actual_usd: n('US-reported exports to China in the window'),
    target_tonnes: n('target in tonnes'),
    actual_tonnes: n('tonnes shipped in the window'),
    purchases_tonnes: n('tonnes purchased (net sales) in the window, from a USDA export-sales file'),
    share_met_pct: n('actual / target, percent'),
    source: s('data source used for the window'),
    target_status: { type: 'string' },
    note: s('partial or approximate windows, the target note'),
  },
};

const monthFigure: JsonSchema = {
  type: 'object',
  required: ['month', 'window_from', 'source'],
  properties: {
    month: { type: 'string' },
    window_from: { type: 'string' },
    actual_usd: n('exports in the month'),
    actual_tonnes: n('tonnes in the month'),
    cumulative_actual_usd: n('cumulative in the window'),
    cumulative_actual_tonnes: n('cumulative tonnes in the window'),
    cumulative_target_usd: n('the window target spread evenly over its months (illustrative)'),
    cumulative_target_tonnes: n('the window target in tonnes spread evenly (illustrative)'),
    source: { type: 'string' },
  },
};

const category: JsonSchema = {
  type: 'object',
  required: ['category', 'title', 'target_usd', 'actual_usd', 'share_met_pct', 'notes', 'by_year', 'by_month'],
  properties: {
    category: {
      type: 'string',
      description: 'goods (all goods), manufactured, agriculture, energy, services; soybeans, sorghum, logs',
    },
    title: { type: 'string' },
    target_usd: n('target over the windows with data, USD'),
    actual_usd: n('actual over the windows with data, USD'),
    share_met_pct: n('actual / target, percent (tonnes for tonnage commitments)'),
    target_tonnes: n('target in tonnes'),
    actual_tonnes: n('tonnes shipped'),
    purchases_tonnes: n('tonnes purchased (USDA export sales), when such a file was loaded'),
    data_gap: { type: 'string', description: 'why this category is not measured' },
    notes: { type: 'array', items: { type: 'string' } },
    by_year: { type: 'array', items: yearFigure },
    by_month: { type: 'array', items: monthFigure },
  },
};

export const commitmentSchema: JsonSchema = {
  type: 'object',
  required: ['name', 'title', 'status', 'unit', 'data_until', 'data_used', 'method', 'categories'],
  properties: {
    name: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'string' },
    unit: { type: 'string', enum: ['usd', 'tonnes'] },
    baseline_year: { type: ['integer', 'null'] },
    data_until: s('last day of the data used'),
    data_used: {
      type: 'array',
      items: {
        type: 'object',
        required: ['source', 'label', 'periods', 'until'],
        properties: {
          source: { type: 'string' },
          label: { type: 'string' },
          periods: { type: 'string' },
          until: { type: 'string' },
        },
      },
    },
    method: { type: 'array', items: { type: 'string' } },
    categories: { type: 'array', items: category },
  },
};

export const COMMITMENTS_ROUTES: RouteDef[] = [
  {
    url: '/api/commitments',
    operationId: 'commitments',
    tag: 'commitments',
    summary: 'Purchase commitments: target, actual and share met by category, year and month',
    description:
      'Phase One (2020-2021, goods by category above the 2017 baseline; services stated as a data gap) and the Busan soybean commitments (tonnes), against US-reported exports to China in the shipped data. Newer data files are loaded with the CLI (`tradewar commitments --actuals FILE`).',
    params: {
      name: { type: 'string', maxLength: 40, description: 'commitment id (phase-one | busan-soybeans); default all' },
      format: P.format(['json', 'csv']),
    },
    response: { type: 'array', items: commitmentSchema },
    csv: (reports: CommitmentReport[]) => commitmentRows(reports, { months: true }),
    cacheable: true,
    heavy: true, // the first call reads the trade files (seconds): in a worker, so the event loop stays free
    handler: (ctx, q) => commitmentReports(ctx.ledger, ctx.data.dir, { name: q.name || undefined }),
  },
];
