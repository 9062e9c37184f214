// What changed since a date, and what is scheduled next — overall, or for one product's duty stack.
import type { TradewarContext } from './context.js';
import { timeline, type TimelineEntry } from './events.js';
import { parseCountry, parseDate, parseImporter } from './inputs.js';
import { requireKnownProduct } from '../codes/product-codes.js';
import { partnerMatches } from '../engine/evaluate.js';
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

export function changesQuery(ctx: TradewarContext, input: ChangesInput): TimelineEntry[] {
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
  if (input.product) {
    const rules = ctx.rules(dest);
    const code = requireKnownProduct(input.product, rules.universe, dest);
    const relevant = new Set<string>();
    for (const cand of rules.candidatesOf(code)) {
      if (!partnerMatches(rules, cand.cm, origin, today)) continue;
      relevant.add(cand.cm.measure.id);
      for (const s of cand.suspensions) relevant.add(s.cs.suspension.id);
    }
    if (rules.base) relevant.add(rules.base.cm.measure.id);
    entries = entries.filter((e) => relevant.has(e.record));
  }
  return entries;
}
