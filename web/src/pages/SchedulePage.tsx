// Schedule: the official US schedule (USITC HTS revisions) as a second source of truth (issue 19, ADR 83). Every
// shipped revision with its effective date and its audit for goods of China; a revision's audit in detail.
import { useMemo } from 'react';
import type { PageProps } from './PageProps';
import { hrefFor, setParams } from '../router';
import { useApi } from '../useApi';
import { useCompact } from '../useCompact';
import { ChartCard } from '../components/ChartCard';
import { Chart } from '../components/Chart';
import { Select } from '../components/Select';
import { SortableTable, type Column } from '../components/SortableTable';
import { htsStatusBars } from '../charts/htsBars';
import { fmtDate, fmtUsd } from '../format';
import {
  revisionName,
  STATUS_COLORS,
  STATUS_LABEL,
  type HtsAudit,
  type HtsAuditSummary,
  type HtsRevision,
} from '../hts/types';

const share = (x: number) => `${(x * 100).toFixed(2)}%`;
const STATUSES = ['modelled', 'explained', 'unmodelled', 'rate_mismatch'] as const;

interface Row extends HtsRevision {
  audit?: HtsAuditSummary;
}

export function SchedulePage({ params }: PageProps) {
  const rev = params.get('rev') ?? '';
  return rev ? <AuditDetail rev={rev} status={params.get('status') ?? 'open'} /> : <RevisionList />;
}

function RevisionList() {
  const compact = useCompact();
  const revisions = useApi<HtsRevision[]>('/api/hts/revisions');
  const summary = useApi<HtsAuditSummary[]>('/api/hts/audit/summary', { origin: 'CN' });
  const rows: Row[] = useMemo(() => {
    const by = new Map((summary.data ?? []).map((s) => [s.revision, s]));
    return (revisions.data ?? []).map((r) => ({ ...r, audit: by.get(r.revision) }));
  }, [revisions.data, summary.data]);
  const n = (r: Row, k: keyof HtsAuditSummary) => (r.audit ? (r.audit[k] as number) : -1);
  const cell = (r: Row, k: keyof HtsAuditSummary) => (r.audit ? String(r.audit[k]) : summary.loading ? '…' : '–');
  const columns: Array<Column<Row>> = [
    {
      key: 'revision',
      label: 'Revision',
      value: (r) => r.effective_date,
      render: (r) => <a href={hrefFor('schedule', { rev: r.revision })}>{revisionName(r.revision)}</a>,
    },
    {
      key: 'effective',
      label: 'In force from',
      value: (r) => r.effective_date,
      render: (r) => fmtDate(r.effective_date),
    },
    ...STATUSES.map((s): Column<Row> => ({
      key: s,
      label: STATUS_LABEL[s]!,
      numeric: true,
      value: (r) => n(r, s),
      render: (r) => cell(r, s),
    })),
    {
      key: 'share',
      label: 'Mismatch value share',
      numeric: true,
      value: (r) => n(r, 'value_share'),
      render: (r) => (r.audit ? share(r.audit.value_share) : summary.loading ? '…' : '–'),
    },
  ];
  const audited = rows.filter((r) => r.audit);
  const option = useMemo(
    () =>
      htsStatusBars(
        audited.map((r) => revisionName(r.revision)),
        STATUSES.map((s) => ({
          name: STATUS_LABEL[s]!,
          color: STATUS_COLORS[s]!,
          values: audited.map((r) => r.audit![s]),
        })),
        compact,
      ),
    [audited.length, summary.data, compact],
  );
  return (
    <>
      <div className="page-head">
        <h1>The schedule (HTS) against the ledger</h1>
      </div>
      <p className="muted">
        Each revision of the Harmonized Tariff Schedule the USITC published, audited for goods of China on its effective
        date: the Chapter 99 headings whose text reaches them, modelled by the ledger, explained (a reviewed reason),
        unmodelled or at another rate; and the share of 2024 imports from China on lines whose footnotes disagree with
        the engine.
      </p>
      <ChartCard
        title="Headings reaching China, by audit status"
        subtitle="Per revision (auditing all of them takes a few seconds the first time)"
        loading={summary.loading}
        error={summary.error}
        empty={!audited.length}
        csvName="hts-audit-summary-CN"
        csvRows={() => (summary.data ?? []).map((s) => ({ ...s }))}
        testId="schedule-chart"
      >
        <Chart option={option} height={compact ? 300 : 340} label="Chapter 99 headings by audit status per revision" />
      </ChartCard>
      <ChartCard
        title="Revisions"
        subtitle={`${rows.length} revisions shipped; pick one for its headings`}
        loading={revisions.loading}
        error={revisions.error}
        empty={!rows.length}
        csvName="hts-revisions"
        csvRows={() =>
          rows.map((r) => ({
            revision: r.revision,
            effective_date: r.effective_date,
            ...(r.audit
              ? {
                  modelled: r.audit.modelled,
                  explained: r.audit.explained,
                  unmodelled: r.audit.unmodelled,
                  rate_mismatch: r.audit.rate_mismatch,
                  value_share: r.audit.value_share,
                }
              : {}),
          }))
        }
        testId="schedule-revisions"
      >
        <SortableTable rows={rows} columns={columns} initialSort="revision" testId="hts-revisions" />
      </ChartCard>
    </>
  );
}

