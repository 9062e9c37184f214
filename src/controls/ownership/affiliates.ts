// The Affiliates (50%) Rule on an ownership graph: an entity is covered when listed or covered parties together
// own at least the threshold of it, directly or through covered intermediaries. Following BIS's FAQ (which adopts
// OFAC's aggregation convention), a covered owner's stake counts in full, stakes are not multiplied along a chain,
// and an uncovered intermediary passes nothing on. Iterated to a fixed point, so cycles are harmless.
import { parseCsv } from '../io/csv-read.js';
import { UserInputError } from '../../util/errors.js';
import { isValidIsoDate } from '../../util/dates.js';

export interface OwnershipEdge {
  owner: string;
  owned: string;
  /** Percent of the owned entity's equity. */
  share: number;
  from: string | null;
  until: string | null;
  line: number;
}

export interface Stake {
  owner: string;
  share: number;
  /** Why this owner counts: on a list, or itself covered by the rule. */
  basis: 'listed' | 'covered';
  list?: string;
}

export interface Coverage {
  entity: string;
  covered: boolean;
  /** Sum of the stakes held by listed or covered owners (percent). */
  total_share: number;
  stakes: Stake[];
  /** Fixed-point round in which it became covered (1 = directly by listed owners). */
  round: number;
}

/** Case- and space-insensitive key of an entity name in the ownership file. */
export const entityKey = (name: string) => name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

function parseDateCell(v: string | undefined, field: string, line: number): string | null {
  if (!v) return null;
  if (!isValidIsoDate(v))
    throw new UserInputError(`ownership line ${line}: ${field} "${v}" is not a date written YYYY-MM-DD`, field);
  return v;
}

/** CSV with columns owner, owned, share (percent, or a fraction ≤ 1 when every share is), from, until. */
export function parseOwnershipCsv(text: string): OwnershipEdge[] {
  const rows = parseCsv(text, ['owner', 'owned', 'share'], 'the ownership file');
  const edges = rows.map(({ line, values: v }) => {
    if (!v.owner || !v.owned)
      throw new UserInputError(`ownership line ${line}: owner and owned must both be named`, 'owner');
    const share = Number(String(v.share).replace('%', ''));
    if (!Number.isFinite(share) || share < 0 || share > 100)
      throw new UserInputError(
        `ownership line ${line}: share "${v.share}" is not a percentage between 0 and 100`,
        'share',
      );
    const from = parseDateCell(v.from, 'from', line);
    const until = parseDateCell(v.until, 'until', line);
    if (from && until && until <= from)
      throw new UserInputError(`ownership line ${line}: until ${until} is not after from ${from}`, 'until');
    return { owner: v.owner, owned: v.owned, share, from, until, line };
  });
  // a file written in fractions (0.5 = 50%) is read as such when no share exceeds 1
  if (edges.length && edges.every((e) => e.share <= 1) && edges.some((e) => e.share > 0 && e.share < 1))
    for (const e of edges) e.share *= 100;
  return edges;
}

export function edgesOn(edges: OwnershipEdge[], date: string): OwnershipEdge[] {
  return edges.filter((e) => (e.from === null || e.from <= date) && (e.until === null || date < e.until));
}

/**
 * Coverage of every owned entity on the date. `listed` maps an entity key to the list it is on (already
 * decided for that date). Stakes of the same owner in the same entity are added.
 */
export function affiliatesCoverage(
  edges: OwnershipEdge[],
  listed: Map<string, string>,
  date: string,
  thresholdPct = 50,
): Map<string, Coverage> {
  const live = edgesOn(edges, date);
  const byOwned = new Map<string, Map<string, { name: string; share: number }>>();
  const names = new Map<string, string>();
  for (const e of live) {
    const o = entityKey(e.owner);
    const d = entityKey(e.owned);
    names.set(o, names.get(o) ?? e.owner);
    names.set(d, names.get(d) ?? e.owned);
    let m = byOwned.get(d);
    if (!m) byOwned.set(d, (m = new Map()));
    const prev = m.get(o);
    m.set(o, { name: e.owner, share: (prev?.share ?? 0) + e.share });
  }
  const covered = new Map<string, number>(); // key → round
  let round = 0;
  let changed = true;
  while (changed) {
    changed = false;
    round++;
    for (const [d, owners] of byOwned) {
      if (covered.has(d) || listed.has(d)) continue;
      let total = 0;
      for (const [o, s] of owners) if (listed.has(o) || covered.has(o)) total += s.share;
      if (total >= thresholdPct - 1e-9) {
        covered.set(d, round);
        changed = true;
      }
    }
  }
  const out = new Map<string, Coverage>();
  for (const [d, owners] of byOwned) {
    const stakes: Stake[] = [];
    let total = 0;
    for (const [o, s] of owners) {
      const list = listed.get(o);
      if (list) stakes.push({ owner: s.name, share: s.share, basis: 'listed', list });
      else if (covered.has(o)) stakes.push({ owner: s.name, share: s.share, basis: 'covered' });
      else continue;
      total += s.share;
    }
    stakes.sort((a, b) => b.share - a.share || a.owner.localeCompare(b.owner));
    out.set(d, {
      entity: names.get(d)!,
      covered: covered.has(d),
      total_share: Math.round(total * 1e4) / 1e4,
      stakes,
      round: covered.get(d) ?? 0,
    });
  }
  return out;
}
