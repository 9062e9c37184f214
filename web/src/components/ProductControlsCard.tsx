// The export controls reaching a product on the date (from the ledger) and US import reliance on China for it
// (2024 trade; USGS figures for rare earths), as carried by /api/rate's `controls` field.
import { ChartCard } from './ChartCard';
import type { ProductControls } from '../controls/types';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

export function ProductControlsCard({ controls }: { controls: ProductControls }) {
  const r = controls.reliance;
  if (!controls.measures.length && !r) return null;
  return (
    <ChartCard
      title="Export controls and import reliance"
      subtitle={`Controls reaching ${controls.product} on ${controls.date}; where the US bought it in 2024`}
      csvName={`controls-${controls.product}-${controls.date}`}
      csvRows={() => [
        ...controls.measures.map((m) => ({ kind: 'control', ...m })),
        ...(r?.top_partners ?? []).map((p) => ({
          kind: 'us_imports_2024',
          partner: p.partner,
          usd: p.usd,
          share_pct: p.share_pct,
        })),
      ]}
      testId="product-controls"
    >
      {controls.measures.length > 0 ? (
        <ul className="controls-list">
          {controls.measures.map((m) => (
            <li key={m.measure}>
              <span className={m.in_force ? 'tag warn' : 'tag'}>{m.state.replace(/_/g, ' ')}</span>{' '}
              <a href={m.source} target="_blank" rel="noreferrer">
                {m.citation}
              </a>{' '}
              <span className="muted">
                ({m.imposer}, {m.via}) — {m.reason}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No export control in the ledger reaches this line.</p>
      )}
      {r && (
        <p>
          US imports 2024 of HS {r.hs6}: {usd.format(r.us_imports_usd)}, of which China{' '}
          <strong>{r.china_share_pct}%</strong> ({r.top_partners.map((p) => `${p.partner} ${p.share_pct}%`).join(', ')}
          ).
        </p>
      )}
      {controls.usgs && (
        <p className="muted">
          USGS rare earths: US net import reliance{' '}
          {controls.usgs.net_import_reliance_pct.map((x) => `${x.year} ${x.value}%`).join(', ')}; China{' '}
          {controls.usgs.china_share_world_mine_production_pct}% of world mine output ({controls.usgs.year}).
        </p>
      )}
    </ChartCard>
  );
}
