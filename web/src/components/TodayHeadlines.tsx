// Today's trade-weighted average each way, with the MFN part beside it ("the gap is the story").
import { useApi } from '../useApi';
import { DIRECTIONS, type AveragePoint } from '../types';
import { fmtDate, fmtPct } from '../format';
import { DIRECTION_COLORS } from '../charts/colors';
import { Headline } from './Headline';

function One({
  dir,
  date,
  weights,
  scenario,
}: {
  dir: (typeof DIRECTIONS)[number];
  date: string;
  weights: string;
  scenario?: string;
}) {
  const { data } = useApi<AveragePoint[]>('/api/average', {
    importer: dir.importer,
    exporter: dir.exporter,
    at: date,
    weights,
    by: 'authority',
    scenario,
  });
  const p = data?.[0];
  const mfn = typeof p?.by?.mfn === 'number' ? p.by.mfn : undefined;
  return (
    <Headline
      label={`${dir.label}, ${fmtDate(date)}`}
      value={p ? fmtPct(p.average_pct) : '…'}
      color={DIRECTION_COLORS[dir.id]}
      testId={`headline-${dir.importer}`}
      note={p ? `MFN alone ${fmtPct(mfn)} · ${fmtPct(p.coverage_pct)} of trade under an added duty` : ' '}
    />
  );
}

export function TodayHeadlines({ date, weights, scenario }: { date: string; weights: string; scenario?: string }) {
  return (
    <div className="headlines">
      {DIRECTIONS.map((d) => (
        <One key={d.id} dir={d} date={date} weights={weights} scenario={scenario} />
      ))}
    </div>
  );
}
