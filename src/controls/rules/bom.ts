// A bill of materials against China's export controls on a date: each export_control measure of the ledger
// imposed by CN and carrying a `control` scope is tested — Chinese-origin items of its elements or headings
// (a licence to export them from China), the US-specific ban of Ann. 46 Art. 2, and the extraterritorial rule
// (foreign-made goods with ≥ 0.1% Chinese-origin rare-earth content by value). The measure's dates, suspensions
// and scenario overlays come from the ledger; nothing here names an announcement.
import type { Ledger } from '../../ledger/ledger.js';
import type { Measure } from '../../ledger/schema.js';
import type { ControlScope } from '../../ledger/control-scope.js';
import { measureStateOn, type MeasureState } from './measure-state.js';
import { parseCsv } from '../io/csv-read.js';
import { UserInputError } from '../../util/errors.js';

export interface ElementContent {
  element: string;
  /** Share of the item's value (percent), or the value itself. */
  share_pct?: number;
  value?: number;
  chinese_origin: boolean;
}

export interface BomItem {
  id: string;
  description: string;
  hs: string;
  origin: string;
  value: number;
  rare_earths: ElementContent[];
}

export interface FinishedGood {
  description: string;
  hs: string;
  made_in: string;
  value: number;
}

export interface Bom {
  finished_good: FinishedGood;
  destination?: string;
  items: BomItem[];
}

export type RuleOutcome =
  'licence_required' | 'prohibited_in_principle' | 'not_triggered' | 'triggered_not_in_force' | 'not_tested';

export interface RuleAnswer {
  measure: string;
  title: string;
  kind: ControlScope['kind'];
  article: string | null;
  citation: string;
  source: string;
  state: MeasureState['state'];
  in_force: boolean;
  state_reason: string;
  triggered: boolean;
  outcome: RuleOutcome;
  licence_required: boolean;
  reasons: string[];
  items: string[];
  content_share_pct?: number;
}

