// Horizontal bar chart (categories on the y axis), one or more series, values in percent or percentage points.
import type { EChartsOption } from './echarts';
import { fmtPct, fmtPp } from '../format';

export interface Bars {
  name: string;
  color: string;
  values: number[];
}

export function barOption(
  categories: string[],
  bars: Bars[],
  unit: 'pct' | 'pp' = 'pct',
  compact = false,
): EChartsOption {
  const fmt = (v: number) => (unit === 'pp' ? fmtPp(v) : fmtPct(v));
  return {
    animation: false,
    grid: { left: compact ? 110 : 230, right: 56, top: 30, bottom: 24 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => fmt(v) },
    xAxis: { type: 'value', axisLabel: { formatter: unit === 'pp' ? '{value} pp' : '{value}%' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories,
      axisLabel: { width: compact ? 100 : 220, overflow: 'truncate', fontSize: 11 },
    },
    series: bars.map((b) => ({
      name: b.name,
      type: 'bar',
      color: b.color,
      data: b.values,
      label: {
        show: bars.length === 1,
        position: 'right',
        fontSize: 10,
        formatter: (p: { value: number }) => fmt(p.value),
      },
    })),
  } as EChartsOption;
}
