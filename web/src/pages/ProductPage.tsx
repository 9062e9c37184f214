// Product: find a product, see its duty stack on a date layer by layer with sources, its duty over time and
// what changes next. Either direction: a US line (from China) or a Chinese line (from the US).
import type { PageProps } from './PageProps';
import { setParams } from '../router';
import { useApi } from '../useApi';
import type { Meta, Stack } from '../types';
import { ProductSearch } from '../components/ProductSearch';
import { DutyStack } from '../components/DutyStack';
import { ProductTimeline } from '../components/ProductTimeline';
import { NextChanges } from '../components/NextChanges';
import { ChartCard } from '../components/ChartCard';
import { DateInput } from '../components/DateInput';
import { Select } from '../components/Select';
import { ScenarioSelect } from '../components/ScenarioSelect';
import { MoneyInput } from '../components/MoneyInput';
import { todayIso } from '../format';
import { ProductControlsCard } from '../components/ProductControlsCard';
import type { ProductControls } from '../controls/types';
import { ScheduleCard } from '../components/ScheduleCard';

export function ProductPage({ params }: PageProps) {
  const meta = useApi<Meta>('/api/meta');
  const code = params.get('code') ?? '';
  const importer = params.get('importer') ?? 'US';
  const origin = importer === 'US' ? 'CN' : 'US';
  const date = params.get('date') ?? meta.data?.today ?? todayIso();
  const scenario = params.get('scenario') ?? 'baseline';
  const q = params.get('q') ?? code;
  const value = params.get('value') ?? '';
  const validValue = /^[0-9]+(\.[0-9]+)?$/.test(value) ? value : undefined;
  const update = (next: Record<string, string>) =>
    setParams('product', { code, importer, date, scenario, q, value, ...next });
  const stack = useApi<Stack>(
    '/api/rate',
    { product: code, origin, dest: importer, date, scenario, value: validValue },
    !code,
  );
  // a shorter code answers with its highest line's stack: the timeline and next changes follow that line
  const lineCode = stack.data?.query ? stack.data.product : code;
  return (
    <>
      <div className="page-head">
        <h1>Product duty stack</h1>
      </div>
      <section className="card">
        <ProductSearch
          initial={q}
          importer={importer}
          onPick={(h) => update({ code: h.code, importer: h.importer, q: h.code })}
        />
        <div className="controls">
          <Select
            label="Direction"
            value={importer}
            onChange={(v) => update({ importer: v })}
            testId="product-direction"
            options={[
              { value: 'US', label: 'Into the US from China' },
              { value: 'CN', label: 'Into China from the US' },
            ]}
          />
          <DateInput label="Entry date" value={date} onChange={(d) => update({ date: d })} testId="product-date" />
          <ScenarioSelect value={scenario} onChange={(s) => update({ scenario: s })} />
          <MoneyInput
            label="Customs value (USD)"
            value={value}
            onChange={(v) => update({ value: v })}
            testId="product-value"
          />
        </div>
      </section>
      {!code && <p className="status empty">Search for a product above, then pick it to see its duty stack.</p>}
      {code && (
        <ChartCard
          title="Duty stack"
          subtitle="Every candidate layer: whether it applies on the date, why, and the legal instrument behind it"
          loading={stack.loading}
          error={stack.error}
          csvName={`duty-stack-${code}-${origin}-${importer}-${date}`}
          csvRows={() => {
            const s = stack.data!;
            return [
              {
                layer: 'base (MFN)',
                measure: s.base.measure,
                rate_pct: s.base_pct,
                adds_pct: s.base_pct,
                expected_adds_pct: s.base_pct,
                expected_source: '',
                applies: true,
                reason: s.base.rate_text ?? '',
                citation: s.base.table,
                source: s.base.source,
              },
              ...s.layers.map((l) => ({
                layer: l.title,
                measure: l.measure,
                rate_pct: l.rate_pct,
                adds_pct: l.contribution_pct,
                expected_adds_pct: l.expected_contribution_pct,
                expected_source: l.expected_source ?? '',
                applies: l.applies,
                reason: l.reason,
                citation: l.citation,
                source: l.source,
              })),
              {
                layer: 'total',
                measure: '',
                rate_pct: s.total_pct,
                adds_pct: s.total_pct,
                expected_adds_pct: s.expected_pct,
                expected_source: 'expected rate on average (ADR 9)',
                applies: true,
                reason: `owed after rulings ${s.owed_total_pct}`,
                citation: '',
                source: '',
              },
            ];
          }}
          testId="stack-card"
        >
          {stack.data && <DutyStack stack={stack.data} />}
        </ChartCard>
      )}
      {stack.data && (stack.data as Stack & { controls?: ProductControls }).controls && (
        <ProductControlsCard controls={(stack.data as Stack & { controls: ProductControls }).controls} />
      )}
      {importer === 'US' && stack.data && /^\d{10}$/.test(stack.data.product) && (
        <ScheduleCard code={stack.data.product} date={stack.data.date} />
      )}
      {code && !stack.error && (
        <div className="grid2">
          <ProductTimeline code={lineCode} importer={importer} origin={origin} scenario={scenario} />
          <NextChanges code={lineCode} importer={importer} origin={origin} scenario={scenario} date={date} />
        </div>
      )}
    </>
  );
}
