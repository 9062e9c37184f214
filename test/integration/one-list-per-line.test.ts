// Issue 7: numbers users can check — one Section 301 list per line, China's HS8 codes agree with their HS10
// lines, Annex II from the legal text, PIIE-method weights.
import { beforeAll, describe, expect, it } from 'vitest';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { exclusiveListConflicts } from '../../src/ledger/check.js';
import { stackAt } from '../../src/engine/panel.js';
import { resolveWeights, weightsFor } from '../../src/trade/weights.js';
import { averagesAt } from '../../src/trade/aggregate.js';

let ctx: TradewarContext;
beforeAll(async () => {
  ctx = await openContext();
});

describe('Section 301 lists on the shipped data', () => {
  it('puts no US line on two of the 2018-19 lists', () => {
    const set = ctx.ledger.exclusiveLists.find((x) => x.id === 'us-s301-tranches-one-per-line')!;
    expect(set.lists).toHaveLength(5);
    const { count } = exclusiveListConflicts(set.lists, ctx.data.lists, ctx.data.products.get('US')!.keys());
    expect(count).toBe(0);
  });

  it('finds a line that two lists reach', () => {
    const lists = new Map([
      ['a', [{ code: '8517', from: null, until: null }]],
      ['b', [{ code: '85176200', from: '2019-01-01', until: null }]],
      ['c', [{ code: '85176200', from: null, until: '2019-01-01' }]],
    ]);
    expect(exclusiveListConflicts(['b', 'c'], lists, ['8517620090']).count).toBe(0); // dates do not overlap
    const r = exclusiveListConflicts(['a', 'b'], lists, ['8517620090', '8518000000']);
    expect(r.count).toBe(1);
    expect(r.examples[0]).toMatch(/^8517620090: a \(8517\) \+ b \(85176200\)/);
  });
});

describe("China's HS8 codes", () => {
  it('carry the additional duties of their HS10 lines when the lines agree', () => {
    const rules = ctx.rules('CN');
    const codes = [...rules.universe.keys()];
    const lines = new Map<string, string[]>();
    for (const c of codes) if (c.length === 10) lines.set(c.slice(0, 8), [...(lines.get(c.slice(0, 8)) ?? []), c]);
    let compared = 0;
    for (const date of ['2019-06-01', '2025-05-14']) {
      for (const hs8 of codes.filter((c) => c.length === 8 && lines.has(c))) {
        const kids = lines.get(hs8)!.map((c) => stackAt(rules, c, 'US', date).additional);
        if (kids.some((k) => k !== kids[0])) continue;
        compared++;
        expect(stackAt(rules, hs8, 'US', date).additional, `${hs8} on ${date}`).toBe(kids[0]);
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe('PIIE-method weights', () => {
  it('resolves world weights on both sides and averages with them', async () => {
    const us = resolveWeights(ctx.data, 'world', 'US', 'CN');
    expect(us.set).toBe('us_imports_world_2024');
    const cn = resolveWeights(ctx.data, 'world', 'CN', 'US');
    expect(cn.set).toBe('us_exports_cn_2017');
    expect(cn.description).toMatch(/falls back/);
    const w = await weightsFor(ctx.data, us);
    expect(w.size).toBeGreaterThan(10_000);
    const [p] = averagesAt(ctx.rules('US'), 'CN', ['2018-01-01'], w);
    expect(p!.average_pct).toBeGreaterThan(1);
    expect(p!.coverage_pct).toBe(0);
  });
});
