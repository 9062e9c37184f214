// What changed since a date, and what is scheduled next — overall, or for one product's duty stack.
import type { TradewarContext } from './context.js';
import { timeline, type TimelineEntry } from './events.js';
import { parseCountry, parseDate, parseImporter } from './inputs.js';
import { partnerMatches } from '../engine/evaluate.js';
import type { CodeResolution } from '../codes/resolve.js';
import { coversLines, expansionHead, isExpanded, resolveProduct } from './lines.js';
import { todayIso } from '../util/dates.js';
import { UserInputError } from '../util/errors.js';

export interface ChangesInput {
  since?: string;
  upcoming?: boolean | string;
  product?: string;
  dest?: string;
  origin?: string;
  today?: string;
}

/** A change, and — when the code asked covers several lines — the lines whose duty stack it concerns. */
export type ChangeEntry = TimelineEntry & { lines?: string[] };

export interface ChangesAnswer {
  entries: ChangeEntry[];
  /** What the product code stood for (a line, or the lines under a shorter or translated code). */
  product: CodeResolution | null;
  /** Says so when the code was expanded into several lines. */
  note: string | null;
}

export function changesQuery(ctx: TradewarContext, input: ChangesInput): ChangeEntry[] {
  return changesAnswer(ctx, input).entries;
}

export function changesAnswer(ctx: TradewarContext, input: ChangesInput): ChangesAnswer {
  const today = input.today ? parseDate(input.today, 'today') : todayIso();
  const upcoming =
    input.upcoming === true || input.upcoming === 'true' || input.upcoming === '1' || input.upcoming === '';
  if (!upcoming && !input.since) throw new UserInputError('give --since DATE or --upcoming', 'since');
  const since = input.since ? parseDate(input.since, 'since') : undefined;
  if (since && since > today)
    throw new UserInputError(`since ${since} is after today (${today}): use --upcoming for what is scheduled`, 'since');
  // dest and origin are checked whenever given, with or without a product (a bad code is never ignored)
  const dest = parseImporter(input.dest ?? 'US', 'dest', ctx.data);
  const origin = parseCountry(input.origin ?? (dest === 'US' ? 'CN' : 'US'), 'origin', ctx.data);
  if (origin === dest)
    throw new UserInputError(`origin and dest are both ${dest}: choose two different countries`, 'origin');
  let entries = timeline(ctx.ledger, today);
  entries = upcoming
    ? entries.filter((e) => e.date > today)
    : entries.filter((e) => e.date >= since! && e.date <= today);
  if (!input.product) return { entries, product: null, note: null };
  const rules = ctx.rules(dest);
  const r = resolveProduct(ctx, input.product, dest);
  // the records that shape each line's stack: its candidate measures that name the origin, their suspensions, MFN
  const linesOf = new Map<string, string[]>();
  for (const code of r.lines) {
    const relevant = new Set<string>();
    for (const cand of rules.candidatesOf(code)) {
      if (!partnerMatches(rules, cand.cm, origin, today)) continue;
      relevant.add(cand.cm.measure.id);
      for (const s of cand.suspensions) relevant.add(s.cs.suspension.id);
    }
    if (rules.base) relevant.add(rules.base.cm.measure.id);
    for (const id of relevant) {
      let l = linesOf.get(id);
      if (!l) linesOf.set(id, (l = []));
      l.push(code);
    }
  }
  entries = entries.filter((e) => linesOf.has(e.record));
  if (!isExpanded(r)) return { entries, product: r, note: null };
  return {
    entries: entries.map((e) => ({ ...e, lines: linesOf.get(e.record)! })),
    product: r,
    note: `${expansionHead(r, dest)}: ${coversLines(r)}; each change listed concerns the stack of at least one of them (lines: how many; --format json names them)`,
  };
}
