// The export controls reaching a product on a date (the ledger's export-control measures whose HS scope covers the
// code, with their state on that date) and US import reliance on China for it (2024 Census imports; USGS figures
// for rare earths). Apart from service/controls.ts so that `rate` and /api/rate load it without the name matching.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TradewarContext } from './context.js';
import { measureStateOn, type MeasureState } from '../controls/rules/measure-state.js';
import { queryRows, sqlString } from '../datasets/duckdb.js';
import { normaliseCode } from '../codes/product-codes.js';
import { memoAsync as cached } from '../util/memo.js';

export interface ProductControl {
  measure: string;
  title: string;
  imposer: string;
  kind: string;
  via: string;
  elements: string[];
  citation: string;
  source: string;
  state: MeasureState['state'];
  in_force: boolean;
  reason: string;
}

export interface Reliance {
  year: number;
  hs6: string;
  us_imports_usd: number;
  from_china_usd: number;
  china_share_pct: number | null;
  top_partners: Array<{ partner: string; usd: number; share_pct: number }>;
  source: string;
}

export interface UsgsFigures {
  commodity: string;
  net_import_reliance_pct: Array<{ year: string; value: string }>;
  china_share_world_mine_production_pct: number | null;
  us_mine_production_t: number | null;
  year: string;
  source: string;
}

export interface ProductControls {
  product: string;
  date: string;
  measures: ProductControl[];
  reliance: Reliance | null;
  usgs: UsgsFigures | null;
}

const RARE_EARTHS = new Set([
  'Sc',
  'Y',
  'La',
  'Ce',
  'Pr',
  'Nd',
  'Pm',
  'Sm',
  'Eu',
  'Gd',
  'Tb',
  'Dy',
  'Ho',
  'Er',
  'Tm',
  'Yb',
  'Lu',
]);
const relianceCache = new Map<string, Promise<Reliance | null>>();
const usgsCache = new Map<string, Promise<UsgsFigures | null>>();

async function relianceFor(ctx: TradewarContext, hs6: string): Promise<Reliance | null> {
  const key = `${ctx.data.dir}:${hs6}`;
  let hit = relianceCache.get(key);
  if (!hit) {
    const file = join(ctx.data.dir, 'trade_weights.parquet');
    hit = queryRows<{ exporter: string; usd: number }>(
      `SELECT exporter, sum(value_usd)::DOUBLE AS usd FROM read_parquet(${sqlString(file)})
       WHERE weight_set = 'us_imports_2024' AND importer = 'US' AND code LIKE ${sqlString(`${hs6}%`)}
       GROUP BY exporter ORDER BY usd DESC, exporter`,
    ).then((rows) => {
      const total = rows.reduce((s, r) => s + Number(r.usd), 0);
      if (total <= 0) return null;
      const cn = Number(rows.find((r) => r.exporter === 'CN')?.usd ?? 0);
      const pct = (x: number) => Math.round((x / total) * 1000) / 10;
      return {
        year: 2024,
        hs6,
        us_imports_usd: Math.round(total),
        from_china_usd: Math.round(cn),
        china_share_pct: pct(cn),
        top_partners: rows
          .slice(0, 5)
          .map((r) => ({ partner: r.exporter, usd: Math.round(Number(r.usd)), share_pct: pct(Number(r.usd)) })),
        source:
          'US Census imports for consumption 2024 by HTS10 and country (data/trade_weights.parquet, weight set us_imports_2024)',
      };
    });
    relianceCache.set(key, hit);
  }
  return hit;
}

function usgsFor(ctx: TradewarContext): Promise<UsgsFigures | null> {
  const file = join(ctx.data.dir, 'controls_minerals.parquet');
  if (!existsSync(file)) return Promise.resolve(null);
  return cached(usgsCache, ctx.data.dir, () => readUsgs(file));
}

function readUsgs(file: string): Promise<UsgsFigures | null> {
  return queryRows<{ country: string; metric: string; year: string; value: string }>(
    `SELECT country, metric, year, value FROM read_parquet(${sqlString(file)})`,
  ).then((rows) => {
    const get = (c: string, m: string, y: string) =>
      rows.find((r) => r.country === c && r.metric === m && r.year === y)?.value;
    const world = Number(get('World total (rounded)', 'mine_production', '2024e'));
    const china = Number(get('China', 'mine_production', '2024e'));
    return {
      commodity: 'rare earths',
      net_import_reliance_pct: rows
        .filter((r) => r.country === 'US' && r.metric === 'net_import_reliance_compounds_metals')
        .map((r) => ({ year: r.year, value: r.value }))
        .sort((a, b) => a.year.localeCompare(b.year)),
      china_share_world_mine_production_pct: world > 0 ? Math.round((china / world) * 1000) / 10 : null,
      us_mine_production_t: Number(get('United States', 'mine_production', '2024e')) || null,
      year: '2024e',
      source: 'USGS Mineral Commodity Summaries 2025, Rare Earths (data/controls_minerals.parquet)',
    };
  });
}

export async function controlsForProduct(
  ctx: TradewarContext,
  product: string,
  date: string,
): Promise<ProductControls> {
  const code = normaliseCode(product);
  const measures: ProductControl[] = [];
  for (const m of ctx.ledger.measures) {
    const scope = m.control;
    if (m.instrument !== 'export_control' || !scope?.hs_prefixes) continue;
    const via = scope.hs_prefixes.find((p) => code.startsWith(p) || (code.length < p.length && p.startsWith(code)));
    if (!via) continue;
    const st = measureStateOn(ctx.ledger, m, date, scope.applies_from);
    measures.push({
      measure: m.id,
      title: m.title,
      imposer: m.imposer,
      kind: scope.kind,
      via: `HS ${via}`,
      elements: scope.elements ?? [],
      citation: m.legal_citation,
      source: st.source,
      state: st.state,
      in_force: st.in_force,
      reason: st.reason,
    });
  }
  const reliance = code.length >= 4 ? await relianceFor(ctx, code.slice(0, Math.min(6, code.length))) : null;
  const rareEarth = measures.some((m) => m.elements.some((e) => RARE_EARTHS.has(e)));
  return { product: code, date, measures, reliance, usgs: rareEarth ? await usgsFor(ctx) : null };
}