type Heading = HtsAudit['headings'][number];

function AuditDetail({ rev, status }: { rev: string; status: string }) {
  const audit = useApi<HtsAudit>('/api/hts/audit', { revision: rev, origin: 'CN' });
  const a = audit.data;
  const shown = (a?.headings ?? []).filter((h) =>
    status === 'all'
      ? true
      : status === 'open'
        ? !['modelled', 'not_applicable'].includes(h.status)
        : h.status === status,
  );
  const count = (s: string) => (a?.headings ?? []).filter((h) => h.status === s).length;
  const columns: Array<Column<Heading>> = [
    { key: 'heading', label: 'Heading', value: (h) => h.heading },
    {
      key: 'status',
      label: 'Status',
      value: (h) => h.status,
      render: (h) => <span className={h.status === 'modelled' ? 'tag' : 'tag warn'}>{STATUS_LABEL[h.status]}</span>,
    },
    { key: 'rate', label: 'Rate', value: (h) => h.rate },
    { key: 'text', label: 'Text', value: (h) => h.text },
    { key: 'reason', label: 'Why', value: (h) => h.reason ?? '' },
    { key: 'ledger', label: 'Ledger records', value: (h) => h.ledger_ids.join(', ') },
  ];
  const options = [
    { value: 'open', label: 'Not modelled (unmodelled, rate mismatch, explained)' },
    ...(['modelled', 'unmodelled', 'rate_mismatch', 'explained', 'not_applicable'] as const).map((s) => ({
      value: s,
      label: `${STATUS_LABEL[s]} (${count(s)})`,
    })),
    { value: 'all', label: 'All headings' },
  ];
  return (
    <>
      <div className="page-head">
        <h1>HTS {revisionName(rev)} against the ledger</h1>
      </div>
      <p>
        <a href={hrefFor('schedule')}>← All revisions</a>
      </p>
      <ChartCard
        title="Chapter 99 headings"
        subtitle={a ? `Goods of China on ${fmtDate(a.date)}, the revision's effective date` : undefined}
        loading={audit.loading}
        error={audit.error}
        csvName={`hts-audit-${rev}-CN`}
        csvRows={() => shown.map((h) => ({ ...h, ledger_ids: h.ledger_ids.join(' ') }))}
        actions={
          <Select
            label="Status"
            value={status}
            onChange={(v) => setParams('schedule', { rev, status: v })}
            options={options}
            testId="audit-status"
          />
        }
        testId="audit-headings"
      >
        {a && (
          <>
            <p data-testid="audit-counts">
              {count('modelled')} modelled, {count('explained')} explained, {count('unmodelled')} unmodelled,{' '}
              {count('rate_mismatch')} rate mismatch; {count('not_applicable')} do not reach China. Parse errors:{' '}
              {a.parse_errors}.
            </p>
            <SortableTable rows={shown} columns={columns} initialSort="heading" testId="audit-table" />
          </>
        )}
      </ChartCard>
      {a && (
        <ChartCard
          title="Line footnotes against the engine"
          subtitle={`${a.membership.lines_checked} lines checked; ${a.membership.mismatches.length} disagree, ${fmtUsd(a.membership.value_at_stake_usd)} of 2024 imports from China (${share(a.membership.value_share)})`}
          csvName={`hts-audit-${rev}-CN-lines`}
          csvRows={() =>
            a.membership.mismatches.map((m) => ({
              ...m,
              hts_headings: m.hts_headings.join(' '),
              ledger_ids: m.ledger_ids.join(' '),
            }))
          }
          empty={!a.membership.mismatches.length}
          emptyText="Every line's footnotes agree with the engine."
          testId="audit-lines"
        >
          <SortableTable
            rows={a.membership.mismatches}
            columns={[
              {
                key: 'line',
                label: 'Line',
                value: (m) => m.line,
                render: (m) => (
                  <a href={hrefFor('product', { code: m.line, importer: 'US', date: a.date })}>{m.line}</a>
                ),
              },
              {
                key: 'value',
                label: '2024 imports',
                numeric: true,
                value: (m) => m.value_usd,
                render: (m) => fmtUsd(m.value_usd),
              },
              { key: 'hts', label: 'Headings named', value: (m) => m.hts_headings.join(', ') },
              { key: 'ledger', label: 'Ledger records', value: (m) => m.ledger_ids.join(', ') },
            ]}
            initialSort="value"
          />
        </ChartCard>
      )}
    </>
  );
}
