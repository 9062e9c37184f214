// Product search with each hit's duty on a date: the CLI's `tradewar search` (and the same index as
// /api/products). A national line shows its total; a shorter code the range over the lines under it.
import type { TradewarContext } from './context.js';
import { parseDate, parseImporter, parseWholeNumber } from './inputs.js';
import { ProductIndex } from '../search/product-index.js';
import { linesUnder } from '../codes/resolve.js';
import { evaluate } from '../engine/evaluate.js';
import type { ProductHit } from '../contract/answers.js';
import { todayIso } from '../util/dates.js';
import { UserInputError } from '../util/errors.js';
import type { Progress } from './queries.js';
import { unconfirmedForLine } from './unconfirmed.js';
import type { UnconfirmedTotal } from '../contract/answers.js';

export interface SearchInput {
  q?: string;
  importer?: string;
  limit?: string | number;
  date?: string;
}

export interface SearchHit extends ProductHit {
  /** The other side of the conflict: CN for US lines, US for China's. */
  origin: string;
  date: string;
  /** Total duty of the line on the date; for a shorter code, the highest over its lines. */
  total_pct: number | null;
  /** For a shorter code: lowest total over its lines (equal to total_pct for a line). */
  min_total_pct: number | null;
  /** Expected rate (ADR 9, 81) of the line; for a shorter code, the highest over its lines. */
  expected_pct: number | null;
  /** For a shorter code: lowest expected rate over its lines. */
  min_expected_pct: number | null;
  /** The exclusions the expected rate prices (ADR 81), each with its instrument's source: "title — citation url". */
  expected_sources: string[];
  /** National lines the hit covers (1 for a line). */
  lines: number;
  /** For a line (or a code's highest line): unconfirmed items its total depends on, with the flipped total (ADR 82). */
  unconfirmed?: UnconfirmedTotal[];
}

const indexes = new WeakMap<object, Map<string, ProductIndex>>();

/** The product index of a context's data (of one schedule, or both), built once. */
export function productIndexOf(ctx: TradewarContext, importer?: string, progress?: Progress): ProductIndex {
  let byScope = indexes.get(ctx.data);
  if (!byScope) indexes.set(ctx.data, (byScope = new Map()));
  const scope = importer ?? 'both';
  let idx = byScope.get(scope);
  if (!idx) byScope.set(scope, (idx = new ProductIndex(ctx.data, importer ? [importer] : undefined, progress)));
  return idx;
}

export function searchQuery(
  ctx: TradewarContext,
  input: SearchInput,
  index?: ProductIndex,
  progress?: Progress,
): SearchHit[] {
  if (!input.q?.trim())
    throw new UserInputError('missing search text: give a code prefix or words, e.g. "soybeans"', 'q');
  const importer = input.importer ? parseImporter(input.importer, 'importer', ctx.data) : undefined;
  index ??= productIndexOf(ctx, importer, progress);
  const limit = input.limit === undefined ? 20 : parseWholeNumber(input.limit, 'limit', 1, 200);
  const date = input.date === undefined ? todayIso() : parseDate(input.date, 'date');
  return index.search(input.q, importer, limit).map((h) => {
    const rules = ctx.rules(h.importer);
    const origin = h.importer === 'US' ? 'CN' : 'US';
    const lines = h.level === 10 ? [h.code] : linesUnder(h.code, rules.universe).slice(0, 500);
    const codes = lines.length ? lines : [h.code];
    const stacks = codes.map((c) => evaluate(rules, c, origin, date));
    const totals = stacks.map((st) => st.total_pct);
    const expected = stacks.map((st) => st.expected_pct);
    const total = Math.max(...totals);
    const top = codes[totals.indexOf(total)]!;
    const unconfirmed = unconfirmedForLine(ctx, h.importer, top, origin, date, total);
    return {
      ...h,
      origin,
      date,
      total_pct: total,
      min_total_pct: Math.min(...totals),
      expected_pct: Math.max(...expected),
      min_expected_pct: Math.min(...expected),
      expected_sources: [
        ...new Set(
          stacks.flatMap((st) =>
            st.layers.flatMap((l) =>
              l.expected_exclusions.map((x) => `${x.title} — ${x.citation ?? x.instrument} ${x.url}`),
            ),
          ),
        ),
      ],
      lines: lines.length,
      ...(unconfirmed.length ? { unconfirmed } : {}),
    };
  });
}
