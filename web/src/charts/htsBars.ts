// Stacked vertical bars: Chapter 99 headings reaching China per HTS revision, by audit status.
import type { EChartsOption } from './echarts';

export interface StatusSeries {
  name: string;
  color: string;
  values: number[];
}

export function htsStatusBars(categories: string[], series: StatusSeries[], compact = false): EChartsOption {
  return {
    animation: false,
    grid: { left: 44, right: 16, top: 34, bottom: compact ? 70 : 60 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: categories, axisLabel: { rotate: 60, fontSize: 10 } },
    yAxis: { type: 'value', name: 'headings', nameTextStyle: { fontSize: 11 } },
    series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'status', color: s.color, data: s.values })),
  } as EChartsOption;
}