export interface BomAnswer {
  date: string;
  scenario: string;
  destination: string;
  finished_good: FinishedGood;
  licence_required: boolean;
  prohibited: boolean;
  summary: string;
  rules: RuleAnswer[];
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const ELEMENT = /^[A-Z][a-z]?$/;
const COUNTRY = /^[A-Z]{2}$/;

function contentValue(item: BomItem, c: ElementContent): number {
  if (c.value !== undefined) return c.value;
  return ((c.share_pct ?? 0) / 100) * item.value;
}

/** Why an item falls in the scope: a listed element in a listed heading (or either, when the scope gives only one). */
function scopeMatchesItem(scope: ControlScope, item: BomItem): { match: string | null; near: string | null } {
  const els = (item.rare_earths ?? []).map((c) => c.element).filter((e) => scope.elements?.includes(e));
  const hs = scope.hs_prefixes?.find((p) => item.hs.startsWith(p));
  const hasEls = (scope.elements?.length ?? 0) > 0;
  const hasHs = (scope.hs_prefixes?.length ?? 0) > 0;
  if (hasEls && hasHs) {
    if (els.length && hs)
      return { match: `contains ${els.join(', ')} and HS ${item.hs} falls under ${hs}`, near: null };
    if (els.length)
      return {
        match: null,
        near: `contains ${els.join(', ')}, but HS ${item.hs} is not among the controlled headings (${scope.hs_prefixes!.join(', ')})`,
      };
    return { match: null, near: null };
  }
  if (hasEls && els.length) return { match: `contains ${els.join(', ')}`, near: null };
  if (hasHs && hs) return { match: `HS ${item.hs} falls under ${hs}`, near: null };
  return { match: null, near: null };
}

function destinationsOf(m: Measure, scope: ControlScope): string[] {
  return scope.destinations ?? m.targets.include;
}

export function evaluateBom(ledger: Ledger, bom: Bom, date: string, scenario: string, destination?: string): BomAnswer {
  const dest = (destination ?? bom.destination ?? '').toUpperCase();
  const fg = bom.finished_good;
  const rules: RuleAnswer[] = [];
  for (const m of ledger.measures) {
    if (m.instrument !== 'export_control' || m.imposer !== 'CN' || !m.control) continue;
    const scope = m.control;
    const st = measureStateOn(ledger, m, date, scope.applies_from);
    const answer: RuleAnswer = {
      measure: m.id,
      title: m.title,
      kind: scope.kind,
      article: scope.article ?? null,
      citation: m.legal_citation,
      source: st.source,
      state: st.state,
      in_force: st.in_force,
      state_reason: st.reason,
      triggered: false,
      outcome: 'not_triggered',
      licence_required: false,
      reasons: [],
      items: [],
    };
    if (scope.kind === 'technology' || scope.kind === 'affiliates') {
      answer.outcome = 'not_tested';
      answer.reasons.push(
        `controls ${scope.items?.join('; ') ?? 'technology'}: a bill of materials does not show technology transfers`,
      );
    } else if (scope.kind === 'origin_items' || scope.kind === 'destination_ban') {
      const targets = destinationsOf(m, scope);
      // items shipped from China go to the country where the finished good is made
      const shipTo = fg.made_in;
      const destOk =
        scope.kind === 'origin_items'
          ? targets.includes('ALL') || targets.includes(shipTo)
          : targets.includes(shipTo) || (dest !== '' && targets.includes(dest));
      const goods: Array<[string, BomItem]> = bom.items.map((i) => [i.id, i]);
      if (fg.made_in === 'CN')
        goods.push([
          'finished good',
          {
            id: 'finished good',
            description: fg.description,
            hs: fg.hs,
            origin: 'CN',
            value: fg.value,
            rare_earths: bom.items.flatMap((i) => i.rare_earths),
          },
        ]);
      for (const [id, item] of goods) {
        if (item.origin !== 'CN') continue;
        const { match: why, near } = scopeMatchesItem(scope, item);
        if (near) answer.reasons.push(`${id} (${item.description || item.hs}, from CN) ${near}`);
        if (!why) continue;
        if (!destOk) {
          answer.reasons.push(
            `${id} (${item.description || item.hs}, from CN) ${why}, but the rule names ${targets.join(', ')}`,
          );
          continue;
        }
        answer.items.push(id);
        answer.reasons.push(
          scope.kind === 'destination_ban'
            ? `${id} (${item.description || item.hs}, from CN) ${why}; ${targets.includes(shipTo) ? `shipped to ${shipTo}` : `re-exported to ${dest} in the finished good (Ann. liability for third-country transfers)`}`
            : `${id} (${item.description || item.hs}, HS ${item.hs}, from CN) ${why}: its export from China needs a licence`,
        );
      }
    } else if (scope.kind === 'extraterritorial_content') {
      if (fg.made_in === 'CN') {
        answer.reasons.push('the finished good is made in China: the origin rules apply, not the extraterritorial one');
      } else {
        let cn = 0;
        const contributing: string[] = [];
        for (const item of bom.items)
          for (const c of item.rare_earths ?? []) {
            if (!c.chinese_origin || !scope.elements?.includes(c.element)) continue;
            const v = contentValue(item, c);
            if (v <= 0) continue;
            cn += v;
            if (!contributing.includes(item.id)) contributing.push(item.id);
          }
        const share = fg.value > 0 ? (cn / fg.value) * 100 : 0;
        answer.content_share_pct = r4(share);
        const threshold = scope.de_minimis_pct ?? 0;
        if (cn > 0 && share >= threshold) {
          answer.items.push(...contributing);
          answer.reasons.push(
            `Chinese-origin controlled rare-earth content ${r4(cn)} of ${fg.value} = ${r4(share)}% of the value of the ${fg.description || 'finished good'} made in ${fg.made_in}, at or above the ${threshold}% threshold: exporting it${dest ? ` to ${dest}` : ''} needs a MOFCOM licence`,
            // the rule reaches only the foreign-made items its annex lists (No. 61: Annex 1 Part 2), which we do not hold
            'caveat: the rule reaches only foreign-made goods listed in its annex (MOFCOM No. 61: Annex 1 Part 2); tradewar does not hold that list, so this test is applied to any foreign-made good: check that the good is listed',
          );
        } else
          answer.reasons.push(
            cn > 0
              ? `Chinese-origin controlled rare-earth content is ${r4(share)}% of the value, below the ${threshold}% threshold`
              : 'no Chinese-origin content of the controlled elements',
          );
      }
    }
    answer.triggered = answer.items.length > 0;
    if (answer.triggered) {
      if (st.in_force) {
        answer.outcome = scope.kind === 'destination_ban' ? 'prohibited_in_principle' : 'licence_required';
        answer.licence_required = true;
      } else {
        answer.outcome = 'triggered_not_in_force';
        answer.reasons.push(`would apply, but on ${date} the measure is ${st.state.replace(/_/g, ' ')}: ${st.reason}`);
      }
    }
    rules.push(answer);
  }
  const licence = rules.some((r) => r.outcome === 'licence_required');
  const prohibited = rules.some((r) => r.outcome === 'prohibited_in_principle');
  const deciding = rules.filter((r) => r.licence_required).map((r) => r.citation);
  return {
    date,
    scenario,
    destination: dest,
    finished_good: fg,
    licence_required: licence || prohibited,
    prohibited,
    summary:
      licence || prohibited
        ? `${prohibited ? 'Export not permitted in principle / licence required' : 'Chinese export licence required'} on ${date} under ${deciding.join('; ')}`
        : `No Chinese export licence required on ${date}${rules.some((r) => r.outcome === 'triggered_not_in_force') ? ' (some rules would apply but are not in force on that date)' : ''}`,
    rules,
  };
}

// ---- reading a bill of materials ----------------------------------------------------------------------------------

function num(v: unknown, field: string, where: string): number {
  const n = typeof v === 'number' ? v : Number(String(v ?? '').replace(/[,\s$]/g, ''));
  if (!Number.isFinite(n) || n < 0)
    throw new UserInputError(`${where}: ${field} "${v}" is not a non-negative number`, field);
  return n;
}

function country(v: unknown, field: string, where: string): string {
  const s = String(v ?? '')
    .trim()
    .toUpperCase();
  if (!COUNTRY.test(s))
    throw new UserInputError(`${where}: ${field} "${v}" is not an ISO 3166 alpha-2 code (e.g. CN, DE)`, field);
  return s;
}

function hsCode(v: unknown, where: string): string {
  const s = String(v ?? '').replace(/[.\s]/g, '');
  if (!/^\d{4,10}$/.test(s)) throw new UserInputError(`${where}: hs "${v}" is not an HS code of 4 to 10 digits`, 'hs');
  return s;
}

function bool(v: unknown): boolean {
  return (
    v === true ||
    ['true', '1', 'yes', 'y', 'cn'].includes(
      String(v ?? '')
        .trim()
        .toLowerCase(),
    )
  );
}

function element(v: unknown, where: string): string {
  const s = String(v ?? '').trim();
  const e = s.length ? s[0]!.toUpperCase() + s.slice(1).toLowerCase() : '';
  if (!ELEMENT.test(e))
    throw new UserInputError(`${where}: element "${v}" is not a chemical symbol (e.g. Dy, Tb, Ga)`, 'element');
  return e;
}

/** JSON: {finished_good: {description, hs, made_in, value}, destination?, items: [{id, hs, origin, value, rare_earths: [...]}]}. */
export function parseBomJson(text: string): Bom {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new UserInputError(`the bill of materials is not valid JSON (${(err as Error).message})`);
  }
  return bomFromObject(doc);
}

