// The questions tradewar answers, as plain functions over a context: the command line and the HTTP API
// both call these, so their answers are the same.
import type { TradewarContext } from './context.js';
import { parseChoice, parseCountry, parseDate, parseDates, parseImporter, parseUsd, scopeCaveat } from './inputs.js';
import { resolveCode } from '../codes/resolve.js';
import type { Stack } from '../engine/evaluate.js';
import { stackForCode } from './lines.js';
import type { DutyAmounts } from '../contract/answers.js';
import {
  buildIntervalPanel,
  intervalRows,
  panelAt,
  panelUniverse,
  type IntervalRow,
  type PanelRow,
} from '../engine/panel.js';
import { averagesAt, averageSeries, type AveragePoint, type ByDimension, type RateKind } from '../trade/aggregate.js';
import { resolveWeights, weightsFor, type WeightChoice } from '../trade/weights.js';
import { UserInputError } from '../util/errors.js';
import { addDays, todayIso } from '../util/dates.js';
import { annotateAverages, annotateSeries, annotateStack } from './unconfirmed.js';

export type Progress = (done: number, total: number) => void;

export interface RateInput {
  product?: string;
  origin?: string;
  dest?: string;
  /** Entry date, YYYY-MM-DD (default: today). */
  date?: string;
  /** Customs value in USD: the answer then carries the duty in dollars. */
  value?: string | number;
}

const cents = (x: number) => Math.round(x * 100) / 100;

/** Duty in dollars on a customs value: base and each applying layer (rate × share already in contribution). */
export function dutyAmounts(stack: Stack, value: number): DutyAmounts {
  const layers_usd: Record<string, number> = {};
  for (const l of stack.layers) if (l.applies) layers_usd[l.measure] = cents((value * l.contribution_pct) / 100);
  return {
    value_usd: value,
    base_usd: cents((value * stack.base_pct) / 100),
    layers_usd,
    total_usd: cents((value * stack.total_pct) / 100),
    owed_usd: cents((value * stack.owed_total_pct) / 100),
  };
}

export function parseValue(value: string | number | undefined, field = 'value'): number | undefined {
  if (value === undefined || value === '') return undefined;
  return parseUsd(value, field);
}

export function rateQuery(ctx: TradewarContext, input: RateInput): Stack {
  const dest = parseImporter(input.dest, 'dest', ctx.data);
  const origin = parseCountry(input.origin, 'origin', ctx.data);
  if (origin === dest)
    throw new UserInputError(`origin and dest are both ${dest}: choose two different countries`, 'origin');
  const date = input.date === undefined ? todayIso() : parseDate(input.date, 'date');
  if (!input.product) throw new UserInputError('missing product: give a tariff code, e.g. 8517130000', 'product');
  const rules = ctx.rules(dest);
  const code = resolveCode(input.product, dest, rules.universe, ctx.data.concordance);
  const value = parseValue(input.value);
  const stack = stackForCode(rules, code, origin, date);
  const caveat = scopeCaveat(dest, origin);
  if (caveat) stack.notes.push(caveat);
  if (value !== undefined) stack.amounts = dutyAmounts(stack, value);
  return annotateStack(ctx, stack);
}

export interface AverageInput {
  importer?: string;
  exporter?: string;
  at?: string;
  weights?: string;
  by?: string;
  /** statutory (default) or expected (ADR 9). */
  rate?: string;
}

function parseRateKind(rate: string | undefined): RateKind {
  return rate === undefined ? 'statutory' : parseChoice<RateKind>(rate, 'rate', ['statutory', 'expected'], 'statutory');
}

export interface PairInput {
  importer: string;
  exporter: string;
  weights: WeightChoice;
}

function parsePair(ctx: TradewarContext, input: { importer?: string; exporter?: string; weights?: string }): PairInput {
  const importer = parseImporter(input.importer, 'importer', ctx.data);
  const exporter = parseCountry(input.exporter, 'exporter', ctx.data);
  if (importer === exporter) throw new UserInputError(`importer and exporter are both ${importer}`, 'exporter');
  const weights = resolveWeights(ctx.data, input.weights ?? '2017', importer, exporter);
  return { importer, exporter, weights };
}

