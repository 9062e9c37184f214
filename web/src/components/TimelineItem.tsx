// One dated entry of the ledger's timeline: date, side, kind, title, detail and sources.
import type { TimelineEntry } from '../types';
import { countryName, fmtDate, humanize } from '../format';
import { EVENT_COLORS } from '../charts/colors';
import { SourceLinks } from './SourceLinks';

/** `asOf`: the page is read as of this date, so a record's status of today (terminated, suspended) is not shown
 * against entries of that time; statuses that were true all along (threatened, unconfirmed) still are. */
export function TimelineItem({ e, asOf }: { e: TimelineEntry; asOf?: string }) {
  const presentOnly = asOf !== undefined && ['terminated', 'suspended'].includes(e.status);
  const color =
    e.instrument_kind === 'event'
      ? (EVENT_COLORS[e.kind] ?? '#666')
      : e.side === 'US'
        ? '#b4232a'
        : e.side === 'CN'
          ? '#1f5fa8'
          : '#666';
  return (
    <li className={`tl-item${e.scheduled ? ' scheduled' : ''}`} data-testid="timeline-item">
      <time dateTime={e.date}>{fmtDate(e.date)}</time>
      <div className="tl-body">
        <div className="tl-tags">
          <span className="tag" style={{ borderColor: color, color }}>
            {humanize(e.kind)}
          </span>
          <span className="tag side">{countryName(e.side)}</span>
          {e.instrument_kind !== 'event' && <span className="tag">{humanize(e.instrument_kind)}</span>}
          {e.scheduled && <span className="tag sched">scheduled</span>}
          {e.status !== 'in_force' && e.status !== 'scheduled' && !presentOnly && (
            <span className="tag warn">{humanize(e.status)}</span>
          )}
        </div>
        <div className="tl-title">{e.title}</div>
        {e.detail && <div className="tl-detail">{e.detail}</div>}
        <SourceLinks urls={e.sources} />
      </div>
    </li>
  );
}
