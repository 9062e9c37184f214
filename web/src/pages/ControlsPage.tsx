// Controls: screen a party against the restricted-party lists (every hit explained), test a bill of materials
// against China's export controls on a date, and the controls timeline of both sides with suspensions shaded.
import { useMemo, useState } from 'react';
import type { PageProps } from './PageProps';
import { useApi } from '../useApi';
import { ChartCard } from '../components/ChartCard';
import { Chart } from '../components/Chart';
import { DateInput } from '../components/DateInput';
import { ScenarioSelect } from '../components/ScenarioSelect';
import { todayIso } from '../format';
import { postApi, type BomAnswer, type ControlTimelineRow, type ScreenResult } from '../controls/types';
import { timelineOption, STATE_LABELS } from '../controls/timelineOption';
import type { Meta } from '../types';

const SAMPLE_BOM = `role,id,description,hs,origin,value,element,share_pct,content_value,chinese_origin
finished,,EV traction motor,8501.32,DE,1000,,,,
item,magnet,sintered NdFeB magnet,8505.11,CN,60,Dy,3,,true
item,magnet,sintered NdFeB magnet,8505.11,CN,60,Tb,1,,true
item,stator,copper stator,8503.00,DE,300,,,,
`;

function ScreenCard({ date }: { date: string }) {
  const [name, setName] = useState('Huawei Technologies Co., Ltd.');
  const [country, setCountry] = useState('CN');
  const [query, setQuery] = useState<{ name: string; country: string } | null>(null);
  const result = useApi<ScreenResult>('/api/screen', { name: query?.name, country: query?.country, date }, !query);
  return (
    <ChartCard
      title="Screen a party"
      subtitle="BIS Entity List, MEU, DPL · OFAC SDN, NS-CMIC · DoD 1260H — every hit with the features that fired"
      loading={result.loading}
      error={result.error}
      csvName={`screen-${query?.name ?? ''}`}
      csvRows={() =>
        (result.data?.hits ?? []).map((h) => ({
          score: h.score,
          list: h.list,
          name: h.name,
          matched_name: h.matched_name,
          country: h.country,
          date_added: h.date_added,
          listed_on_date: h.listed_on_date,
          citation: h.citation,
          features: h.features.map((f) => `${f.feature}:${f.contribution}`).join(';'),
        }))
      }
      testId="screen-card"
    >
      <form
        className="controls"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ name, country });
        }}
      >
        <label className="field wide">
          <span>Name (any script)</span>
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="screen-name" />
        </label>
        <label className="field">
          <span>Country</span>
          <input value={country} maxLength={2} onChange={(e) => setCountry(e.target.value.toUpperCase())} />
        </label>
        <button type="submit" data-testid="screen-go">
          Screen
        </button>
      </form>
      {result.data && (
        <div className="table-wrap">
          <p className="sub">
            {result.data.hits.length} hit{result.data.hits.length === 1 ? '' : 's'} at or above {result.data.threshold}{' '}
            ({result.data.algorithm}) on {result.data.date}
          </p>
          <table data-testid="screen-hits">
            <thead>
              <tr>
                <th>Score</th>
                <th>List</th>
                <th>Entry</th>
                <th>Added</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {result.data.hits.slice(0, 15).map((h) => (
                <tr key={h.party_id}>
                  <td className="num">{h.score.toFixed(2)}</td>
                  <td>{h.list}</td>
                  <td>
                    {h.name}
                    {h.matched_name !== h.name && <span className="muted"> (as “{h.matched_name}”)</span>}
                    {h.country && <span className="muted"> · {h.country}</span>}
                  </td>
                  <td>
                    {h.date_added ?? '—'}
                    {h.listed_on_date === false && <span className="tag warn">after date</span>}
                  </td>
                  <td className="reason">
                    {h.features.map((f) => `${f.feature} ${f.contribution > 0 ? '+' : ''}${f.contribution}`).join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartCard>
  );
}

function BomCard({ date, scenario }: { date: string; scenario: string }) {
  const [text, setText] = useState(SAMPLE_BOM);
  const [destination, setDestination] = useState('US');
  const [answer, setAnswer] = useState<BomAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setAnswer(await postApi<BomAnswer>('/api/bom', text, { date, destination, scenario }));
    } catch (e) {
      setAnswer(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ChartCard
      title="Bill of materials against China's export controls"
      subtitle="MOFCOM 2025 No. 18; Nos. 55–58, 61, 62 (and their suspension by No. 70); Ann. 46 of 2024 (Art. 2 suspended by No. 72)"
      loading={busy}
      csvName={`bom-${date}`}
      csvRows={() =>
        (answer?.rules ?? []).map((r) => ({
          measure: r.measure,
          citation: r.citation,
          state: r.state,
          triggered: r.triggered,
          outcome: r.outcome,
          items: r.items.join(' '),
          reasons: r.reasons.join(' | '),
          source: r.source,
        }))
      }
      testId="bom-card"
    >
      <div className="controls">
        <label className="field">
          <span>Upload CSV or JSON</span>
          <input
            type="file"
            accept=".csv,.json,text/csv,application/json"
            data-testid="bom-file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) setText(await f.text());
            }}
          />
        </label>
        <label className="field">
          <span>Destination</span>
          <input value={destination} maxLength={2} onChange={(e) => setDestination(e.target.value.toUpperCase())} />
        </label>
        <button type="button" onClick={run} data-testid="bom-go">
          Test on {date}
        </button>
      </div>
      <textarea
        className="bom-text"
        rows={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="bom-text"
      />
      {error && <p className="status error">{error}</p>}
      {answer && (
        <div className="table-wrap" data-testid="bom-answer">
          <p className={answer.licence_required ? 'bom-verdict up' : 'bom-verdict'}>
            <strong>{answer.licence_required ? 'Licence required' : 'No licence required'}</strong> — {answer.summary}
          </p>
          <table>
            <thead>
              <tr>
                <th>Rule</th>
                <th>State on {answer.date}</th>
                <th>Outcome</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {answer.rules
                .filter((r) => r.triggered || r.reasons.length)
                .map((r) => (
                  <tr key={r.measure}>
                    <td>
                      <a href={r.source} target="_blank" rel="noreferrer">
                        {r.citation}
                      </a>
                    </td>
                    <td title={r.state_reason}>{STATE_LABELS[r.state] ?? r.state}</td>
                    <td>{r.outcome.replace(/_/g, ' ')}</td>
                    <td className="reason">{r.reasons.join(' · ')}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </ChartCard>
  );
}

export function ControlsPage({ params }: PageProps) {
  const meta = useApi<Meta>('/api/meta');
  const today = meta.data?.today ?? todayIso();
  const [date, setDate] = useState(params.get('date') ?? today);
  const [scenario, setScenario] = useState(params.get('scenario') ?? 'baseline');
  const timeline = useApi<ControlTimelineRow[]>('/api/controls/timeline', { scenario });
  const option = useMemo(() => timelineOption(timeline.data ?? [], today, '2027-12-31'), [timeline.data, today]);
  return (
    <>
      <div className="page-head">
        <h1>Export controls</h1>
        <div className="controls">
          <DateInput label="Date" value={date} onChange={setDate} testId="controls-date" />
          <ScenarioSelect value={scenario} onChange={setScenario} />
        </div>
      </div>
      <div className="grid2">
        <ScreenCard date={date} />
        <BomCard date={date} scenario={scenario} />
      </div>
      <ChartCard
        title="Export controls over time, both sides"
        subtitle="Each measure's state from the ledger: in force, suspended (shaded), announced; the scenario changes the future"
        loading={timeline.loading}
        error={timeline.error}
        csvName={`controls-timeline-${scenario}`}
        csvRows={() =>
          (timeline.data ?? []).flatMap((r) =>
            r.segments.map((s) => ({
              imposer: r.imposer,
              measure: r.measure,
              title: r.title,
              from: s.from,
              until: s.until ?? '',
              state: s.state,
              reason: s.reason,
            })),
          )
        }
        testId="controls-timeline-card"
      >
        <Chart
          option={option}
          height={Math.max(320, (timeline.data?.length ?? 10) * 26 + 80)}
          label="Export controls timeline"
          testId="controls-timeline"
        />
      </ChartCard>
    </>
  );
}
