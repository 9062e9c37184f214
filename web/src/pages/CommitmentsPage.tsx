// Commitments: what China promised to buy (Phase One 2020-21, Busan soybeans) against US-reported exports to
// China — cumulative target vs actual per category, share met by year, and the soybean tracker. Every chart
// exports its data as CSV.
import { useMemo } from 'react';
import type { PageProps } from './PageProps';
import { setParams } from '../router';
import { useApi } from '../useApi';
import { ChartCard } from '../components/ChartCard';
import { Chart } from '../components/Chart';
import { Select } from '../components/Select';
import type { EChartsOption } from '../charts/echarts';

interface YearFigure {
  year: number;
  window_from: string;
  window_until: string;
  baseline_usd: number | null;
  target_usd: number | null;
  actual_usd: number | null;
  target_tonnes: number | null;
  actual_tonnes: number | null;
  share_met_pct: number | null;
  source: string | null;
  note: string | null;
}
interface MonthFigure {
  month: string;
  window_from: string;
  cumulative_actual_usd: number | null;
  cumulative_target_usd: number | null;
  cumulative_actual_tonnes: number | null;
  cumulative_target_tonnes: number | null;
  source: string;
}
interface CategoryFigure {
  category: string;
  title: string;
  target_usd: number | null;
  actual_usd: number | null;
  share_met_pct: number | null;
  target_tonnes?: number | null;
  actual_tonnes?: number | null;
  data_gap?: string;
  notes: string[];
  by_year: YearFigure[];
  by_month: MonthFigure[];
}
interface CommitmentReport {
  name: string;
  title: string;
  status: string;
  unit: 'usd' | 'tonnes';
  data_until: string | null;
  data_used: Array<{ source: string; label: string; periods: string; until: string }>;
  method: string[];
  categories: CategoryFigure[];
}

