// Search the selected direction's tariff schedule by code prefix or words (the same full-text index as
// `tradewar search`); choosing a hit opens its duty stack.
import { useEffect, useState } from 'react';
import { useApi } from '../useApi';
import type { ProductHit } from '../types';
import { countryName } from '../format';

interface Props {
  initial?: string;
  /** Only this schedule: US (goods from China) or CN (goods from the US); both when absent. */
  importer?: string;
  onPick: (hit: ProductHit) => void;
}

export function ProductSearch({ initial = '', importer, onPick }: Props) {
  const [text, setText] = useState(initial);
  const [q, setQ] = useState(initial);
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(t);
  }, [text]);
  const { data, loading, error } = useApi<ProductHit[]>('/api/products', { q, limit: 30, importer }, q.length < 2);
  return (
    <div className="search">
      <label className="field wide">
        <span>Find a product by tariff code or words</span>
        <input
          type="search"
          value={text}
          placeholder={
            importer === 'CN'
              ? 'e.g. 1201, soybeans, aircraft (China’s schedule)'
              : 'e.g. 8517.13, smartphones, furniture'
          }
          onChange={(e) => setText(e.target.value)}
          data-testid="product-search"
          autoComplete="off"
        />
      </label>
      {loading && <p className="status loading">Searching…</p>}
      {error && <p className="status error">{error.message}</p>}
      {data && data.length === 0 && <p className="status empty">No product matches “{q}”.</p>}
      {data && data.length > 0 && (
        <ul className="hits" data-testid="product-hits">
          {data.map((h) => (
            <li key={`${h.importer}-${h.code}`}>
              <button type="button" onClick={() => onPick(h)} data-code={h.code} data-importer={h.importer}>
                <code>{h.code}</code>
                <span className="hit-desc">{h.description}</span>
                <span className="tag">
                  {h.importer === 'US' ? 'US schedule' : 'China schedule'} · into {countryName(h.importer)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
