// A product's own duty over time (/api/rate/history): total assessed, owed after rulings, and the base.
import { useMemo } from 'react';
import { useApi } from '../useApi';
import type { ProductView } from '../types';
import type { ProductHistory } from '../types';
import { Chart } from './Chart';
import { ChartCard } from './ChartCard';
import { stepOption } from '../charts/stepOption';
import { useCompact } from '../useCompact';
import { todayIso } from '../format';

export function ProductTimeline({ code, importer, origin, scenario }: ProductView) {
  const compact = useCompact();
  const { data, error, loading } = useApi<ProductHistory>('/api/rate/history', {
    product: code,
    dest: importer,
    origin,
    scenario,
  });
  const option = useMemo(() => {
    const iv = data?.intervals ?? [];
    const end = iv.length ? iv[iv.length - 1]!.until : '2027-01-01';
    const pts = (f: (i: (typeof iv)[number]) => number) =>
      iv.map((i) => ({ date: i.from, average_pct: f(i), coverage_pct: 0 }));
    const lines = [
      { name: 'Total assessed', color: '#b4232a', points: pts((i) => i.total) },
      { name: 'Owed after rulings', color: '#7c3aed', points: pts((i) => i.owed), dashed: true },
      { name: 'Base (MFN)', color: '#6b7280', points: pts((i) => i.base) },
    ];
    const o = stepOption(lines, [], todayIso(), '2018-01-01', end, compact) as { yAxis: { name?: string } };
    o.yAxis.name = '';
    return o;
  }, [data, compact]);
  return (
    <ChartCard
      title="This product’s duty over time"
      subtitle="Each step is a change in its stack (rate steps, list entries, exclusions, suspensions)"
      loading={loading}
      error={error}
      empty={!!data && data.intervals.length === 0}
      csvName={`duty-history-${code}-${origin}-${importer}`}
      csvRows={() =>
        (data?.intervals ?? []).map((i) => ({
          from: i.from,
          until: i.until,
          base_pct: i.base,
          additional_pct: i.additional,
          total_pct: i.total,
          owed_pct: i.owed,
          layers: i.layers.map((l) => `${l.measure}:${l.pct}`).join(';'),
        }))
      }
      testId="product-timeline"
    >
      <Chart option={option} height={compact ? 280 : 320} label={`Duty on ${code} over time`} testId="product-chart" />
    </ChartCard>
  );
}
