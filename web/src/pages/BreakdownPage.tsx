// Breakdown: at a chosen date, the average and coverage by HS section and the contribution of each authority,
// as charts and a sortable table, each downloadable as CSV.
import { useMemo } from 'react';
import type { PageProps } from './PageProps';
import { setParams } from '../router';
import { useApi } from '../useApi';
import { DIRECTIONS, type AveragePoint, type Direction, type Meta, type SectionFigure } from '../types';
import { Chart } from '../components/Chart';
import { ChartCard } from '../components/ChartCard';
import { DateInput } from '../components/DateInput';
import { DirectionSelect } from '../components/DirectionSelect';
import { WeightsSelect } from '../components/WeightsSelect';
import { ScenarioSelect } from '../components/ScenarioSelect';
import { SortableTable, type Column } from '../components/SortableTable';
import { Headline } from '../components/Headline';
import { barOption } from '../charts/barOption';
import { DIRECTION_COLORS } from '../charts/colors';
import { fmtDate, fmtPct, humanize, todayIso } from '../format';
import { useCompact } from '../useCompact';

interface SectionRow extends SectionFigure {
  section: string;
}

const COLUMNS: Array<Column<SectionRow>> = [
  { key: 'section', label: 'Section', value: (r) => r.section },
  { key: 'title', label: 'Products', value: (r) => r.title },
  {
    key: 'average_pct',
    label: 'Average',
    value: (r) => r.average_pct,
    render: (r) => fmtPct(r.average_pct),
    numeric: true,
  },
  {
    key: 'coverage_pct',
    label: 'Coverage',
    value: (r) => r.coverage_pct,
    render: (r) => fmtPct(r.coverage_pct),
    numeric: true,
  },
  {
    key: 'weight_share_pct',
    label: 'Share of trade',
    value: (r) => r.weight_share_pct,
    render: (r) => fmtPct(r.weight_share_pct),
    numeric: true,
  },
];

export function BreakdownPage({ params }: PageProps) {
  const compact = useCompact();
  const meta = useApi<Meta>('/api/meta');
  const date = params.get('date') ?? meta.data?.today ?? todayIso();
  const dir = (params.get('dir') as Direction) ?? 'US<CN';
  const weights = params.get('weights') ?? '2017';
  const scenario = params.get('scenario') ?? 'baseline';
  const update = (next: Record<string, string>) => setParams('breakdown', { date, dir, weights, scenario, ...next });
  const d = DIRECTIONS.find((x) => x.id === dir) ?? DIRECTIONS[0]!;
  const q = { importer: d.importer, exporter: d.exporter, at: date, weights, scenario };
  const bySection = useApi<AveragePoint[]>('/api/average', { ...q, by: 'section' });
  const byAuthority = useApi<AveragePoint[]>('/api/average', { ...q, by: 'authority' });

  const sections: SectionRow[] = useMemo(
    () => Object.entries(bySection.data?.[0]?.by ?? {}).map(([section, f]) => ({ section, ...(f as SectionFigure) })),
    [bySection.data],
  );
  const authorities = useMemo(
    () =>
      Object.entries(byAuthority.data?.[0]?.by ?? {})
        .map(([authority, v]) => ({ authority, pp: v as number }))
        .filter((a) => a.pp > 0.0001)
        .sort((a, b) => b.pp - a.pp),
    [byAuthority.data],
  );
  const sortedSections = useMemo(
    () => [...sections].sort((a, b) => b.weight_share_pct - a.weight_share_pct),
    [sections],
  );
  const sectionOption = useMemo(
    () =>
      barOption(
        sortedSections.map((s) => `${s.section} ${s.title}`),
        [
          { name: 'Average tariff', color: DIRECTION_COLORS[dir]!, values: sortedSections.map((s) => s.average_pct) },
          {
            name: 'Coverage (share of trade under an added duty)',
            color: '#d4a373',
            values: sortedSections.map((s) => s.coverage_pct),
          },
        ],
        'pct',
        compact,
      ),
    [sortedSections, dir, compact],
  );
  const authorityOption = useMemo(
    () =>
      barOption(
        authorities.map((a) => humanize(a.authority)),
        [{ name: 'Contribution to the average', color: DIRECTION_COLORS[dir]!, values: authorities.map((a) => a.pp) }],
        'pp',
        compact,
      ),
    [authorities, dir, compact],
  );
  const point = bySection.data?.[0];

  return (
    <>
      <div className="page-head">
        <h1>Breakdown on {fmtDate(date)}</h1>
        <div className="controls">
          <DirectionSelect value={dir} onChange={(v) => update({ dir: v })} />
          <DateInput label="Date" value={date} onChange={(v) => update({ date: v })} testId="breakdown-date" />
          <WeightsSelect value={weights} onChange={(v) => update({ weights: v })} />
          <ScenarioSelect value={scenario} onChange={(v) => update({ scenario: v })} />
        </div>
      </div>
      <div className="headlines">
        <Headline
          label={`${d.label}: average`}
          value={point ? fmtPct(point.average_pct) : '…'}
          color={DIRECTION_COLORS[dir]}
          testId="breakdown-average"
        />
        <Headline
          label="Coverage"
          value={point ? fmtPct(point.coverage_pct) : '…'}
          note="share of trade under any added duty"
        />
      </div>
      <div className="grid2">
        <ChartCard
          title="By authority"
          subtitle="Percentage points each legal authority adds to the average (MFN is the base)"
          loading={byAuthority.loading}
          error={byAuthority.error}
          empty={!!byAuthority.data && authorities.length === 0}
          csvName={`average-by-authority-${d.importer}-${date}`}
          csvRows={() =>
            authorities.map((a) => ({
              date,
              importer: d.importer,
              exporter: d.exporter,
              weights,
              authority: a.authority,
              contribution_pp: a.pp,
            }))
          }
          testId="by-authority"
        >
          <Chart
            option={authorityOption}
            height={Math.max(200, 60 + authorities.length * 34)}
            label="Contribution by authority"
            testId="authority-chart"
          />
        </ChartCard>
        <ChartCard
          title="By HS section"
          subtitle="Average tariff and coverage in each section, largest trade first"
          loading={bySection.loading}
          error={bySection.error}
          empty={!!bySection.data && sections.length === 0}
          csvName={`average-by-section-${d.importer}-${date}`}
          csvRows={() => sections.map((s) => ({ date, importer: d.importer, exporter: d.exporter, weights, ...s }))}
          testId="by-section"
        >
          <Chart
            option={sectionOption}
            height={Math.max(240, 50 + sortedSections.length * 30)}
            label="Average and coverage by HS section"
            testId="section-chart"
          />
        </ChartCard>
      </div>
      <ChartCard
        title="Sections table"
        subtitle="Click a column to sort"
        loading={bySection.loading}
        error={bySection.error}
        empty={!!bySection.data && sections.length === 0}
        csvName={`sections-${d.importer}-${date}`}
        csvRows={() => sections.map((s) => ({ date, importer: d.importer, exporter: d.exporter, weights, ...s }))}
      >
        <SortableTable rows={sections} columns={COLUMNS} initialSort="weight_share_pct" testId="section-table" />
      </ChartCard>
    </>
  );
}
