// "Schedule (HTS)" on the Product page: the Chapter 99 headings the official schedule in force on the date names
// for the line (its footnotes and its parents'), beside the ledger's layers that apply from China (issue 19).
import { ChartCard } from './ChartCard';
import { useApi } from '../useApi';
import { fmtDate, fmtPct } from '../format';
import { hrefFor } from '../router';
import { revisionName, STATUS_LABEL, type HtsLine } from '../hts/types';

const TAG: Record<string, string> = { agree: 'tag', schedule_only: 'tag warn', ledger_only: 'tag warn' };

export function ScheduleCard({ code, date }: { code: string; date: string }) {
  const line = useApi<HtsLine>('/api/hts/line', { product: code, date, origin: 'CN' });
  const d = line.data;
  return (
    <ChartCard
      title="Schedule (HTS)"
      subtitle={
        d ? (
          <>
            Chapter 99 headings the{' '}
            <a href={hrefFor('schedule', { rev: d.revision.revision })}>HTS {revisionName(d.revision.revision)}</a> (in
            force from {fmtDate(d.revision.effective_date)}) names for this line, beside the ledger&apos;s layers from
            China on {fmtDate(d.date)}
          </>
        ) : (
          'Chapter 99 headings the official schedule names for this line, beside the ledger’s layers'
        )
      }
      loading={line.loading}
      error={line.error}
      csvName={`schedule-${code}-${date}`}
      csvRows={() => [
        ...d!.headings.map((h) => ({
          side: 'schedule',
          heading: h.heading,
          rate: h.rate,
          status: h.status,
          text: h.text,
        })),
        ...d!.ledger.map((l) => ({
          side: 'ledger',
          heading: l.headings.join(' '),
          rate: l.rate_pct === null ? '' : `${l.rate_pct}%`,
          status: l.status,
          text: l.title,
        })),
      ]}
      testId="schedule-card"
    >
      {d && (
        <div className="grid2 schedule-sides">
          <div>
            <h3>The schedule names</h3>
            {d.headings.length === 0 ? (
              <p className="muted" data-testid="schedule-none">
                No footnote of this line (or its parents) names a Chapter 99 heading.
              </p>
            ) : (
              <ul className="controls-list" data-testid="schedule-headings">
                {d.headings.map((h) => (
                  <li key={h.heading} data-status={h.status}>
                    <span className={TAG[h.status] ?? 'tag'}>{STATUS_LABEL[h.status]}</span>{' '}
                    <strong>{h.heading}</strong> {h.rate && <span>{h.rate}</span>}{' '}
                    <span className="muted">— {h.text}</span>
                    {!h.own && <span className="muted"> (footnote on a parent line)</span>}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3>The ledger applies</h3>
            {d.ledger.length === 0 ? (
              <p className="muted">No additional layer applies from China on this date.</p>
            ) : (
              <ul className="controls-list" data-testid="schedule-ledger">
                {d.ledger.map((l) => (
                  <li key={l.id} data-status={l.status}>
                    <span className={TAG[l.status] ?? 'tag'}>{STATUS_LABEL[l.status]}</span> {l.title}
                    {l.rate_pct !== null && <span> {fmtPct(l.rate_pct)}</span>}
                    <span className="muted">
                      {l.headings.length
                        ? ` — ${l.headings.join(', ')}`
                        : l.cites.length
                          ? ` — cites ${l.cites.join(', ')}, which no footnote of this line names`
                          : ' — cites no Chapter 99 heading'}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      {d && (
        <p className="muted" data-testid="schedule-counts">
          {d.counts.agree} agree, {d.counts.schedule_only} schedule only, {d.counts.ledger_only} ledger only. Headings
          that apply by a Chapter 99 note rather than a footnote (IEEPA, section 122) show on the ledger side only.
        </p>
      )}
    </ChartCard>
  );
}
