// What a code typed by a person stands for in one importer's schedule: the national line itself, every line
// under a shorter code (a chapter, heading or subheading), or — for a code of another HS edition — the lines
// of the codes it becomes through the WCO correlation tables. Never one arbitrary line for a shorter code.
import { UserInputError } from '../util/errors.js';
import { nearestCodes, normaliseCode } from './product-codes.js';

/** The HS edition each schedule's national lines follow. */
export const SCHEDULE_EDITION: Record<string, string> = { US: 'HS2022', CN: 'HS2017' };
/** Length of the national tariff lines of every schedule we hold. */
export const LINE_DIGITS = 10;

export interface UniverseEntry {
  level: number;
  vintage: string;
  description: string;
}

/** One row of the HS6 correlation: a code of one edition and a code of the next older edition it maps to. */
export interface ConcordanceRow {
  from_vintage: string;
  from_hs6: string;
  to_vintage: string;
  to_hs6: string;
}

export interface Translation {
  from_edition: string;
  from_hs6: string;
  to_edition: string;
  to_hs6: string[];
}

export interface CodeResolution {
  /** As typed. */
  asked: string;
  /** Digits only. */
  code: string;
  /** line: a national line; heading: a shorter code of this schedule; translated: a code of another edition. */
  kind: 'line' | 'heading' | 'translated';
  /** The national lines the answer covers, in code order. */
  lines: string[];
  translation: Translation | null;
}

/** National lines of the schedule under a code prefix: current lines, or legacy lines when no current one is. */
export function linesUnder(prefix: string, universe: Map<string, UniverseEntry>): string[] {
  const current: string[] = [];
  const legacy: string[] = [];
  for (const [code, p] of universe)
    if (p.level === LINE_DIGITS && code.startsWith(prefix)) (p.vintage === 'legacy' ? legacy : current).push(code);
  return (current.length ? current : legacy).sort();
}

/** The codes of the schedule's edition that `hs6` (of another edition) corresponds to, through the correlation. */
export function translateHs6(
  hs6: string,
  targetEdition: string,
  concordance: readonly ConcordanceRow[],
): Translation | null {
  // edges both ways between adjacent editions: HS2022 ↔ HS2017 ↔ HS2012
  const next = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    let s = next.get(a);
    if (!s) next.set(a, (s = new Set()));
    s.add(b);
  };
  for (const r of concordance) {
    link(`${r.from_vintage}:${r.from_hs6}`, `${r.to_vintage}:${r.to_hs6}`);
    link(`${r.to_vintage}:${r.to_hs6}`, `${r.from_vintage}:${r.from_hs6}`);
  }
  const editions = [...new Set(concordance.flatMap((r) => [r.from_vintage, r.to_vintage]))]
    .filter((e) => e !== targetEdition)
    // nearest edition first (HS2022 before HS2012 for an HS2017 schedule)
    .sort((a, b) => Math.abs(year(a) - year(targetEdition)) - Math.abs(year(b) - year(targetEdition)));
  for (const edition of editions) {
    const start = `${edition}:${hs6}`;
    if (!next.has(start)) continue;
    // breadth-first through the editions between, keeping to the direction of the target
    let frontier = new Set([start]);
    const seen = new Set(frontier);
    for (let hop = 0; hop < 4 && frontier.size; hop++) {
      const found = [...frontier].filter((n) => n.startsWith(`${targetEdition}:`));
      if (found.length)
        return {
          from_edition: edition,
          from_hs6: hs6,
          to_edition: targetEdition,
          to_hs6: found.map((n) => n.split(':')[1]!).sort(),
        };
      const after = new Set<string>();
      for (const n of frontier)
        for (const m of next.get(n) ?? []) {
          const towards =
            Math.abs(year(m.split(':')[0]!) - year(targetEdition)) <
            Math.abs(year(n.split(':')[0]!) - year(targetEdition));
          if (towards && !seen.has(m)) {
            seen.add(m);
            after.add(m);
          }
        }
      frontier = after;
    }
  }
  return null;
}

const year = (edition: string) => Number(edition.replace(/\D/g, ''));

/** Resolves a typed code against one importer's schedule; a clear error when it stands for nothing there. */
export function resolveCode(
  raw: string,
  importer: string,
  universe: Map<string, UniverseEntry>,
  concordance: readonly ConcordanceRow[] = [],
): CodeResolution {
  const code = normaliseCode(raw);
  if (!/^\d{2,10}$/.test(code))
    throw new UserInputError(
      `product "${raw}" is not a tariff code: give 2 to 10 digits, dots allowed (e.g. 8517.13.00.00, 851713, 85)`,
      'product',
    );
  const entry = universe.get(code);
  if (entry && entry.level === LINE_DIGITS) return { asked: raw, code, kind: 'line', lines: [code], translation: null };
  const under = linesUnder(code, universe);
  if (under.length) return { asked: raw, code, kind: 'heading', lines: under, translation: null };
  // a legacy or shorter code with no national line under it is still answered as itself
  if (entry) return { asked: raw, code, kind: 'line', lines: [code], translation: null };
  const edition = SCHEDULE_EDITION[importer];
  if (edition && code.length >= 6) {
    const t = translateHs6(code.slice(0, 6), edition, concordance);
    if (t) {
      const lines = [...new Set(t.to_hs6.flatMap((h) => linesUnder(h, universe)))].sort();
      if (lines.length) return { asked: raw, code, kind: 'translated', lines, translation: t };
    }
  }
  const near = nearestCodes(code, universe.keys());
  throw new UserInputError(
    `unknown product code ${code} for importer ${importer}; nearest valid codes: ${near.join(', ')}`,
    'product',
  );
}
