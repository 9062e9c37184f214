// Horizontal bars of gains (green) and losses (red) per category, with optional 5–95% bands drawn as error bars
// (a custom series: a whisker from p5 to p95 with end caps).
import { CustomChart } from 'echarts/charts';
import { echarts, type EChartsOption } from './echarts';

echarts.use([CustomChart]);

export interface ImpactBar {
  label: string;
  value: number;
  band?: { p5: number; p95: number };
}

export function impactBarsOption(
  bars: ImpactBar[],
  name: string,
  fmt: (v: number) => string,
  compact = false,
): EChartsOption {
  const withBands = bars.some((b) => b.band);
  return {
    animation: false,
    grid: { left: compact ? 90 : 170, right: 70, top: 28, bottom: 24 },
    legend: { top: 0, data: withBands ? [name, '5–95% band'] : [name] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: Array<{ dataIndex: number }>) => {
        const b = bars[items[0]?.dataIndex ?? 0];
        if (!b) return '';
        return `${b.label}: ${fmt(b.value)}${b.band ? `<br/>5–95%: ${fmt(b.band.p5)} to ${fmt(b.band.p95)}` : ''}`;
      },
    },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt(v) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => b.label),
      axisLabel: { width: compact ? 80 : 160, overflow: 'truncate', fontSize: 11 },
    },
    series: [
      {
        name,
        type: 'bar',
        data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.value >= 0 ? '#2a9d8f' : '#c1121f' } })),
        label: { show: !withBands, position: 'right', fontSize: 10, formatter: (p: { value: number }) => fmt(p.value) },
      },
      ...(withBands
        ? [
            {
              name: '5–95% band',
              type: 'custom',
              color: '#333',
              data: bars.map((b, i) => [i, b.band?.p5 ?? b.value, b.band?.p95 ?? b.value]),
              encode: { y: 0, x: [1, 2] },
              renderItem: (
                _params: unknown,
                api: {
                  value: (d: number) => number;
                  coord: (v: [number, number]) => [number, number];
                  size: (v: [number, number]) => [number, number];
                },
              ) => {
                const y = api.value(0);
                const lo = api.coord([api.value(1), y]);
                const hi = api.coord([api.value(2), y]);
                const h = api.size([0, 1])[1] * 0.3;
                const style = { stroke: '#333', lineWidth: 1.5 };
                return {
                  type: 'group',
                  children: [
                    { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
                    { type: 'line', shape: { x1: lo[0], y1: lo[1] - h / 2, x2: lo[0], y2: lo[1] + h / 2 }, style },
                    { type: 'line', shape: { x1: hi[0], y1: hi[1] - h / 2, x2: hi[0], y2: hi[1] + h / 2 }, style },
                  ],
                };
              },
            },
          ]
        : []),
    ],
  } as EChartsOption;
}
