// Step-line chart of averages over time, with the ledger's events marked on the time axis and the scheduled
// future shaded. A point holds from its date until the next one (step 'end').
import type { EChartsOption } from './echarts';
import type { AveragePoint, TimelineEntry } from '../types';
import { EVENT_COLORS } from './colors';
import { fmtDate, fmtPct, humanize } from '../format';

export interface StepLine {
  name: string;
  color: string;
  points: AveragePoint[];
  dashed?: boolean;
  /**
   * Draw the line dashed from the first point that rests on an unconfirmed step or suspension end (ADR 82):
   * the series is split there into a solid and a dashed part of the same colour.
   */
  dashUnconfirmed?: boolean;
}

/** The date of the first point that depends on an unconfirmed item, or null. */
export function firstUnconfirmed(points: AveragePoint[]): string | null {
  return points.find((p) => (p.unconfirmed?.length ?? 0) > 0)?.date ?? null;
}

/** A line split at its first unconfirmed point: the solid part, then the dashed part (same colour). */
function splitLine(l: StepLine, end: string): Array<{ l: StepLine; data: Array<[string, number]>; dashed: boolean }> {
  const data = stepData(l.points, end);
  const from = l.dashUnconfirmed ? firstUnconfirmed(l.points) : null;
  if (!from) return [{ l, data, dashed: l.dashed === true }];
  const k = data.findIndex(([d]) => d >= from);
  const before = k > 0 ? data[k - 1]![1] : data[k]![1];
  const solid: Array<[string, number]> = [...data.slice(0, k), [from, before]];
  const dashed: Array<[string, number]> = [[from, before], ...data.slice(k)];
  return [
    { l, data: solid, dashed: l.dashed === true },
    { l: { ...l, name: `${l.name} (unconfirmed)` }, data: dashed, dashed: true },
  ];
}

export function stepData(points: AveragePoint[], end: string): Array<[string, number]> {
  const data = points.map((p) => [p.date, p.average_pct] as [string, number]);
  const last = data[data.length - 1];
  if (last && last[0] < end) data.push([end, last[1]]);
  return data;
}

export function stepOption(
  lines: StepLine[],
  events: TimelineEntry[],
  today: string,
  start: string,
  end: string,
  compact: boolean,
): EChartsOption {
  const max = Math.max(10, ...lines.flatMap((l) => l.points.map((p) => p.average_pct)));
  const top = Math.ceil((max * 1.12) / 10) * 10;
  const parts = lines.flatMap((l) => splitLine(l, end));
  const series: Array<Record<string, unknown>> = parts.map(({ l, data, dashed }, i) => ({
    name: l.name,
    type: 'line',
    step: 'end',
    showSymbol: false,
    color: l.color,
    lineStyle: { width: dashed ? 2 : 2.5, type: dashed ? 'dashed' : 'solid' },
    data,
    ...(i === 0
      ? {
          markArea: {
            silent: true,
            itemStyle: { color: 'rgba(120,120,120,0.08)' },
            label: { show: !compact, position: 'insideTop', color: '#666', fontSize: 11 },
            data: today < end ? [[{ name: 'scheduled', xAxis: today }, { xAxis: end }]] : [],
          },
          markLine: {
            symbol: ['none', 'none'],
            silent: false,
            label: { show: false, formatter: '{b}' },
            emphasis: { label: { show: true, position: 'insideEndTop', fontSize: 11 } },
            data: events.map((e) => ({
              name: `${fmtDate(e.date)}: ${e.title}`,
              xAxis: e.date,
              lineStyle: { color: EVENT_COLORS[e.kind] ?? '#999', type: 'dotted', width: 1, opacity: 0.7 },
            })),
          },
        }
      : {}),
  }));
  if (events.length)
    series.push({
      name: 'Events',
      type: 'scatter',
      color: '#444',
      symbolSize: compact ? 7 : 9,
      data: events.map((e) => ({
        value: [e.date, top],
        name: e.title,
        kind: e.kind,
        itemStyle: { color: EVENT_COLORS[e.kind] ?? '#999' },
        symbol:
          e.kind === 'threat'
            ? 'triangle'
            : e.kind === 'ruling'
              ? 'rect'
              : e.kind === 'truce' || e.kind === 'agreement'
                ? 'diamond'
                : 'circle',
      })),
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: { value: [string, number]; name: string; kind: string } }) =>
          `<b>${fmtDate(p.data.value[0])}</b> · ${humanize(p.data.kind)}<br/>${escapeHtml(p.data.name)}`,
      },
    });
  return {
    animation: false,
    grid: { left: compact ? 40 : 52, right: compact ? 12 : 24, top: compact ? 56 : 48, bottom: compact ? 70 : 64 },
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) => fmtPct(v),
      formatter: (items: Array<{ seriesName: string; value: [string, number]; color: string; seriesType: string }>) => {
        const rows = items.filter((i) => i.seriesType === 'line');
        if (!rows.length) return '';
        return `<b>${fmtDate(rows[0]!.value[0])}</b><br/>${rows.map((r) => `<span style="color:${r.color}">●</span> ${r.seriesName}: <b>${fmtPct(r.value[1])}</b>`).join('<br/>')}`;
      },
    },
    xAxis: { type: 'time', min: start, max: end },
    yAxis: {
      type: 'value',
      min: 0,
      max: top,
      axisLabel: { formatter: '{value}%' },
      name: compact ? '' : 'trade-weighted average tariff',
      nameTextStyle: { align: 'left' },
    },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series,
  } as EChartsOption;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