export async function averageQuery(
  ctx: TradewarContext,
  input: AverageInput,
  progress?: Progress,
): Promise<AveragePoint[]> {
  const pair = parsePair(ctx, input);
  const dates = parseDates(input.at, 'at');
  const by =
    input.by === undefined
      ? undefined
      : parseChoice<ByDimension>(input.by, 'by', ['authority', 'section'], 'authority');
  const rate = parseRateKind(input.rate);
  if (rate === 'expected' && by === 'authority')
    throw new UserInputError(
      'by=authority splits the statutory average only: drop --rate expected or use --by section',
      'by',
    );
  const w = await weightsFor(ctx.data, pair.weights);
  const points = averagesAt(ctx.rules(pair.importer), pair.exporter, dates, w, by, progress, rate);
  return annotateAverages(ctx, pair.importer, pair.exporter, points, w, rate);
}

export interface SeriesInput {
  importer?: string;
  exporter?: string;
  from?: string;
  to?: string;
  weights?: string;
  /** statutory (default) or expected (ADR 9). */
  rate?: string;
}

export async function seriesQuery(
  ctx: TradewarContext,
  input: SeriesInput,
  progress?: Progress,
): Promise<AveragePoint[]> {
  const pair = parsePair(ctx, input);
  const from = parseDate(input.from ?? '2018-01-01', 'from');
  const to = parseDate(input.to ?? '2026-12-31', 'to');
  if (to < from) throw new UserInputError(`to ${to} is before from ${from}`, 'to');
  const rate = parseRateKind(input.rate);
  const w = await weightsFor(ctx.data, pair.weights);
  const window = { from, until: addDays(to, 1) };
  const points = averageSeries(ctx.rules(pair.importer), pair.exporter, window, w, progress, rate);
  return annotateSeries(ctx, pair.importer, pair.exporter, points, window, w, rate);
}

export interface PanelInput {
  importer?: string;
  exporter?: string;
  at?: string;
}

export function panelQuery(ctx: TradewarContext, input: PanelInput): PanelRow[] {
  const importer = parseImporter(input.importer, 'importer', ctx.data);
  const exporter = parseCountry(input.exporter, 'exporter', ctx.data);
  if (importer === exporter) throw new UserInputError(`importer and exporter are both ${importer}`, 'exporter');
  const at = parseDate(input.at, 'at');
  const rules = ctx.rules(importer);
  return panelAt(rules, exporter, at, panelUniverse(rules));
}

export interface IntervalPanelInput {
  importer?: string;
  /** ISO alpha-2, or ALL for every partner with trade data for the importer. */
  exporter?: string;
  from?: string;
  to?: string;
}

/** The interval-encoded panel (ORDER BY importer, exporter, product, valid_from): one row per constant stretch. */
export function intervalPanelQuery(
  ctx: TradewarContext,
  input: IntervalPanelInput,
  progress?: Progress,
): IntervalRow[] {
  const importer = parseImporter(input.importer, 'importer', ctx.data);
  const exporters =
    input.exporter?.toUpperCase() === 'ALL'
      ? (ctx.data.partners.get(importer) ?? []).filter((p) => p !== importer)
      : [parseCountry(input.exporter, 'exporter', ctx.data)];
  if (exporters.includes(importer)) throw new UserInputError(`importer and exporter are both ${importer}`, 'exporter');
  const from = parseDate(input.from ?? '2018-01-01', 'from');
  const to = parseDate(input.to ?? '2026-12-31', 'to');
  if (to < from) throw new UserInputError(`to ${to} is before from ${from}`, 'to');
  const panel = buildIntervalPanel(ctx.rules(importer), exporters, { from, until: addDays(to, 1) }, progress);
  return [...intervalRows(panel)];
}
