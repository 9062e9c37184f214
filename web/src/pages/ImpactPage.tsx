// Impact: what a scenario does over another at a date — who gains and who loses (trade and welfare by country,
// with Monte Carlo bands as error bars), US imports by HS section, the largest product changes, the tariffs the
// models were fed. Every card exports its data as CSV.
import { useMemo } from 'react';
import type { PageProps } from './PageProps';
import { setParams } from '../router';
import { useApi } from '../useApi';
import type { ImpactAnswer, ImpactCountryRow, ImpactProductRow } from '../../../src/contract/impact';
import { Chart } from '../components/Chart';
import { ChartCard } from '../components/ChartCard';
import { DateInput } from '../components/DateInput';
import { ScenarioSelect } from '../components/ScenarioSelect';
import { Select } from '../components/Select';
import { Headline } from '../components/Headline';
import { SortableTable, type Column } from '../components/SortableTable';
import { impactBarsOption, type ImpactBar } from '../charts/impactBars';
import { fmtPct, fmtUsd } from '../format';
import { useCompact } from '../useCompact';
import { ImpactSectorsCard } from '../components/ImpactSectorsCard';
import { ImpactWindowCard } from '../components/ImpactWindowCard';

const signedUsd = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${fmtUsd(Math.abs(v))}`;
const signedPct = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${fmtPct(Math.abs(v), true)}`;

const PRODUCT_COLUMNS: Array<Column<ImpactProductRow>> = [
  { key: 'importer', label: 'Importer', value: (r) => r.importer },
  { key: 'product', label: 'Line', value: (r) => r.product },
  { key: 'supplier', label: 'Supplier', value: (r) => r.supplier },
  { key: 'section', label: 'Section', value: (r) => r.section },
  { key: 'trade_usd', label: 'Trade', value: (r) => r.trade_usd, render: (r) => fmtUsd(r.trade_usd), numeric: true },
  {
    key: 'tariff',
    label: 'Tariff',
    value: (r) => r.tariff1_pct - r.tariff0_pct,
    render: (r) => `${fmtPct(r.tariff0_pct)} → ${fmtPct(r.tariff1_pct)}`,
    numeric: true,
  },
  {
    key: 'import_change_usd',
    label: 'Change',
    value: (r) => r.import_change_usd,
    render: (r) => `${signedUsd(r.import_change_usd)} (${signedPct(r.import_change_pct)})`,
    numeric: true,
  },
  {
    key: 'diversion_usd',
    label: 'Diversion',
    value: (r) => r.diversion_usd,
    render: (r) => signedUsd(r.diversion_usd),
    numeric: true,
  },
];

/** The day before the same date three months later: the default window starting on `date` (a window takes about
 * 3 s per interval of constant tariffs to price; a year of them can pass the server's 30 s limit). */
function quarterAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 3);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function ImpactPage({ params }: PageProps) {
  const compact = useCompact();
  const scenario = params.get('scenario') ?? 'no-deal-2025-11';
  const over = params.get('over') ?? 'busan-truce';
  const date = params.get('date') ?? '2025-12-01';
  const requested = params.get('model');
  const model = requested === 'ge' || requested === 'ge-sectors' ? requested : 'pe';
  const draws = params.get('draws') ?? '0';
  // PE over a window: from/to in the address instead of the date (the GE models answer on a date only)
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const overWindow = model === 'pe' && from !== '' && to !== '';
  const update = (next: Record<string, string>) =>
    setParams('impact', { scenario, over, date, model, draws, ...(overWindow ? { from, to } : {}), ...next });
  const setPeriod = (period: string) =>
    period === 'window'
      ? update({ from: date, to: quarterAfter(date) })
      : setParams('impact', { scenario, over, date, model, draws });
  const when = overWindow ? `${from}-to-${to}` : date;
  const perYear = overWindow ? 'USD a year (annualised: each interval weighted by its days)' : 'USD a year';
  const res = useApi<ImpactAnswer>('/api/impact', {
    scenario,
    over,
    ...(overWindow ? { from, to } : { at: date }),
    model,
    draws: model === 'pe' ? draws : 0,
    top: 200,
  });
  const a = res.data;
  const row = (iso3: string) => a?.countries.find((c) => c.iso3 === iso3);
  const band = (key: string) => a?.bands?.[key];

  // who gains and who loses: PE = change in sales to the modelled importers (suppliers of the US, and the US's
  // sales to China); GE = welfare in %
  const winners: ImpactBar[] = useMemo(() => {
    if (!a) return [];
    if (a.model !== 'pe') {
      const countries = a.countries.filter((c) => c.iso3 !== 'EU' && c.iso3 !== 'NON_US');
      const top = [...countries].sort((x, y) => Math.abs(y.welfare_pct) - Math.abs(x.welfare_pct)).slice(0, 18);
      return [...top, ...a.countries.filter((c) => c.iso3 === 'EU' || c.iso3 === 'NON_US')].map((c) => ({
        label: c.iso3 === 'NON_US' ? 'Non-US average' : c.iso3 === 'EU' ? 'EU average' : c.iso3,
        value: c.welfare_pct,
      }));
    }
    return a.countries
      .filter((c) => c.export_change_usd)
      .sort((x, y) => Math.abs(y.export_change_usd!) - Math.abs(x.export_change_usd!))
      .slice(0, 20)
      .map((c) => {
        const key = c.iso3 === 'USA' ? 'CHN:total.import_change_usd' : `USA:${c.iso3}.import_change_usd`;
        const b = band(key);
        return {
          label: c.iso3 === 'USA' ? 'USA (sales to China)' : c.iso3,
          value: c.export_change_usd!,
          band: b ? { p5: b.p5, p95: b.p95 } : undefined,
        };
      });
  }, [a]);

  const welfare: ImpactBar[] = useMemo(() => {
    if (!a || a.model !== 'pe') return [];
    return ['USA', 'CHN'].map((iso3) => {
      const c = row(iso3)!;
      const b = band(`${iso3}:total.welfare_change_usd`);
      return { label: iso3, value: c.welfare_usd ?? 0, band: b ? { p5: b.p5, p95: b.p95 } : undefined };
    });
  }, [a]);

  const sections: ImpactBar[] = useMemo(
    () =>
      (a?.sections ?? [])
        .filter((s) => s.importer === 'USA')
        .sort((x, y) => Math.abs(y.import_change_usd) - Math.abs(x.import_change_usd))
        .map((s) => {
          const b = a?.bands?.[`USA:section.${s.section}.import_change_usd`];
          return {
            label: `${s.section} ${s.title}`,
            value: s.import_change_usd,
            band: b ? { p5: b.p5, p95: b.p95 } : undefined,
          };
        }),
    [a],
  );

  const usa = row('USA');
  const chn = row('CHN');
  const usOnCn = a?.tariffs.find((t) => t.importer === 'USA' && t.exporter === 'CHN');
  const cnOnUs = a?.tariffs.find((t) => t.importer === 'CHN' && t.exporter === 'USA');
  const fmtWinner = a && a.model !== 'pe' ? signedPct : signedUsd;

  return (
    <>
      <div className="page-head">
        <h1>Impact</h1>
        <div className="controls">
          <ScenarioSelect value={scenario} onChange={(v) => update({ scenario: v })} testId="impact-scenario" />
          <ScenarioSelect label="Over" value={over} onChange={(v) => update({ over: v })} testId="impact-over" />
          {model === 'pe' && (
            <Select
              label="Period"
              value={overWindow ? 'window' : 'date'}
              options={[
                { value: 'date', label: 'On a date (a year at its tariffs)' },
                { value: 'window', label: 'Over a window' },
              ]}
              onChange={setPeriod}
              testId="impact-period"
            />
          )}
          {overWindow ? (
            <>
              <DateInput label="From" value={from} onChange={(v) => update({ from: v })} testId="impact-from" />
              <DateInput label="To" value={to} onChange={(v) => update({ to: v })} testId="impact-to" />
            </>
          ) : (
            <DateInput label="Date" value={date} onChange={(v) => update({ date: v })} testId="impact-date" />
          )}
          <Select
            label="Model"
            value={model}
            options={[
              { value: 'pe', label: 'PE: product by product' },
              { value: 'ge', label: 'GE: 194 countries' },
              { value: 'ge-sectors', label: 'GE: 31 economies × 40 sectors (1993 data)' },
            ]}
            onChange={(v) => update({ model: v })}
            testId="impact-model"
          />
          {model === 'pe' && (
            <Select
              label="Uncertainty"
              value={draws}
              options={[
                { value: '0', label: 'Point estimate' },
                { value: '200', label: '200 draws (5–95% bands)' },
              ]}
              onChange={(v) => update({ draws: v })}
              testId="impact-draws"
            />
          )}
        </div>
      </div>
      <div className="headlines">
        <Headline
          label="US welfare"
          value={usa ? signedPct(usa.welfare_pct) : '…'}
          note={
            model === 'pe' && usa?.welfare_usd != null
              ? `${signedUsd(usa.welfare_usd)} (revenue − buyers’ loss)`
              : model === 'ge-sectors'
                ? 'real income (income over consumer prices)'
                : 'equivalent variation'
          }
          testId="impact-us-welfare"
        />
        <Headline
          label="China welfare"
          value={chn ? signedPct(chn.welfare_pct) : '…'}
          note={model === 'pe' && chn?.welfare_usd != null ? signedUsd(chn.welfare_usd) : undefined}
        />
        <Headline
          label={model === 'pe' ? 'US buyers’ cost' : 'US prices'}
          value={usa ? (model === 'pe' ? fmtUsd(usa.buyer_cost_usd ?? 0) : signedPct(usa.prices_pct ?? 0)) : '…'}
          note={model === 'pe' && usa ? `deadweight loss ${fmtUsd(usa.deadweight_loss_usd ?? 0)}` : undefined}
        />
        <Headline
          label="Tariffs fed to the model"
          value={usOnCn ? `${fmtPct(usOnCn.baseline_pct)} → ${fmtPct(usOnCn.scenario_pct)}` : '…'}
          note={
            cnOnUs
              ? `US on China; China on the US ${fmtPct(cnOnUs.baseline_pct)} → ${fmtPct(cnOnUs.scenario_pct)}`
              : undefined
          }
        />
      </div>
      <div className="grid2">
        <ChartCard
          title="Who gains and who loses"
          subtitle={
            model === 'pe'
              ? `Change in sales to the US (to China for the US itself), ${perYear}; bars with whiskers show the 5–95% band`
              : model === 'ge-sectors'
                ? 'Real income change in %, the 18 largest movers and the non-US average (Caliendo–Parro model on the 1993 world)'
                : 'Welfare change in %, the 18 largest movers and the expenditure-weighted EU and non-US averages'
          }
          loading={res.loading}
          error={res.error}
          empty={!!a && winners.length === 0}
          emptyText={`The two scenarios charge the same ${overWindow ? 'over this window' : 'on this date'}.`}
          csvName={`impact-countries-${scenario}-over-${over}-${when}-${model}`}
          csvRows={() => (a?.countries ?? []).map((c: ImpactCountryRow) => ({ ...c }))}
          testId="impact-countries"
        >
          <Chart
            option={impactBarsOption(winners, model === 'pe' ? 'Sales change' : 'Welfare', fmtWinner, compact)}
            height={Math.max(260, winners.length * 22 + 60)}
            label="Gains and losses by country"
            testId="impact-countries-chart"
          />
        </ChartCard>
        {model === 'pe' ? (
          <ChartCard
            title="US imports by HS section"
            subtitle={`Change in US imports (world prices), ${perYear}, with the 5–95% band`}
            loading={res.loading}
            error={res.error}
            empty={!!a && sections.length === 0}
            emptyText={`No section changes ${overWindow ? 'over this window' : 'on this date'}.`}
            csvName={`impact-sections-${scenario}-over-${over}-${when}`}
            csvRows={() =>
              (a?.sections ?? []).map((s) => {
                const b = a?.bands?.[`${s.importer}:section.${s.section}.import_change_usd`];
                return { ...s, import_change_p5: b?.p5 ?? '', import_change_p95: b?.p95 ?? '' };
              })
            }
            testId="impact-sections"
          >
            <Chart
              option={impactBarsOption(sections, 'Import change', signedUsd, compact)}
              height={Math.max(260, sections.length * 22 + 60)}
              label="US import change by HS section"
              testId="impact-sections-chart"
            />
          </ChartCard>
        ) : (
          <ChartCard
            title="Tariffs fed to the model"
            subtitle={
              model === 'ge-sectors'
                ? 'The US–China pairs only (all lines; by sector below): trade-weighted averages from the engine'
                : 'Trade-weighted averages by direction from the engine (the GE model is one-sector: see PE for sections)'
            }
            loading={res.loading}
            error={res.error}
            csvName={`impact-tariffs-${scenario}-over-${over}-${date}`}
            csvRows={() => (a?.tariffs ?? []).map((t) => ({ ...t }))}
            testId="impact-tariffs"
          >
            <SortableTable
              rows={a?.tariffs ?? []}
              initialSort="change"
              columns={[
                { key: 'importer', label: 'Importer', value: (t) => t.importer },
                { key: 'exporter', label: 'Exporter', value: (t) => t.exporter },
                {
                  key: 'baseline',
                  label: 'Baseline',
                  value: (t) => t.baseline_pct,
                  render: (t) => fmtPct(t.baseline_pct),
                  numeric: true,
                },
                {
                  key: 'scenario',
                  label: 'Scenario',
                  value: (t) => t.scenario_pct,
                  render: (t) => fmtPct(t.scenario_pct),
                  numeric: true,
                },
                {
                  key: 'change',
                  label: 'Change',
                  value: (t) => t.scenario_pct - t.baseline_pct,
                  render: (t) => signedPct(t.scenario_pct - t.baseline_pct),
                  numeric: true,
                },
              ]}
            />
          </ChartCard>
        )}
      </div>
      {model === 'ge-sectors' && (
        <ImpactSectorsCard
          answer={a}
          loading={res.loading}
          error={res.error}
          csvName={`impact-${scenario}-over-${over}-${date}`}
          compact={compact}
        />
      )}
      {overWindow && (
        <ImpactWindowCard
          answer={a}
          loading={res.loading}
          error={res.error}
          csvName={`impact-${scenario}-over-${over}-${when}`}
          compact={compact}
        />
      )}
      {model === 'pe' && (
        <div className="grid2">
          <ChartCard
            title="Welfare of the two importers"
            subtitle={`Tariff revenue gained minus buyers’ loss of surplus, ${perYear}`}
            loading={res.loading}
            error={res.error}
            csvName={`impact-welfare-${scenario}-over-${over}-${when}`}
            csvRows={() =>
              welfare.map((w) => ({
                iso3: w.label,
                welfare_usd: w.value,
                p5: w.band?.p5 ?? '',
                p95: w.band?.p95 ?? '',
              }))
            }
            testId="impact-welfare"
          >
            <Chart
              option={impactBarsOption(welfare, 'Welfare', signedUsd, compact)}
              height={200}
              label="Importers' welfare"
            />
          </ChartCard>
          <ChartCard
            title="Largest product changes"
            subtitle="Tariff lines × suppliers with the largest change in imports"
            loading={res.loading}
            error={res.error}
            empty={!!a && (a.products ?? []).length === 0}
            csvName={`impact-products-${scenario}-over-${over}-${when}`}
            csvRows={() => (a?.products ?? []).map((p) => ({ ...p }))}
            testId="impact-products"
          >
            <SortableTable rows={(a?.products ?? []).slice(0, 40)} columns={PRODUCT_COLUMNS} initialSort="trade_usd" />
          </ChartCard>
        </div>
      )}
      {a && (
        <ul className="notes" data-testid="impact-notes">
          {a.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </>
  );
}
