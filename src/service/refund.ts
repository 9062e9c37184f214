// Refund estimate: duties assessed under measures a court later struck down (IEEPA, 2026-02-20) on a
// product over a period, assuming the entered value was spread evenly over the days of the period.
import type { TradewarContext } from './context.js';
import { parseCountry, parseDate, parseImporter, parseUsd } from './inputs.js';
import { productIntervals } from '../engine/panel.js';
import type { ImporterRules } from '../engine/compile.js';
import { coversLines, expansionHead, isExpanded, resolveProduct } from './lines.js';
import { REFUND_PATH_TEXT, refundPath, struckDownLayers, type RefundPath } from '../engine/refunds.js';
import { addDays, daysBetween, maxDate, minDate, todayIso } from '../util/dates.js';
import { UserInputError } from '../util/errors.js';

export interface RefundInput {
  product?: string;
  origin?: string;
  dest?: string;
  from?: string;
  to?: string;
  value?: string | number;
  /** Liquidation date of the entries (YYYY-MM-DD); none: unliquidated. */
  liquidation?: string;
  /** The date the refund path is judged at (default today). */
  at?: string;
}

/** Which way the refund is claimed, from the liquidation date as of `as_of` (see src/engine/refunds.ts). */
export interface RefundPathAnswer {
  path: RefundPath;
  liquidation_date: string | null;
  as_of: string;
  /** Days from liquidation to `as_of`; null for unliquidated entries. */
  days_since_liquidation: number | null;
  explanation: string;
}

export interface RefundEstimate {
  product: string;
  origin: string;
  dest: string;
  from: string;
  to: string;
  value_usd: number;
  days: number;
  refundable_usd: number;
  assessed_total_usd: number;
  owed_total_usd: number;
  periods: Array<{
    from: string;
    until: string;
    days: number;
    value_usd: number;
    struck_down_pct: number;
    measures: string[];
    refundable_usd: number;
  }>;
  assumptions: string[];
  /** The refund path (CAPE, protest or court order) of the entries, from their liquidation date. */
  refund_path: RefundPathAnswer;
  /** Present when the code asked was not a national line: what it stood for, as in `rate`. */
  query?: { asked: string; kind: string; lines_count: number; shown: string; translation: unknown };
  /** Every line the code covers, each as if the whole value had been entered under it. */
  lines?: Array<{
    code: string;
    description: string | null;
    refundable_usd: number;
    assessed_total_usd: number;
    owed_total_usd: number;
  }>;
  refundable_range_usd?: { min: number; max: number };
  notes?: string[];
}

const money = (x: number) => Math.round(x * 100) / 100;

export function refundQuery(ctx: TradewarContext, input: RefundInput): RefundEstimate {
  const dest = parseImporter(input.dest ?? 'US', 'dest', ctx.data);
  const origin = parseCountry(input.origin, 'origin', ctx.data);
  const from = parseDate(input.from, 'from');
  const to = parseDate(input.to, 'to');
  if (to < from) throw new UserInputError(`to ${to} is before from ${from}`, 'to');
  if (input.value === undefined || input.value === '')
    throw new UserInputError('missing value: give the customs value entered in USD, e.g. 10000', 'value');
  const value = parseUsd(input.value, 'value');
  if (!input.product) throw new UserInputError('missing product: give a tariff code', 'product');
  const liquidation = input.liquidation ? parseDate(input.liquidation, 'liquidation') : null;
  const asOf = input.at ? parseDate(input.at, 'at') : todayIso();
  if (liquidation && liquidation < from)
    throw new UserInputError(`liquidation ${liquidation} is before the first entry date ${from}`, 'liquidation');
  const path = refundPathAnswer(liquidation, asOf);
  const rules = ctx.rules(dest);
  const r = resolveProduct(ctx, input.product, dest);
  const estimates = r.lines.map((code) => ({
    ...estimateFor(rules, code, origin, dest, from, to, value),
    refund_path: path,
  }));
  if (!isExpanded(r)) return estimates[0]!;
  // a shorter code: every line as if the whole value had been entered under it; the highest one in full
  let shown = estimates[0]!;
  for (const e of estimates) if (e.refundable_usd > shown.refundable_usd) shown = e;
  const min = Math.min(...estimates.map((e) => e.refundable_usd));
  const max = Math.max(...estimates.map((e) => e.refundable_usd));
  const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  const range = min === max ? `is ${usd.format(max)} for each` : `runs from ${usd.format(min)} to ${usd.format(max)}`;
  return {
    ...shown,
    query: {
      asked: r.asked,
      kind: r.kind,
      lines_count: r.lines.length,
      shown: shown.product,
      translation: r.translation,
    },
    lines: estimates.map((e) => ({
      code: e.product,
      description: rules.universe.get(e.product)?.description ?? null,
      refundable_usd: e.refundable_usd,
      assessed_total_usd: e.assessed_total_usd,
      owed_total_usd: e.owed_total_usd,
    })),
    refundable_range_usd: { min, max },
    notes: [
      `${expansionHead(r, dest)}: ${coversLines(r)}; with the whole value entered under one line the refund in question ${range}; the periods shown are of ${shown.product}${min === max ? '' : ', the highest'}`,
    ],
  };
}

function refundPathAnswer(liquidation: string | null, asOf: string): RefundPathAnswer {
  const path = refundPath(liquidation, asOf);
  return {
    path,
    liquidation_date: liquidation,
    as_of: asOf,
    days_since_liquidation: liquidation && liquidation <= asOf ? daysBetween(liquidation, asOf) : null,
    explanation: `${liquidation ? (liquidation > asOf ? `liquidation due ${liquidation}, not yet liquidated on ${asOf}` : `liquidated ${liquidation}`) : 'unliquidated'}: ${REFUND_PATH_TEXT[path]}`,
  };
}

function estimateFor(
  rules: ImporterRules,
  code: string,
  origin: string,
  dest: string,
  from: string,
  to: string,
  value: number,
): Omit<RefundEstimate, 'refund_path'> {
  const until = addDays(to, 1);
  const days = daysBetween(from, until);
  const out: Omit<RefundEstimate, 'refund_path'> = {
    product: code,
    origin,
    dest,
    from,
    to,
    value_usd: value,
    days,
    refundable_usd: 0,
    assessed_total_usd: 0,
    owed_total_usd: 0,
    periods: [],
    assumptions: [
      'the entered value is spread evenly over the days of the period',
      'duties of every measure the ledger marks struck_down count as refundable (assessed, not owed)',
      'interest on refunds is not modelled',
      'the refund path follows the liquidation date given (none: unliquidated): CAPE for unliquidated entries and entries liquidated within 80 days, a protest within 180 days of liquidation, a court order after',
    ],
  };
  for (const iv of productIntervals(rules, code, origin, { from, until })) {
    const a = maxDate(iv.from, from);
    const b = minDate(iv.until, until);
    const d = daysBetween(a, b);
    if (d <= 0) continue;
    const share = value * (d / days);
    const { pct, measures } = struckDownLayers(iv.layers);
    out.assessed_total_usd += (share * iv.total) / 100;
    out.owed_total_usd += (share * iv.owed) / 100;
    out.periods.push({
      from: a,
      until: b,
      days: d,
      value_usd: money(share),
      struck_down_pct: pct,
      measures,
      refundable_usd: money((share * pct) / 100),
    });
  }
  out.refundable_usd = money(out.periods.reduce((s, p) => s + p.refundable_usd, 0));
  out.assessed_total_usd = money(out.assessed_total_usd);
  out.owed_total_usd = money(out.owed_total_usd);
  return out;
}