export function bomFromObject(doc: Record<string, unknown>): Bom {
  const fg = doc.finished_good as Record<string, unknown> | undefined;
  if (!fg || typeof fg !== 'object')
    throw new UserInputError(
      'the bill of materials needs "finished_good": {description, hs, made_in, value}',
      'finished_good',
    );
  const items = doc.items;
  if (!Array.isArray(items) || items.length === 0)
    throw new UserInputError('the bill of materials needs "items": a non-empty list', 'items');
  return {
    finished_good: {
      description: String(fg.description ?? ''),
      hs: hsCode(fg.hs, 'finished_good'),
      made_in: country(fg.made_in, 'made_in', 'finished_good'),
      value: num(fg.value, 'value', 'finished_good'),
    },
    destination: doc.destination ? country(doc.destination, 'destination', 'bill of materials') : undefined,
    items: (items as Array<Record<string, unknown>>).map((it, k) => {
      const where = `item ${k + 1}`;
      const res = Array.isArray(it.rare_earths) ? (it.rare_earths as Array<Record<string, unknown>>) : [];
      return {
        id: String(it.id ?? `item-${k + 1}`),
        description: String(it.description ?? ''),
        hs: hsCode(it.hs, where),
        origin: country(it.origin, 'origin', where),
        value: num(it.value, 'value', where),
        rare_earths: res.map((c) => ({
          element: element(c.element, where),
          share_pct:
            c.share_pct === undefined || c.share_pct === null ? undefined : num(c.share_pct, 'share_pct', where),
          value: c.value === undefined || c.value === null ? undefined : num(c.value, 'value', where),
          chinese_origin:
            c.chinese_origin === undefined ? String(it.origin).toUpperCase() === 'CN' : bool(c.chinese_origin),
        })),
      };
    }),
  };
}

