// Scenarios: two scenarios side by side — their averages on a date and their paths over time both ways, the
// difference by HS section, and each overlay's operations in words.
import { useMemo } from 'react';
import type { PageProps } from './PageProps';
import { setParams } from '../router';
import { useApi } from '../useApi';
import { DIRECTIONS, type AveragePoint, type Comparison, type Meta, type Scenario } from '../types';
import { Chart } from '../components/Chart';
import { ChartCard } from '../components/ChartCard';
import { DateInput } from '../components/DateInput';
import { ScenarioSelect } from '../components/ScenarioSelect';
import { WeightsSelect } from '../components/WeightsSelect';
import { ScenarioCard } from '../components/ScenarioCard';
import { SortableTable, type Column } from '../components/SortableTable';
import { stepOption, stepData, type StepLine } from '../charts/stepOption';
import { barOption } from '../charts/barOption';
import { DIRECTION_COLORS } from '../charts/colors';
import { fmtDate, fmtPct, fmtPp, todayIso } from '../format';
import { useCompact } from '../useCompact';

type Row = Comparison['rows'][number];

export function ScenariosPage({ params }: PageProps) {
  const compact = useCompact();
  const meta = useApi<Meta>('/api/meta');
  const list = useApi<Scenario[]>('/api/scenarios');
  const a = params.get('a') ?? 'baseline';
  const b = params.get('b') ?? list.data?.[0]?.name ?? 'baseline';
  const date = params.get('date') ?? meta.data?.today ?? todayIso();
  const weights = params.get('weights') ?? '2017';
  const update = (next: Record<string, string>) => setParams('scenarios', { a, b, date, weights, ...next });
  const cmp = useApi<Comparison>('/api/scenarios/compare', { a, b, at: date, weights }, list.loading);
  const paths = {
    aUS: useApi<AveragePoint[]>('/api/series', { importer: 'US', exporter: 'CN', weights, scenario: a }),
    aCN: useApi<AveragePoint[]>('/api/series', { importer: 'CN', exporter: 'US', weights, scenario: a }),
    bUS: useApi<AveragePoint[]>('/api/series', { importer: 'US', exporter: 'CN', weights, scenario: b }, list.loading),
    bCN: useApi<AveragePoint[]>('/api/series', { importer: 'CN', exporter: 'US', weights, scenario: b }, list.loading),
  };
  const lines: StepLine[] = useMemo(() => {
    const out: StepLine[] = [];
    for (const d of DIRECTIONS) {
      const pa = d.importer === 'US' ? paths.aUS.data : paths.aCN.data;
      const pb = d.importer === 'US' ? paths.bUS.data : paths.bCN.data;
      if (pa) out.push({ name: `${d.label} — ${a}`, color: DIRECTION_COLORS[d.id]!, points: pa });
      if (pb) out.push({ name: `${d.label} — ${b}`, color: DIRECTION_COLORS[d.id]!, points: pb, dashed: true });
    }
    return out;
  }, [paths.aUS.data, paths.aCN.data, paths.bUS.data, paths.bCN.data, a, b]);
  const pathOption = useMemo(
    () => stepOption(lines, [], meta.data?.today ?? todayIso(), '2018-01-01', '2026-12-31', compact),
    [lines, meta.data, compact],
  );

  const sectionDiffs = useMemo(() => {
    const bySec = new Map<string, { title: string; us: number; cn: number }>();
    for (const r of cmp.data?.by_section ?? []) {
      const e = bySec.get(r.section) ?? { title: r.title, us: 0, cn: 0 };
      if (r.importer === 'US') e.us = r.diff_pp;
      else e.cn = r.diff_pp;
      bySec.set(r.section, e);
    }
    return [...bySec].map(([section, v]) => ({ section, ...v }));
  }, [cmp.data]);
  const diffOption = useMemo(
    () =>
      barOption(
        sectionDiffs.map((s) => `${s.section} ${s.title}`),
        DIRECTIONS.map((d) => ({
          name: d.label,
          color: DIRECTION_COLORS[d.id]!,
          values: sectionDiffs.map((s) => (d.importer === 'US' ? s.us : s.cn)),
        })),
        'pp',
        compact,
      ),
    [sectionDiffs, compact],
  );
  const columns: Array<Column<Row>> = [
    {
      key: 'dir',
      label: 'Direction',
      value: (r) => (r.importer === 'US' ? DIRECTIONS[0]!.label : DIRECTIONS[1]!.label),
    },
    { key: 'a', label: a, value: (r) => r.a_pct, render: (r) => fmtPct(r.a_pct), numeric: true },
    { key: 'b', label: b, value: (r) => r.b_pct, render: (r) => fmtPct(r.b_pct), numeric: true },
    {
      key: 'diff',
      label: 'Difference',
      value: (r) => r.diff_pp,
      render: (r) => <b className={r.diff_pp > 0 ? 'up' : r.diff_pp < 0 ? 'down' : ''}>{fmtPp(r.diff_pp)}</b>,
      numeric: true,
    },
  ];
  const find = (name: string) => list.data?.find((s) => s.name === name);
  const pathsLoading = Object.values(paths).some((p) => p.loading);

  return (
    <>
      <div className="page-head">
        <h1>Compare scenarios</h1>
        <div className="controls">
          <ScenarioSelect label="Scenario A" value={a} onChange={(v) => update({ a: v })} testId="scenario-a" />
          <ScenarioSelect label="Scenario B" value={b} onChange={(v) => update({ b: v })} testId="scenario-b" />
          <DateInput label="On" value={date} onChange={(v) => update({ date: v })} testId="scenario-date" />
          <WeightsSelect value={weights} onChange={(v) => update({ weights: v })} />
        </div>
      </div>
      {list.data && list.data.length === 0 && (
        <p className="status empty">No scenarios are shipped yet (scenarios/*.yaml).</p>
      )}
      <ChartCard
        title={`Averages on ${fmtDate(date)}`}
        loading={cmp.loading}
        error={cmp.error}
        csvName={`compare-${a}-${b}-${date}`}
        csvRows={() => [
          ...(cmp.data?.rows ?? []).map((r) => ({ ...r, section: 'all', title: 'all products' })),
          ...(cmp.data?.by_section ?? []),
        ]}
        testId="compare-table-card"
      >
        {cmp.data && <SortableTable rows={cmp.data.rows} columns={columns} testId="compare-table" />}
      </ChartCard>
      <div className="grid2">
        <ScenarioCard s={find(a)} label="A" />
        <ScenarioCard s={find(b)} label="B" />
      </div>
      <ChartCard
        title="Paths over time"
        subtitle={`Solid: ${a}; dashed: ${b}`}
        loading={pathsLoading}
        csvName={`paths-${a}-${b}`}
        csvRows={() =>
          lines.flatMap((l) =>
            stepData(l.points, '2026-12-31')
              .slice(0, l.points.length)
              .map(([d, v]) => ({ series: l.name, date: d, average_pct: v })),
          )
        }
        testId="paths-card"
      >
        <Chart option={pathOption} height={compact ? 320 : 400} label="Scenario paths over time" testId="paths-chart" />
      </ChartCard>
      <ChartCard
        title={`Difference by HS section (B − A) on ${fmtDate(date)}`}
        loading={cmp.loading}
        error={cmp.error}
        empty={!!cmp.data && sectionDiffs.every((s) => s.us === 0 && s.cn === 0)}
        emptyText="The two scenarios do not differ on this date."
        csvName={`compare-by-section-${a}-${b}-${date}`}
        csvRows={() => cmp.data?.by_section ?? []}
        testId="section-diff"
      >
        <Chart
          option={diffOption}
          height={Math.max(260, 60 + sectionDiffs.length * 30)}
          label="Difference by HS section"
          testId="section-diff-chart"
        />
      </ChartCard>
    </>
  );
}
