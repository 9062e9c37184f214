// The duty stack of a code as people type it: a national line answers with its stack; a shorter code (or a code
// of another HS edition) answers with every line it covers, the range of their totals, and the stack of the
// highest line, saying so — never one arbitrary line.
import type { ImporterRules } from '../engine/compile.js';
import { evaluate, type Stack } from '../engine/evaluate.js';
import { resolveCode, type CodeResolution } from '../codes/resolve.js';
import type { TradewarContext } from './context.js';
import type { HeadingTotals, LineTotal } from '../contract/answers.js';

/** More lines than this are also summarised by heading (the CLI table then shows headings, not lines). */
export const MANY_LINES = 25;

const pct = (x: number) => `${Math.round(x * 100) / 100}%`;

function headingLength(codeLength: number, lines: string[]): number {
  for (const n of [4, 6, 8])
    if (n > codeLength && new Set(lines.map((l) => l.slice(0, n))).size <= MANY_LINES) return n;
  return codeLength < 4 ? 4 : codeLength < 6 ? 6 : 8;
}

/**
 * What a product code typed by a person stands for in an importer's schedule: the line itself, every line under
 * a shorter code, or the lines of a code of another HS edition. Every command that takes a code uses this.
 */
export function resolveProduct(ctx: TradewarContext, raw: string, dest: string): CodeResolution {
  return resolveCode(raw, dest, ctx.rules(dest).universe, ctx.data.concordance);
}

/** True when the answer covers more than the code asked (a heading or a translated code). */
export const isExpanded = (r: CodeResolution) => r.kind !== 'line';

/** "851713 is not a national tariff line of the US schedule", or how a code of another edition was translated. */
export function expansionHead(r: CodeResolution, importer: string): string {
  return r.kind === 'translated' && r.translation
    ? `${r.translation.from_edition} code ${r.translation.from_hs6} is ${r.translation.to_edition} ${r.translation.to_hs6.join(', ')} in the ${importer} schedule (WCO correlation ${r.translation.from_edition}→${r.translation.to_edition})`
    : `${r.code} is not a national tariff line of the ${importer} schedule`;
}

/** "it covers 3 lines" */
export const coversLines = (r: CodeResolution) => `it covers ${r.lines.length} line${r.lines.length === 1 ? '' : 's'}`;

export function stackForCode(rules: ImporterRules, r: CodeResolution, origin: string, date: string): Stack {
  if (r.kind === 'line') return evaluate(rules, r.code, origin, date);
  const stacks = r.lines.map((code) => evaluate(rules, code, origin, date));
  const lines: LineTotal[] = stacks.map((s) => ({
    code: s.product,
    description: s.description,
    base_pct: s.base_pct,
    additional_pct: s.additional_pct,
    total_pct: s.total_pct,
    expected_pct: s.expected_pct,
    owed_total_pct: s.owed_total_pct,
  }));
  let shown = stacks[0]!;
  for (const s of stacks) if (s.total_pct > shown.total_pct) shown = s;
  const min = Math.min(...lines.map((l) => l.total_pct));
  const max = Math.max(...lines.map((l) => l.total_pct));
  const stack: Stack = {
    ...shown,
    notes: [...shown.notes],
    query: {
      asked: r.asked,
      kind: r.kind,
      lines_count: lines.length,
      shown: shown.product,
      translation: r.translation,
    },
    lines,
    total_range_pct: { min, max },
  };
  if (lines.length > MANY_LINES) {
    const n = headingLength(r.code.length, r.lines);
    const groups = new Map<string, LineTotal[]>();
    for (const l of lines) {
      const key = l.code.slice(0, n);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(l);
    }
    stack.headings = [...groups].map(([code, ls]): HeadingTotals => ({
      code,
      description: rules.universe.get(code)?.description ?? ls[0]!.description,
      lines: ls.length,
      min_total_pct: Math.min(...ls.map((l) => l.total_pct)),
      max_total_pct: Math.max(...ls.map((l) => l.total_pct)),
    }));
  }
  const range = min === max ? `all pay ${pct(max)}` : `totals range from ${pct(min)} to ${pct(max)}`;
  stack.notes.unshift(
    `${expansionHead(r, rules.importer)}: ${coversLines(r)}, ${range}; the stack shown is ${shown.product}${min === max ? '' : ', the highest'}`,
  );
  return stack;
}
