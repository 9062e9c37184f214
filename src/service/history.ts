// A product's duty over time: the intervals [from, until) over which its duty stack from one origin is constant.
// A shorter code (or one of another HS edition) covers every line under it, as in `rate`: each line's intervals
// (totals only), and the full intervals of the line that reaches the highest total, saying so.
import type { TradewarContext } from './context.js';
import { parseCountry, parseImporter } from './inputs.js';
import { coversLines, expansionHead, isExpanded, resolveProduct } from './lines.js';
import { productIntervals } from '../engine/panel.js';
import type { PanelInterval } from '../contract/answers.js';
import { UserInputError } from '../util/errors.js';

export interface HistoryInput {
  product?: string;
  origin?: string;
  dest?: string;
}

export interface LineHistory {
  code: string;
  description: string | null;
  intervals: Array<{ from: string; until: string; base: number; additional: number; total: number; owed: number }>;
}

export interface ProductHistory {
  product: string;
  description: string | null;
  origin: string;
  dest: string;
  intervals: PanelInterval[];
  /** Present when the code asked was not a national line (see `rate`). */
  query?: { asked: string; kind: string; lines_count: number; shown: string; translation: unknown };
  lines?: LineHistory[];
  notes?: string[];
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function historyQuery(ctx: TradewarContext, q: HistoryInput): ProductHistory {
  const dest = parseImporter(q.dest, 'dest', ctx.data);
  const origin = parseCountry(q.origin, 'origin', ctx.data);
  if (origin === dest)
    throw new UserInputError(`origin and dest are both ${dest}: choose two different countries`, 'origin');
  if (!q.product) throw new UserInputError('missing product: give a tariff code, e.g. 8517130000', 'product');
  const rules = ctx.rules(dest);
  const r = resolveProduct(ctx, q.product, dest);
  const describe = (code: string) => rules.universe.get(code)?.description ?? null;
  const full = (code: string) =>
    productIntervals(rules, code, origin).map((i) => ({
      ...i,
      base: r6(i.base),
      additional: r6(i.additional),
      total: r6(i.total),
      owed: r6(i.owed),
      layers: i.layers.map((l) => ({ ...l, pct: r6(l.pct) })),
    }));
  if (!isExpanded(r)) {
    const product = r.lines[0]!;
    return { product, description: describe(product), origin, dest, intervals: full(product) };
  }
  const lines: LineHistory[] = r.lines.map((code) => ({
    code,
    description: describe(code),
    intervals: full(code).map(({ from, until, base, additional, total, owed }) => ({
      from,
      until,
      base,
      additional,
      total,
      owed,
    })),
  }));
  const peak = (l: LineHistory) => Math.max(...l.intervals.map((i) => i.total));
  let shown = lines[0]!;
  for (const l of lines) if (peak(l) > peak(shown)) shown = l;
  return {
    product: shown.code,
    description: shown.description,
    origin,
    dest,
    intervals: full(shown.code),
    query: { asked: r.asked, kind: r.kind, lines_count: r.lines.length, shown: shown.code, translation: r.translation },
    lines,
    notes: [
      `${expansionHead(r, dest)}: ${coversLines(r)} (each line's intervals under lines); the intervals shown in full are of ${shown.code}, the line that reaches the highest total`,
    ],
  };
}
