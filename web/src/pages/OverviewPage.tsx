// Overview: the trade-weighted average both ways since 2018 as a step chart, events on the time axis, an optional
// scenario overlaid on the baseline, weights 2017/2024/world, today's figures and what changes next.
import { useMemo } from 'react';
import type { PageProps } from './PageProps';
import { setParams } from '../router';
import { useApi } from '../useApi';
import { DIRECTIONS, type AveragePoint, type Meta, type TimelineEntry } from '../types';
import { Chart } from '../components/Chart';
import { ChartCard } from '../components/ChartCard';
import { ScenarioSelect } from '../components/ScenarioSelect';
import { WeightsSelect } from '../components/WeightsSelect';
import { TodayHeadlines } from '../components/TodayHeadlines';
import { UpcomingList } from '../components/UpcomingList';
import { EventKeys } from '../components/EventKeys';
import { firstUnconfirmed, stepOption, stepData, type StepLine } from '../charts/stepOption';
import { DIRECTION_COLORS } from '../charts/colors';
import { useCompact } from '../useCompact';
import { fmtDate, todayIso } from '../format';
import { hrefFor } from '../router';

const START = '2018-01-01';
const END = '2026-12-31';
const MARKED = new Set(['talks', 'truce', 'agreement', 'ruling', 'threat', 'summit', 'expiry']);

function useSeries(weights: string, scenario?: string, skip = false) {
  const us = useApi<AveragePoint[]>(
    '/api/series',
    { importer: 'US', exporter: 'CN', weights, scenario, from: START, to: END },
    skip,
  );
  const cn = useApi<AveragePoint[]>(
    '/api/series',
    { importer: 'CN', exporter: 'US', weights, scenario, from: START, to: END },
    skip,
  );
  return { us, cn, loading: us.loading || cn.loading, error: us.error ?? cn.error };
}

export function OverviewPage({ params }: PageProps) {
  const weights = params.get('weights') ?? '2017';
  const scenario = params.get('scenario') ?? '';
  const update = (next: Record<string, string>) => setParams('overview', { weights, scenario, ...next });
  const compact = useCompact();
  const meta = useApi<Meta>('/api/meta');
  const today = meta.data?.today ?? todayIso();
  const base = useSeries(weights);
  const alt = useSeries(weights, scenario, !scenario);
  const events = useApi<TimelineEntry[]>('/api/events', { kind: 'event' });
  const marked = useMemo(() => (events.data ?? []).filter((e) => MARKED.has(e.kind)), [events.data]);

  const lines: StepLine[] = useMemo(() => {
    const out: StepLine[] = [];
    for (const d of DIRECTIONS) {
      const pts = d.importer === 'US' ? base.us.data : base.cn.data;
      if (pts) out.push({ name: d.label, color: DIRECTION_COLORS[d.id]!, points: pts, dashUnconfirmed: true });
    }
    if (scenario)
      for (const d of DIRECTIONS) {
        const pts = d.importer === 'US' ? alt.us.data : alt.cn.data;
        if (pts)
          out.push({ name: `${d.label} — ${scenario}`, color: DIRECTION_COLORS[d.id]!, points: pts, dashed: true });
      }
    return out;
  }, [base.us.data, base.cn.data, alt.us.data, alt.cn.data, scenario]);

  const unconfirmedFrom = useMemo(() => {
    const dates = [base.us.data, base.cn.data].map((p) => (p ? firstUnconfirmed(p) : null)).filter(Boolean);
    return dates.length ? (dates as string[]).sort()[0]! : null;
  }, [base.us.data, base.cn.data]);
  const option = useMemo(() => stepOption(lines, marked, today, START, END, compact), [lines, marked, today, compact]);
  const csv = () =>
    lines.flatMap((l) =>
      stepData(l.points, END)
        .slice(0, l.points.length)
        .map(([date, v], i) => ({
          series: l.name,
          date,
          average_pct: v,
          coverage_pct: l.points[i]!.coverage_pct,
          unconfirmed: (l.points[i]!.unconfirmed ?? []).map((u) => u.id).join(' '),
          alternative_average_pct: (l.points[i]!.unconfirmed ?? []).map((u) => u.alternative_average_pct).join(' '),
          weights,
        })),
    );

  return (
    <>
      <div className="page-head">
        <h1>US–China tariffs, both ways</h1>
        <div className="controls">
          <WeightsSelect value={weights} onChange={(w) => update({ weights: w })} />
          <ScenarioSelect
            label="Overlay a scenario"
            value={scenario}
            allowNone
            onChange={(s) => update({ scenario: s })}
            testId="overview-scenario"
          />
        </div>
      </div>
      <TodayHeadlines date={today} weights={weights} />
      {meta.data && meta.data.assumptions.length > 0 && (
        <details className="assumptions" data-testid="assumptions">
          <summary>
            Today’s figures assume {meta.data.assumptions.length} scheduled suspension end
            {meta.data.assumptions.length > 1 ? 's' : ''} happened (unconfirmed) — compare the extension-2027 scenario
          </summary>
          <ul>
            {meta.data.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </details>
      )}
      <ChartCard
        title="Trade-weighted average tariff since 2018"
        subtitle={
          <>
            Each step is a change in the ledger; weights are {weights} trade. Shaded: scheduled, not yet in force.
            {scenario && ' Dashed: the scenario.'}
            {unconfirmedFrom && (
              <span data-testid="overview-unconfirmed-note">
                {' '}
                Baseline dashed from {fmtDate(unconfirmedFrom)}: it rests on a scheduled suspension end no source
                confirms
                {scenario !== 'extension-2027' && (
                  <>
                    {' '}
                    <a href={hrefFor('overview', { weights, scenario: 'extension-2027' })}>
                      (overlay the extension-2027 branch)
                    </a>
                  </>
                )}
                .
              </span>
            )}
          </>
        }
        loading={base.loading || alt.loading}
        error={base.error ?? alt.error}
        csvName={`average-series-${weights}${scenario ? `-${scenario}` : ''}`}
        csvRows={csv}
        testId="overview-chart-card"
      >
        <Chart
          option={option}
          height={compact ? 340 : 440}
          label="Trade-weighted average tariff over time, both directions"
          testId="overview-chart"
        />
        <EventKeys kinds={[...new Set(marked.map((e) => e.kind))]} />
      </ChartCard>
      <UpcomingList scenario={scenario || undefined} />
    </>
  );
}
