// `tradewar events` and /api/events: the ledger's timeline filtered by a date window, side and kind, with the
// same checks on both (a window that ends before it starts, an unknown side or kind are refused, not answered
// with an empty list).
import type { TradewarContext } from './context.js';
import { timeline, timelineBetween, type TimelineEntry } from './events.js';
import { parseChoice, parseDateWindow } from './inputs.js';
import { INSTRUMENT_KINDS } from '../ledger/schema.js';
import { todayIso } from '../util/dates.js';

export interface EventsInput {
  from?: string;
  to?: string;
  side?: string;
  kind?: string;
}

export const EVENT_SIDES = ['US', 'CN', 'both'] as const;
/** What `kind` may be: an instrument kind, "event" (talks, truces, rulings, threats) or "suspension". */
export const EVENT_FILTER_KINDS: readonly string[] = [...INSTRUMENT_KINDS, 'event', 'suspension'];

/** The timeline, with the restricted-party lists' additions by date unless another kind is asked for. */
export async function eventsQuery(ctx: TradewarContext, input: EventsInput): Promise<TimelineEntry[]> {
  const { from, to } = parseDateWindow(input.from, input.to);
  const side = parseChoice(input.side === undefined ? undefined : String(input.side), 'side', EVENT_SIDES, 'both');
  const kind = input.kind ? parseChoice(input.kind, 'kind', EVENT_FILTER_KINDS, 'event') : undefined;
  // the restricted-party lists' module (name matching, pinyin) loads only when the timeline is asked for
  const { listEvents, withListEvents } = await import('./controls.js');
  const lists = !kind || kind === 'entity_listing' ? await listEvents(ctx) : [];
  let entries = timelineBetween(withListEvents(timeline(ctx.ledger, todayIso()), lists), from, to);
  if (side !== 'both') entries = entries.filter((e) => e.side === side || e.side === 'both');
  if (kind) entries = entries.filter((e) => e.instrument_kind === kind);
  return entries;
}
