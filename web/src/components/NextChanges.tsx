// The scheduled changes to one product's duty stack (/api/changes?upcoming=1&product=…).
import { useApi } from '../useApi';
import type { ProductView } from '../types';
import type { TimelineEntry } from '../types';
import { ChartCard } from './ChartCard';
import { TimelineItem } from './TimelineItem';

export function NextChanges({ code, importer, origin, scenario, date }: ProductView) {
  const { data, error, loading } = useApi<TimelineEntry[]>('/api/changes', {
    upcoming: 1,
    product: code,
    dest: importer,
    origin,
    scenario,
    today: date,
  });
  return (
    <ChartCard
      title={date ? `Next scheduled change after ${date}` : 'Next scheduled change'}
      loading={loading}
      error={error}
      empty={!!data && data.length === 0}
      emptyText={`No change to this product's duties is scheduled in the ledger${date ? ` after ${date}` : ''}.`}
      csvName={`next-changes-${code}`}
      csvRows={() =>
        (data ?? []).map((e) => ({
          date: e.date,
          kind: e.kind,
          record: e.record,
          title: e.title,
          detail: e.detail,
          sources: e.sources.join(' '),
        }))
      }
      testId="next-changes"
    >
      <ol className="timeline">
        {(data ?? []).slice(0, 5).map((e) => (
          <TimelineItem key={`${e.date}-${e.record}-${e.kind}`} e={e} asOf={date} />
        ))}
      </ol>
    </ChartCard>
  );
}
