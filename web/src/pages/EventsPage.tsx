// Events: the dated timeline of all measures, suspensions and talks, filterable by side and instrument, each
// with its sources.
import { useMemo } from 'react';
import type { PageProps } from './PageProps';
import { setParams } from '../router';
import { useApi } from '../useApi';
import type { TimelineEntry } from '../types';
import { ChartCard } from '../components/ChartCard';
import { Select } from '../components/Select';
import { TimelineItem } from '../components/TimelineItem';
import { humanize } from '../format';
import { NewsPanel } from '../components/NewsPanel';

export function EventsPage({ params }: PageProps) {
  const side = params.get('side') ?? '';
  const kind = params.get('kind') ?? '';
  const text = params.get('q') ?? '';
  const when = params.get('when') ?? '';
  const update = (next: Record<string, string>) => setParams('events', { side, kind, q: text, when, ...next });
  const { data, error, loading } = useApi<TimelineEntry[]>('/api/events');
  const kinds = useMemo(() => [...new Set((data ?? []).map((e) => e.instrument_kind))].sort(), [data]);
  const shown = useMemo(() => {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    return (data ?? []).filter(
      (e) =>
        (!side || e.side === side || e.side === 'both') &&
        (!kind || e.instrument_kind === kind) &&
        (!when || (when === 'scheduled' ? e.scheduled : !e.scheduled)) &&
        words.every((w) => `${e.title} ${e.detail} ${e.record}`.toLowerCase().includes(w)),
    );
  }, [data, side, kind, text, when]);
  const byYear = useMemo(() => {
    const m = new Map<string, TimelineEntry[]>();
    for (const e of [...shown].reverse()) {
      const y = e.date.slice(0, 4);
      m.set(y, [...(m.get(y) ?? []), e]);
    }
    return [...m];
  }, [shown]);
  return (
    <>
      <div className="page-head">
        <h1>Timeline of measures and talks</h1>
        <div className="controls">
          <Select
            label="Side"
            value={side}
            onChange={(v) => update({ side: v })}
            testId="events-side"
            options={[
              { value: '', label: 'Both sides' },
              { value: 'US', label: 'United States' },
              { value: 'CN', label: 'China' },
            ]}
          />
          <Select
            label="Instrument"
            value={kind}
            onChange={(v) => update({ kind: v })}
            testId="events-kind"
            options={[
              { value: '', label: 'All instruments' },
              ...kinds.map((k) => ({
                value: k,
                label: k === 'event' ? 'Talks, truces, rulings, threats' : humanize(k),
              })),
            ]}
          />
          <Select
            label="When"
            value={when}
            onChange={(v) => update({ when: v })}
            options={[
              { value: '', label: 'Past and scheduled' },
              { value: 'past', label: 'Past' },
              { value: 'scheduled', label: 'Scheduled' },
            ]}
          />
          <label className="field">
            <span>Words</span>
            <input
              type="search"
              value={text}
              placeholder="e.g. fentanyl"
              onChange={(e) => update({ q: e.target.value })}
            />
          </label>
        </div>
      </div>
      <NewsPanel />
      <ChartCard
        title={`${shown.length} entries`}
        subtitle="Newest first. Scheduled entries are marked."
        loading={loading}
        error={error}
        empty={!!data && shown.length === 0}
        emptyText="No entry matches these filters."
        csvName="events"
        csvRows={() =>
          shown.map((e) => ({
            date: e.date,
            side: e.side,
            kind: e.kind,
            instrument: e.instrument_kind,
            record: e.record,
            title: e.title,
            detail: e.detail,
            status: e.status,
            scheduled: e.scheduled,
            sources: e.sources.join(' '),
          }))
        }
        testId="events-card"
      >
        {byYear.map(([year, entries]) => (
          <div key={year} className="year">
            <h3>{year}</h3>
            <ol className="timeline">
              {entries.map((e, i) => (
                <TimelineItem key={`${e.date}-${e.record}-${e.kind}-${i}`} e={e} />
              ))}
            </ol>
          </div>
        ))}
      </ChartCard>
    </>
  );
}
