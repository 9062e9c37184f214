// Today's trade-weighted average each way, with the MFN part beside it ("the gap is the story").
import { useApi } from '../useApi';
import { DIRECTIONS, type AveragePoint } from '../types';
import { fmtDate, fmtPct } from '../format';
import { DIRECTION_COLORS } from '../charts/colors';
import { Headline } from './Headline';
import { hrefFor } from '../router';

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
  const mfnNote = p ? `MFN alone ${fmtPct(mfn)} · ${fmtPct(p.coverage_pct)} of trade under an added duty` : ' ';
  // ADR 82: a figure that rests on an unconfirmed step says so beside it, with the other branch one click away
  const unconfirmed = p?.unconfirmed ?? [];
  return (
    <Headline
      label={`${dir.label}, ${fmtDate(date)}`}
      value={p ? fmtPct(p.average_pct) : '…'}
      color={DIRECTION_COLORS[dir.id]}
      testId={`headline-${dir.importer}`}
      note={
        unconfirmed.length ? (
          <>
            {unconfirmed.map((u) => (
              <div key={u.id} className="h-unconfirmed" data-testid={`headline-${dir.importer}-unconfirmed`}>
                {fmtPct(p!.average_pct)} · {u.assumption} · {fmtPct(u.alternative_average_pct)} {u.alternative}
                {u.scenario && (
                  <>
                    {' '}
                    · <a href={hrefFor('overview', { weights, scenario: u.scenario })}>show that branch</a>
                  </>
                )}
              </div>
            ))}
            <div>{mfnNote}</div>
          </>
        ) : (
          mfnNote
        )
      }
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
