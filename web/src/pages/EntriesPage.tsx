// Entries: drop an entry file (CSV or JSON, e.g. an ACE entry summary line export), see what each line paid by
// layer, what is owed after court rulings and the refund due, and download every priced line as CSV.
import { useMemo, useState, type DragEvent } from 'react';
import type { EntriesUploadAnswer, EntryLine } from '../../../src/contract/entries';
import { ApiError } from '../api';
import { Chart } from '../components/Chart';
import { ChartCard } from '../components/ChartCard';
import { Headline } from '../components/Headline';
import { SortableTable, type Column } from '../components/SortableTable';
import type { EChartsOption } from '../charts/echarts';
import { fmtMoney, fmtPct, fmtUsd, humanize } from '../format';
import { useCompact } from '../useCompact';

const OWED = '#3d6a8a';
const STRUCK = '#c8553d';

async function postEntries(text: string, json: boolean, format: 'json' | 'csv'): Promise<Response> {
  const res = await fetch(`/api/entries?format=${format}&limit=200`, {
    method: 'POST',
    headers: { 'content-type': json ? 'application/json' : 'text/csv' },
    body: text,
  });
  if (!res.ok) {
    const b = (await res.json().catch(() => null)) as { error?: string; field?: string } | null;
    throw new ApiError(b?.error ?? `${res.status} ${res.statusText}`, res.status, b?.field, b);
  }
  return res;
}

const LINE_COLUMNS: Array<Column<EntryLine>> = [
  { key: 'row', label: 'Row', value: (l) => l.row },
  { key: 'entry_date', label: 'Entry date', value: (l) => l.entry_date ?? '' },
  { key: 'hts', label: 'HTS', value: (l) => l.hts ?? '' },
  { key: 'origin', label: 'Origin', value: (l) => l.origin ?? '' },
  {
    key: 'value_usd',
    label: 'Value',
    value: (l) => l.value_usd ?? 0,
    render: (l) => (l.value_usd === null ? '–' : fmtMoney(l.value_usd)),
    numeric: true,
  },
  {
    key: 'statutory_pct',
    label: 'Rate',
    value: (l) => l.statutory_pct ?? -1,
    render: (l) => fmtPct(l.statutory_pct),
    numeric: true,
  },
  {
    key: 'duty_statutory_usd',
    label: 'Duty',
    value: (l) => l.duty_statutory_usd ?? -1,
    render: (l) => (l.duty_statutory_usd === null ? '–' : fmtMoney(l.duty_statutory_usd)),
    numeric: true,
  },
  {
    key: 'duty_owed_usd',
    label: 'Owed after rulings',
    value: (l) => l.duty_owed_usd ?? -1,
    render: (l) => (l.duty_owed_usd === null ? '–' : fmtMoney(l.duty_owed_usd)),
    numeric: true,
  },
  {
    key: 'refund_due_usd',
    label: 'Refund due',
    value: (l) => l.refund_due_usd ?? -1,
    render: (l) => (l.refund_due_usd === null ? '–' : fmtMoney(l.refund_due_usd)),
    numeric: true,
  },
  {
    key: 'status',
    label: 'Status',
    value: (l) => l.reason ?? l.status,
    render: (l) => (l.status === 'ok' ? 'ok' : <span className="rejected">{l.reason}</span>),
  },
];

function layerChart(answer: EntriesUploadAnswer, compact: boolean): EChartsOption {
  const layers = answer.summary.by_layer.filter((l) => l.duty_statutory_usd > 0);
  return {
    animation: false,
    grid: { left: compact ? 120 : 200, right: 70, top: 30, bottom: 24 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => fmtMoney(Number(v)) },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmtUsd(v) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: layers.map((l) => (l.measure === 'base' ? 'Base (MFN)' : l.measure)),
      axisLabel: { width: compact ? 110 : 190, overflow: 'truncate', fontSize: 11 },
    },
    series: [
      {
        name: 'Owed after court rulings',
        type: 'bar',
        stack: 'duty',
        color: OWED,
        data: layers.map((l) => (l.owed ? l.duty_statutory_usd : 0)),
      },
      {
        name: 'Struck down (refundable)',
        type: 'bar',
        stack: 'duty',
        color: STRUCK,
        data: layers.map((l) => (l.owed ? 0 : l.duty_statutory_usd)),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value?: unknown }) => (Number(p.value) > 0 ? fmtUsd(Number(p.value)) : ''),
        },
      },
    ],
  };
}

