// The controls timeline: one row per export-control measure (US above, China below), its states as coloured
// bars over time — in force dark, suspended shaded, announced or not yet effective light — and a line for today.
import type { EChartsOption } from '../charts/echarts';
import type { ControlTimelineRow } from './types';

export const STATE_COLORS: Record<string, string> = {
  in_force: '#1d2330',
  suspended: '#f2b84b',
  announced_only: '#c9ced6',
  not_yet_effective: '#e3e6eb',
  threatened: '#d9a3a6',
  ended: '#e3e6eb',
};

export const STATE_LABELS: Record<string, string> = {
  in_force: 'In force',
  suspended: 'Suspended',
  announced_only: 'Announced only',
  not_yet_effective: 'Not yet effective',
  threatened: 'Threatened',
  ended: 'Ended',
};

export function timelineOption(rows: ControlTimelineRow[], today: string, end: string): EChartsOption {
  const labels = rows.map((r) => `${r.imposer} · ${r.measure}`);
  const series: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    for (const s of r.segments) {
      if (s.state === 'not_yet_effective' || s.state === 'ended') continue;
      const name = STATE_LABELS[s.state] ?? s.state;
      const first = !seen.has(name);
      seen.add(name);
      series.push({
        name,
        type: 'line',
        showSymbol: false,
        color: STATE_COLORS[s.state] ?? '#888',
        lineStyle: { width: 12, cap: 'butt', opacity: s.state === 'suspended' ? 0.85 : 1 },
        data: [
          [s.from, labels[i]],
          [s.until ?? end, labels[i]],
        ],
        tooltip: { formatter: `${r.title}<br/>${name}: ${s.from} → ${s.until ?? 'open'}<br/>${s.reason}` },
        ...(first && series.length === 0
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: '#b4232a', type: 'dashed' },
                data: [{ xAxis: today, label: { formatter: 'today' } }],
              },
            }
          : {}),
      });
    }
  });
  return {
    animation: false,
    grid: { left: 260, right: 24, top: 36, bottom: 36 },
    legend: { top: 0, data: [...seen] },
    tooltip: { trigger: 'item', confine: true },
    xAxis: { type: 'time', min: '2022-01-01', max: end },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 11 } },
    series,
  };
}
