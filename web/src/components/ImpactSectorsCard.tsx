// Impact, model ge-sectors: by Caliendo–Parro tradable sector, the change in US and Chinese gross output (a grouped
// bar chart) and the US–China tariffs the model was fed (a table); both export the sector rows as CSV.
import type { ImpactAnswer, ImpactSectorRow } from '../../../src/contract/impact';
import type { ApiError } from '../api';
import { Chart } from './Chart';
import { ChartCard } from './ChartCard';
import { SortableTable, type Column } from './SortableTable';
import type { EChartsOption } from '../charts/echarts';
import { fmtPct } from '../format';

const signedPct = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${fmtPct(Math.abs(v), true)}`;

function outputOption(rows: ImpactSectorRow[], compact: boolean): EChartsOption {
  return {
    animation: false,
    grid: { left: compact ? 90 : 150, right: 40, top: 28, bottom: 24 },
    legend: { top: 0, data: ['US output', 'China output'] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => signedPct(v) },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => signedPct(v) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.sector),
      axisLabel: { width: compact ? 80 : 140, overflow: 'truncate', fontSize: 11 },
    },
    series: [
      { name: 'US output', type: 'bar', data: rows.map((r) => r.us_output_pct), itemStyle: { color: '#1d3557' } },
      { name: 'China output', type: 'bar', data: rows.map((r) => r.cn_output_pct), itemStyle: { color: '#e76f51' } },
    ],
  };
}

const TARIFF_COLUMNS: Array<Column<ImpactSectorRow>> = [
  { key: 'sector', label: 'Sector', value: (r) => r.sector },
  {
    key: 'us',
    label: 'US on China',
    value: (r) => r.us_on_cn_scenario_pct - r.us_on_cn_baseline_pct,
    render: (r) => `${fmtPct(r.us_on_cn_baseline_pct)} → ${fmtPct(r.us_on_cn_scenario_pct)}`,
    numeric: true,
  },
  {
    key: 'cn',
    label: 'China on US',
    value: (r) => r.cn_on_us_scenario_pct - r.cn_on_us_baseline_pct,
    render: (r) => `${fmtPct(r.cn_on_us_baseline_pct)} → ${fmtPct(r.cn_on_us_scenario_pct)}`,
    numeric: true,
  },
  {
    key: 'us_imports',
    label: 'US imports from China',
    value: (r) => r.us_imports_from_cn_pct,
    render: (r) => signedPct(r.us_imports_from_cn_pct),
    numeric: true,
  },
  {
    key: 'cn_imports',
    label: 'China’s imports from the US',
    value: (r) => r.cn_imports_from_us_pct,
    render: (r) => signedPct(r.cn_imports_from_us_pct),
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

export function ImpactSectorsCard({ answer, loading, error, csvName, compact }: Props) {
  const rows = answer?.sectors ?? [];
  const csvRows = () => rows.map((r) => ({ ...r }));
  return (
    <div className="grid2">
      <ChartCard
        title="Output by sector"
        subtitle="Gross output change in the US and China by Caliendo–Parro sector, % (a 1993-shaped world economy)"
        loading={loading}
        error={error}
        empty={!!answer && rows.length === 0}
        csvName={`${csvName}-sectors`}
        csvRows={csvRows}
        testId="impact-sectors-output"
      >
        <Chart
          option={outputOption(rows, compact)}
          height={Math.max(300, rows.length * 26 + 60)}
          label="US and China output change by sector"
          testId="impact-sectors-output-chart"
        />
      </ChartCard>
      <ChartCard
        title="Tariffs by sector and US–China trade"
        subtitle="The engine’s trade-weighted averages by sector fed to the model, and the bilateral trade change"
        loading={loading}
        error={error}
        empty={!!answer && rows.length === 0}
        csvName={`${csvName}-sector-tariffs`}
        csvRows={csvRows}
        testId="impact-sectors-tariffs"
      >
        <SortableTable rows={rows} columns={TARIFF_COLUMNS} initialSort="us" />
      </ChartCard>
    </div>
  );
}
