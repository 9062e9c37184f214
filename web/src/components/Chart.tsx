// An ECharts canvas that resizes with its box. What it drew (series names and points, read back from the chart
// instance) is published on the element's data-series attribute for tests and accessibility tooling.
import { useEffect, useRef } from 'react';
import { echarts, type EChartsOption } from '../charts/echarts';

interface Props {
  option: EChartsOption;
  height?: number;
  label: string;
  testId?: string;
}

export function Chart({ option, height = 360, label, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.setOption(option, { notMerge: true });
    const drawn =
      (c.getOption().series as
        Array<{ name?: string; data?: unknown[]; lineStyle?: { type?: unknown } }> | undefined) ?? [];
    box.current!.dataset.series = JSON.stringify(
      drawn.map((s) => ({ name: s.name ?? '', data: s.data ?? [], dashed: s.lineStyle?.type === 'dashed' })),
    );
    box.current!.dataset.ready = 'true';
  }, [option]);

  return <div ref={box} className="chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
}