export function EntriesPage() {
  const compact = useCompact();
  const [file, setFile] = useState<{ name: string; text: string; json: boolean } | null>(null);
  const [answer, setAnswer] = useState<EntriesUploadAnswer | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);

  const load = async (f: File) => {
    const text = await f.text();
    const json = /\.json$/i.test(f.name) || f.type === 'application/json';
    setFile({ name: f.name, text, json });
    setBusy(true);
    setError(undefined);
    setAnswer(null);
    try {
      setAnswer((await (await postEntries(text, json, 'json')).json()) as EntriesUploadAnswer);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(String(err), 0));
    } finally {
      setBusy(false);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) void load(f);
  };
  const download = async () => {
    if (!file) return;
    const blob = await (await postEntries(file.text, file.json, 'csv')).blob();
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${file.name.replace(/\.[^.]+$/, '')}-priced.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const option = useMemo(() => (answer ? layerChart(answer, compact) : null), [answer, compact]);
  const s = answer?.summary;

  return (
    <>
      <div className="page-head">
        <h1>Entries</h1>
      </div>
      <section className="card">
        <label
          className={`dropzone${over ? ' over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          data-testid="entries-drop"
        >
          <input
            type="file"
            accept=".csv,.txt,.json,text/csv,application/json"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void load(f);
            }}
            data-testid="entries-file"
          />
          <strong>Drop an entry file here</strong> or click to choose one (CSV or JSON, one row per entry line).
          <span className="sub">
            Columns by name: Entry Date, HTS Number, Country of Origin, Line Entered Value; optional Entry Summary
            Number, Line Number, Quantity, Duty Paid (or Line Duty Amount), Liquidation Date. Parquet files and files of
            millions of lines: <code>tradewar entries FILE</code> on the command line.
          </span>
          {file && <span className="sub">File: {file.name}</span>}
        </label>
      </section>
      {(busy || error) && <ChartCard title="Pricing the lines…" loading={busy} error={error} />}
      {s && answer && option && (
        <>
          <div className="headlines" data-testid="entries-summary">
            <Headline
              label="Lines"
              value={`${s.accepted.toLocaleString()} priced`}
              note={`${s.rejected.toLocaleString()} rejected of ${s.rows.toLocaleString()}`}
            />
            <Headline
              label="Duty assessed"
              value={fmtMoney(s.totals.duty_statutory_usd)}
              note={`on ${fmtMoney(s.totals.value_usd)} entered${s.expected_equals_statutory ? '' : `; expected ${fmtMoney(s.totals.duty_expected_usd)}`}`}
            />
            <Headline
              label="Owed after court rulings"
              value={fmtMoney(s.totals.duty_owed_usd)}
              note={`struck down: ${fmtMoney(s.totals.refundable_usd)}`}
              color={OWED}
            />
            <Headline
              label="Refund due"
              value={s.with_duty_paid > 0 ? fmtMoney(s.totals.refund_due_usd) : '–'}
              note={
                s.with_duty_paid > 0
                  ? `on ${s.with_duty_paid.toLocaleString()} lines with duty paid (${fmtMoney(s.totals.duty_paid_usd)})`
                  : 'give a Duty Paid column to compute it'
              }
              color={STRUCK}
              testId="entries-refund"
            />
          </div>
          <ChartCard
            title="Duty by layer"
            subtitle="Dollars each layer assessed on the priced lines; red: measures a court struck down (refundable)"
            empty={s.by_layer.every((l) => l.duty_statutory_usd === 0)}
            emptyText="No duty assessed on these lines"
            csvName={`${file?.name ?? 'entries'}-by-layer`}
            csvRows={() => s.by_layer.map((l) => ({ ...l, authority: humanize(l.authority) }))}
            actions={
              <button type="button" className="csv" onClick={() => void download()} data-testid="entries-download">
                Priced lines (CSV)
              </button>
            }
            testId="entries-layers"
          >
            <Chart
              option={option}
              height={Math.max(180, 70 + s.by_layer.length * 34)}
              label="Duty by layer"
              testId="entries-layer-chart"
            />
          </ChartCard>
          <ChartCard
            title={`Lines${answer.lines.length < answer.lines_total ? ` (first ${answer.lines.length} of ${answer.lines_total.toLocaleString()})` : ''}`}
            subtitle="Rejected lines keep their row number and say why; click a column to sort"
            csvName={`${file?.name ?? 'entries'}-lines-shown`}
            csvRows={() => answer.lines.map(({ layers, ...l }) => ({ ...l, layers: JSON.stringify(layers) }))}
          >
            <SortableTable rows={answer.lines} columns={LINE_COLUMNS} initialSort="row" testId="entries-lines" />
          </ChartCard>
          <p className="sub">Assumes {s.assumptions.join('; ')}.</p>
        </>
      )}
    </>
  );
}