const bn = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x / 1e7) / 100);
const mt = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x / 1e4) / 100);
const fmt = (x: number | null, unit: string) => (x === null ? '—' : `${x.toLocaleString('en-US')} ${unit}`);
const lastDay = (until: string) => new Date(Date.parse(`${until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Cumulative target and actual over the commitment period: month ends where the data have months, year ends. */
function cumulative(
  c: CategoryFigure,
): Array<{ date: string; target_usd_bn: number | null; actual_usd_bn: number | null; basis: string }> {
  const out: Array<{ date: string; target_usd_bn: number | null; actual_usd_bn: number | null; basis: string }> = [];
  let t = 0;
  let a = 0;
  for (const y of c.by_year) {
    for (const m of c.by_month.filter((x) => x.window_from === y.window_from))
      out.push({
        date: lastDay(`${nextMonth(m.month)}-01`),
        target_usd_bn: bn(t + (m.cumulative_target_usd ?? 0)),
        actual_usd_bn: m.cumulative_actual_usd === null ? null : bn(a + m.cumulative_actual_usd),
        basis: `month (${m.source}); target spread evenly, illustrative`,
      });
    t += y.target_usd ?? 0;
    a += y.actual_usd ?? 0;
    out.push({
      date: lastDay(y.window_until),
      target_usd_bn: y.target_usd === null ? null : bn(t),
      actual_usd_bn: y.actual_usd === null ? null : bn(a),
      basis: `year (${y.source ?? 'no data'})`,
    });
  }
  return out;
}

function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

export function CommitmentsPage({ params }: PageProps) {
  const category = params.get('category') ?? 'goods';
  const { data, error, loading } = useApi<CommitmentReport[]>('/api/commitments');
  const phaseOne = data?.find((r) => r.name === 'phase-one');
  const busan = data?.find((r) => r.name === 'busan-soybeans');
  const measured = phaseOne?.categories.filter((c) => !c.data_gap) ?? [];
  const chosen = measured.find((c) => c.category === category) ?? measured[0];
  const points = useMemo(() => (chosen ? cumulative(chosen) : []), [chosen]);

  const lineOption = useMemo<EChartsOption>(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: 'USD bn, cumulative' },
      series: [
        {
          name: 'Target (cumulative)',
          type: 'line',
          step: false,
          lineStyle: { type: 'dashed' },
          data: points.map((p) => [p.date, p.target_usd_bn]),
        },
        { name: 'Actual (cumulative)', type: 'line', data: points.map((p) => [p.date, p.actual_usd_bn]) },
      ],
    }),
    [points],
  );

  const shareOption = useMemo<EChartsOption>(() => {
    const cats = measured.map((c) => c.category);
    const years = [...new Set(measured.flatMap((c) => c.by_year.map((y) => y.year)))];
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: cats },
      yAxis: { type: 'value', name: '% of target met', max: 100 },
      series: [
        ...years.map((y) => ({
          name: String(y),
          type: 'bar' as const,
          data: measured.map((c) => c.by_year.find((x) => x.year === y)?.share_met_pct ?? null),
        })),
        { name: '2020-21', type: 'bar' as const, data: measured.map((c) => c.share_met_pct) },
      ],
    };
  }, [measured]);

  const soy = busan?.categories.find((c) => c.category === 'soybeans');
  const soyOption = useMemo<EChartsOption>(() => {
    const rows = soy?.by_year ?? [];
    const label = (y: YearFigure) => `${y.window_from} → ${lastDay(y.window_until)}`;
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: rows.map(label), axisLabel: { interval: 0, rotate: 10 } },
      yAxis: { type: 'value', name: 'million tonnes' },
      series: [
        { name: 'Committed', type: 'bar', data: rows.map((y) => mt(y.target_tonnes)) },
        { name: 'Shipped (US exports to China)', type: 'bar', data: rows.map((y) => mt(y.actual_tonnes)) },
      ],
    };
  }, [soy]);

  return (
    <>
      <div className="page-head">
        <h1>Purchase commitments: promised vs bought</h1>
        <div className="controls">
          <Select
            label="Phase One category"
            value={chosen?.category ?? category}
            onChange={(v) => setParams('commitments', { category: v })}
            testId="commitments-category"
            options={measured.map((c) => ({ value: c.category, label: c.title }))}
          />
        </div>
      </div>
      {phaseOne && (
        <p className="muted" data-testid="commitments-headline">
          Phase One, 2020–21: {measured.map((c) => `${c.category} ${c.share_met_pct ?? '—'}%`).join(' · ')} of the
          target met (US-reported exports; data until {phaseOne.data_until}). Services: not measured —{' '}
          {phaseOne.categories.find((c) => c.data_gap)?.data_gap}
        </p>
      )}
      <div className="grid2">
        <ChartCard
          title={`Phase One — ${chosen?.title ?? ''}: cumulative target vs actual`}
          subtitle="Target = 2017 value in the same data + the agreed increment, per year. Months: the year's target spread evenly (illustrative; the agreement sets year-end targets)."
          loading={loading}
          error={error}
          empty={!!data && !chosen}
          csvName={`phase-one-${chosen?.category ?? ''}-cumulative`}
          csvRows={() => points}
          testId="commitments-cumulative"
        >
          <Chart
            option={lineOption}
            label="Phase One cumulative target and actual"
            testId="commitments-cumulative-chart"
          />
        </ChartCard>
        <ChartCard
          title="Phase One — share of the target met, by category"
          subtitle="goods = manufactured + agriculture + energy. PIIE's reading (US exports): about 60% of goods, agriculture about 83%."
          loading={loading}
          error={error}
          csvName="phase-one-share-met"
          csvRows={() =>
            measured.flatMap((c) =>
              c.by_year.map((y) => ({
                category: c.category,
                year: y.year,
                baseline_usd_bn: bn(y.baseline_usd),
                target_usd_bn: bn(y.target_usd),
                actual_usd_bn: bn(y.actual_usd),
                share_met_pct: y.share_met_pct,
                source: y.source,
              })),
            )
          }
          testId="commitments-share"
        >
          <Chart
            option={shareOption}
            label="Phase One share of target met by category"
            testId="commitments-share-chart"
          />
        </ChartCard>
      </div>
      <ChartCard
        title="Busan soybeans: committed vs shipped"
        subtitle={
          soy
            ? `${fmt(mt(soy.actual_tonnes ?? null), 'Mt')} shipped against ${fmt(mt(soy.target_tonnes ?? null), 'Mt')} in the windows with data (${soy.share_met_pct ?? '—'}%). ${soy.by_year[0]?.note ?? ''}`
            : undefined
        }
        loading={loading}
        error={error}
        empty={!!data && !soy}
        csvName="busan-soybeans"
        csvRows={() =>
          (soy?.by_year ?? []).map((y) => ({
            window_from: y.window_from,
            window_until: y.window_until,
            target_mt: mt(y.target_tonnes),
            actual_mt: mt(y.actual_tonnes),
            share_met_pct: y.share_met_pct,
            source: y.source,
            note: y.note,
          }))
        }
        testId="commitments-soybeans"
      >
        <Chart
          option={soyOption}
          height={300}
          label="Busan soybean commitment and shipments"
          testId="commitments-soybeans-chart"
        />
      </ChartCard>
      {data && (
        <section className="card notes" data-testid="commitments-data">
          <h2>Data and method</h2>
          <ul>
            {data.flatMap((r) => [
              ...r.data_used.map((d) => (
                <li key={`${r.name}-${d.source}`}>
                  {r.name}: {d.label} — {d.periods} (until {d.until})
                </li>
              )),
              ...r.method.map((m, i) => <li key={`${r.name}-m${i}`}>{m}</li>),
            ])}
            <li>
              Newer data: <code>tradewar commitments --actuals FILE</code> (Census monthly exports, USDA export sales).
            </li>
          </ul>
        </section>
      )}
    </>
  );
}