/**
 * CSV: one row per item (role=item, the default) and one row with role=finished for the finished good
 * (hs, origin = where it is made, value). Columns: role,id,description,hs,origin,value,element,share_pct,
 * content_value,chinese_origin; an item with several elements repeats its id with one element a row.
 */
export function parseBomCsv(text: string): Bom {
  const rows = parseCsv(text, ['hs', 'origin', 'value'], 'the bill of materials');
  let fg: FinishedGood | null = null;
  const items = new Map<string, BomItem>();
  for (const { line, values: v } of rows) {
    const where = `line ${line}`;
    const role = (v.role ?? 'item').toLowerCase();
    if (role === 'finished' || role === 'finished_good') {
      fg = {
        description: v.description ?? '',
        hs: hsCode(v.hs, where),
        made_in: country(v.origin || v.made_in, 'origin', where),
        value: num(v.value, 'value', where),
      };
      continue;
    }
    const id = v.id || `line-${line}`;
    let item = items.get(id);
    if (!item) {
      item = {
        id,
        description: v.description ?? '',
        hs: hsCode(v.hs, where),
        origin: country(v.origin, 'origin', where),
        value: num(v.value, 'value', where),
        rare_earths: [],
      };
      items.set(id, item);
    }
    if (v.element)
      item.rare_earths.push({
        element: element(v.element, where),
        share_pct: v.share_pct ? num(v.share_pct, 'share_pct', where) : undefined,
        value: v.content_value ? num(v.content_value, 'content_value', where) : undefined,
        chinese_origin: v.chinese_origin ? bool(v.chinese_origin) : item.origin === 'CN',
      });
  }
  if (!fg)
    throw new UserInputError(
      'the bill of materials has no finished good: add a row with role=finished (hs, origin = where it is made, value)',
      'role',
    );
  if (items.size === 0) throw new UserInputError('the bill of materials has no items', 'items');
  return { finished_good: fg, items: [...items.values()] };
}

export function parseBom(text: string, hint?: string): Bom {
  const t = text.trimStart();
  if (hint?.toLowerCase().endsWith('.json') || t.startsWith('{')) return parseBomJson(text);
  return parseBomCsv(text);
}
