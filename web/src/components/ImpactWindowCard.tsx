// Impact, PE over a window: the intervals of constant tariffs the window was cut into (days each, as bars along
// the window) and the country rows summed over the window (the page's other cards are annualised). Both export CSV.
import type { ImpactAnswer, ImpactCountryRow } from '../../../src/contract/impact';
import type { ApiError } from '../api';
import { Chart } from './Chart';
import { ChartCard } from './ChartCard';
import { SortableTable, type Column } from './SortableTable';
import type { EChartsOption } from '../charts/echarts';
import { fmtUsd } from '../format';

type Interval = NonNullable<ImpactAnswer['window']>['intervals'][number];

const signedUsd = (v: number | null | undefined) =>
  v == null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${fmtUsd(Math.abs(v))}`;

/** The last day of an interval (its `until` is exclusive). */
function lastDay(until: string): string {
  const d = new Date(`${until}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const intervalLabel = (i: Interval) => (i.days === 1 ? i.from : `${i.from} – ${lastDay(i.until)}`);

function intervalsOption(intervals: Interval[], compact: boolean): EChartsOption {
  return {
    animation: false,
    grid: { left: compact ? 120 : 190, right: 40, top: 12, bottom: 24 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: Array<{ dataIndex: number }>) => {
        const i = intervals[items[0]?.dataIndex ?? 0];
        return i
          ? `${intervalLabel(i)}: ${i.days} day${i.days === 1 ? '' : 's'}, ${(i.weight * 100).toFixed(1)}% of the window`
          : '';
      },
    },
    xAxis: { type: 'value', name: 'days', nameLocation: 'end', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: intervals.map(intervalLabel),
      axisLabel: { width: compact ? 110 : 180, overflow: 'truncate', fontSize: 11 },
    },
    series: [{ name: 'Days', type: 'bar', data: intervals.map((i) => i.days), itemStyle: { color: '#457b9d' } }],
  };
}

const COUNTRY_COLUMNS: Array<Column<ImpactCountryRow>> = [
  { key: 'iso3', label: 'Country', value: (r) => r.iso3 },
  {
    key: 'export_change_usd',
    label: 'Sales change',
    value: (r) => Math.abs(r.export_change_usd ?? 0),
    render: (r) => signedUsd(r.export_change_usd),
    numeric: true,
  },
  {
    key: 'import_change_usd',
    label: 'Import change',
    value: (r) => r.import_change_usd ?? 0,
    render: (r) => signedUsd(r.import_change_usd),
    numeric: true,
  },
  {
    key: 'buyer_cost_usd',
    label: 'Buyers’ cost',
    value: (r) => r.buyer_cost_usd ?? 0,
    render: (r) => signedUsd(r.buyer_cost_usd),
    numeric: true,
  },
  {
    key: 'welfare_usd',
    label: 'Welfare',
    value: (r) => r.welfare_usd ?? 0,
    render: (r) => signedUsd(r.welfare_usd),
    numeric: true,
  },
];

interface Props {
  answer: ImpactAnswer | undefined;
  loading: boolean;
  error?: ApiError;
  csvName: string;
  compact: boolean;
}

export function ImpactWindowCard({ answer, loading, error, csvName, compact }: Props) {
  const w = answer?.window;
  const intervals = w?.intervals ?? [];
  const countries = (w?.countries ?? []).filter((c) => c.export_change_usd || c.import_change_usd || c.welfare_usd);
  return (
    <div className="grid2">
      <ChartCard
        title="Intervals of constant tariffs"
        subtitle={
          w
            ? `${w.from} to ${w.to}, ${w.days} days, cut where a rule of either scenario changes a traded line’s duty; each interval is priced and weighs its share of the days`
            : 'The window, cut where a rule of either scenario changes a traded line’s duty'
        }
        loading={loading}
        error={error}
        empty={!!answer && intervals.length === 0}
        emptyText="No window in this answer."
        csvName={`${csvName}-intervals`}
        csvRows={() => intervals.map((i) => ({ from: i.from, to: lastDay(i.until), days: i.days, weight: i.weight }))}
        testId="impact-window-intervals"
      >
        <Chart
          option={intervalsOption(intervals, compact)}
          height={Math.max(160, intervals.length * 26 + 50)}
          label="Intervals of constant tariffs in the window"
          testId="impact-window-chart"
        />
      </ChartCard>
      <ChartCard
        title="Totals over the window"
        subtitle="USD over the whole window (the other cards give a year at the window’s day-weighted tariffs)"
        loading={loading}
        error={error}
        empty={!!answer && countries.length === 0}
        emptyText="The two scenarios charge the same over this window."
        csvName={`${csvName}-window-totals`}
        csvRows={() => (w?.countries ?? []).map((c) => ({ ...c }))}
        testId="impact-window-totals"
      >
        <SortableTable rows={countries} columns={COUNTRY_COLUMNS} initialSort="export_change_usd" />
      </ChartCard>
    </div>
  );
}
