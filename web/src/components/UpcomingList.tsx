// What changes next: scheduled steps and expiries after today (/api/changes?upcoming=1).
import { useApi } from '../useApi';
import type { TimelineEntry } from '../types';
import { ChartCard } from './ChartCard';
import { TimelineItem } from './TimelineItem';

export function UpcomingList({ scenario, limit = 8 }: { scenario?: string; limit?: number }) {
  const { data, error, loading } = useApi<TimelineEntry[]>('/api/changes', { upcoming: 1, scenario });
  const rows = (data ?? []).slice(0, limit);
  return (
    <ChartCard
      title="What changes next"
      subtitle="Scheduled steps and expiries after today"
      loading={loading}
      error={error}
      empty={!!data && rows.length === 0}
      emptyText="Nothing is scheduled after today in the ledger."
      csvName="upcoming-changes"
      csvRows={() =>
        (data ?? []).map((e) => ({
          date: e.date,
          side: e.side,
          kind: e.kind,
          record: e.record,
          title: e.title,
          detail: e.detail,
          sources: e.sources.join(' '),
        }))
      }
      testId="upcoming"
    >
      <ol className="timeline">
        {rows.map((e) => (
          <TimelineItem key={`${e.date}-${e.record}-${e.kind}`} e={e} />
        ))}
      </ol>
      {data && data.length > limit && <p className="more">+ {data.length - limit} more on the Events page</p>}
    </ChartCard>
  );
}
