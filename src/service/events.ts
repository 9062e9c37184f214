// The dated timeline of everything in the ledger: talks and truces, every measure's steps, every
// suspension period (start and scheduled end). Nothing is dropped, priced or not.
import type { Ledger } from '../ledger/ledger.js';
import { inInterval } from '../util/dates.js';
import type { TimelineEntry } from '../contract/answers.js';
export type { TimelineEntry };

const sideOf = (imposer: string) => (imposer === 'US' ? 'US' : imposer === 'CN' ? 'CN' : imposer);

export function timeline(ledger: Ledger, today: string): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of ledger.events)
    out.push({
      date: e.date,
      side: e.side,
      kind: e.kind,
      instrument_kind: 'event',
      record: e.id,
      title: e.title,
      detail: e.summary ?? '',
      status: e.status ?? (e.date > today ? 'scheduled' : 'in_force'),
      scheduled: e.date > today,
      sources: e.sources,
    });
  const measures = new Map(ledger.measures.map((m) => [m.id, m]));
  for (const m of ledger.measures)
    for (const s of m.schedule) {
      const inst = ledger.instruments.get(s.instrument);
      const rate =
        s.rate === null
          ? 'ends'
          : s.rate !== undefined
            ? `${s.rate}%`
            : s.rates
              ? Object.entries(s.rates)
                  .map(([k, v]) => `${k}: ${v === null ? 'ends' : `${v}%`}`)
                  .join(', ')
              : '';
      const amounts = (s.amounts ?? []).map((a) => `${a.value} ${a.unit}`).join(', ');
      out.push({
        date: s.date,
        side: sideOf(m.imposer),
        kind: s.event,
        instrument_kind: m.instrument,
        record: m.id,
        title: m.title,
        detail: [rate, amounts, inst?.citation, s.note].filter(Boolean).join(' — '),
        status: m.status,
        scheduled: s.expected === true || s.date > today,
        sources: [inst?.url ?? m.sources[0]!],
      });
    }
  for (const sp of ledger.suspensions) {
    const first = measures.get(sp.measures[0]!);
    const kind = first?.instrument ?? 'suspension';
    for (const p of sp.periods) {
      const inst = ledger.instruments.get(p.instrument);
      const effect =
        sp.effect.kind === 'full'
          ? 'fully suspended'
          : sp.effect.kind === 'reduce_by'
            ? `${sp.effect.points} points suspended`
            : `capped at ${sp.effect.rate}%`;
      out.push({
        date: p.from,
        side: sideOf(first?.imposer ?? ''),
        kind: 'suspended',
        instrument_kind: kind,
        record: sp.id,
        title: sp.title,
        detail: [`${effect} until ${p.until ?? 'further notice'}`, inst?.citation, p.note].filter(Boolean).join(' — '),
        status: sp.status ?? 'in_force',
        scheduled: p.from > today,
        sources: [inst?.url ?? sp.sources[0]!],
      });
      if (p.until)
        out.push({
          date: p.until,
          side: sideOf(first?.imposer ?? ''),
          kind: 'suspension_ends',
          instrument_kind: kind,
          record: sp.id,
          title: sp.title,
          detail: `suspension period ends (${sp.measures.join(', ')} resume unless extended)`,
          status: sp.status ?? 'in_force',
          scheduled: p.until > today,
          sources: [inst?.url ?? sp.sources[0]!],
        });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.record.localeCompare(b.record));
}

export function timelineBetween(entries: TimelineEntry[], from?: string, to?: string): TimelineEntry[] {
  return entries.filter((e) => inInterval(e.date, from ?? null, null) && (to === undefined || e.date <= to));
}
