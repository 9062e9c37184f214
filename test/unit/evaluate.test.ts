import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { productIntervals } from '../../src/engine/panel.js';
import { miniRules } from '../fixtures/mini-model.js';

const rules = miniRules();
const layer = (s: ReturnType<typeof evaluate>, id: string) => s.layers.find((l) => l.measure === id)!;

describe('evaluate on a small ledger', () => {
  it('applies a list measure with its dated rate steps', () => {
    expect(evaluate(rules, '8517620000', 'CN', '2018-07-05').total_pct).toBe(0);
    expect(evaluate(rules, '8517620000', 'CN', '2018-07-06').total_pct).toBe(10);
    expect(evaluate(rules, '8517620000', 'CN', '2019-05-10').total_pct).toBe(25);
    expect(layer(evaluate(rules, '8517620000', 'CN', '2018-07-05'), 'list-one').reason).toMatch(/not yet in force/);
  });

  it('honours an exclusion only inside its own dates', () => {
    const inside = evaluate(rules, '8517130000', 'CN', '2018-10-01');
    expect(layer(inside, 'list-one').applies).toBe(false);
    expect(layer(inside, 'list-one').reason).toMatch(
      /excluded by l excl, which covers 8517\.13\.00\.00 \(2018-07-06 to 2019-01-01\); otherwise 10% payable/,
    );
    expect(evaluate(rules, '8517130000', 'CN', '2019-01-01').total_pct).toBe(10);
  });

  it('reduces a rate during a suspension and restores it after', () => {
    expect(layer(evaluate(rules, '8517620000', 'CN', '2025-05-13'), 'surcharge').rate_pct).toBe(34);
    expect(layer(evaluate(rules, '8517620000', 'CN', '2025-05-14'), 'surcharge').rate_pct).toBe(10);
    const s = evaluate(rules, '8517620000', 'CN', '2025-11-05');
    expect(s.total_pct).toBe(35);
    expect(layer(s, 'surcharge').reason).toMatch(/34% less .*: 10% payable/);
  });

  it('keeps assessed and owed apart for a measure struck down by a court', () => {
    const s = evaluate(rules, '8517620000', 'CN', '2025-11-05');
    expect(s.total_pct).toBe(35);
    expect(s.owed_total_pct).toBe(25);
    expect(layer(evaluate(rules, '8517620000', 'CN', '2026-02-24'), 'surcharge').reason).toMatch(
      /^Emergency surcharge: ended on 2026-02-24/,
    );
  });

  it('never prices a threatened measure in the baseline but shows it', () => {
    const s = evaluate(rules, '8517620000', 'CN', '2025-12-01');
    expect(layer(s, 'threat').applies).toBe(false);
    expect(layer(s, 'threat').contribution_pct).toBe(0);
    expect(layer(s, 'threat').reason).toMatch(/threatened, never in force/);
    expect(layer(evaluate(rules, '8517620000', 'CN', '2025-10-01'), 'threat').reason).not.toMatch(/not yet in force/);
  });

  it('applies content-share bases and stacking rules from the ledger', () => {
    const before = evaluate(rules, '7208100000', 'CN', '2024-06-01');
    expect(before.base_pct).toBe(2);
    expect(layer(before, 'metal').contribution_pct).toBe(25);
    const s = evaluate(rules, '7208100000', 'CN', '2025-03-01');
    expect(layer(s, 'surcharge').applies).toBe(false);
    expect(layer(s, 'surcharge').reason).toMatch(/does not stack: Metal duty applies/);
    expect(s.total_pct).toBe(27);
  });

  it('targets only the listed partners', () => {
    expect(evaluate(rules, '8517620000', 'DE', '2025-11-05').total_pct).toBe(0);
    expect(evaluate(rules, '8517620000', 'HK', '2025-11-05').total_pct).toBe(10);
  });

  it('keeps the invariants: total = base + Σ applied contributions, nothing negative', () => {
    for (const code of ['8517130000', '8517620000', '7208100000'])
      for (const date of ['2018-01-01', '2018-10-01', '2019-06-01', '2025-04-10', '2025-06-01', '2026-03-01'])
        for (const origin of ['CN', 'HK', 'DE']) {
          const s = evaluate(rules, code, origin, date);
          const sum = s.layers.filter((l) => l.applies).reduce((a, l) => a + l.contribution_pct, 0);
          expect(s.total_pct).toBeCloseTo(s.base_pct + sum, 9);
          for (const l of s.layers) {
            expect(l.contribution_pct).toBeGreaterThanOrEqual(0);
            if (!l.applies) expect(l.contribution_pct).toBe(0);
          }
        }
  });

  it('builds intervals that agree with evaluate at every start date', () => {
    const ivs = productIntervals(rules, '8517130000', 'CN');
    expect(ivs[0]!.from).toBe('2018-01-01');
    for (let i = 1; i < ivs.length; i++) expect(ivs[i]!.from).toBe(ivs[i - 1]!.until);
    for (const iv of ivs) expect(iv.total).toBeCloseTo(evaluate(rules, '8517130000', 'CN', iv.from).total_pct, 9);
    expect(ivs.map((i) => [i.from, i.total])).toContainEqual(['2025-05-14', 35]);
  });
});

describe('share-based stacking', () => {
  it('keeps an excluded layer on the part of the value the trigger does not cover', async () => {
    const { MINI_LEDGER, miniDatasets, miniLedger } = await import('../fixtures/mini-model.js');
    const { compileImporter } = await import('../../src/engine/compile.js');
    const ledger = miniLedger(
      MINI_LEDGER.replace(
        '    when: { authorities: [metal] }',
        '    on_share: true\n    when: { authorities: [metal] }',
      ),
    );
    const r = compileImporter(ledger, miniDatasets(), 'US');
    const s = evaluate(r, '7208100000', 'CN', '2025-03-01');
    const surcharge = s.layers.find((l) => l.measure === 'surcharge')!;
    expect(surcharge.applies).toBe(true);
    expect(surcharge.contribution_pct).toBe(34 * 0.5); // metal covers 50% of the value
    expect(surcharge.reason).toMatch(/only on the rest of the value: Metal duty applies to 50% of the value/);
    expect(s.total_pct).toBe(2 + 25 + 17);
  });
});

describe('share-based stacking with several triggers', () => {
  it('lets the trigger covering the largest share decide', async () => {
    const { MINI_LEDGER, miniDatasets, miniLedger } = await import('../fixtures/mini-model.js');
    const { compileImporter } = await import('../../src/engine/compile.js');
    // a second metal measure on the same product covering the full value
    const text = MINI_LEDGER.replace(
      '    when: { authorities: [metal] }',
      '    on_share: true\n    when: { authorities: [metal] }',
    ).replace(
      'suspensions:',
      `  - id: metal-full
    title: Metal duty on full value
    imposer: US
    targets: { include: [ALL] }
    instrument: ad_valorem
    authority: metal
    legal_citation: Proc 2
    sources: [https://example.org/i4]
    status: in_force
    products: { include: [{ prefix: "7208" }] }
    schedule: [{ date: 2025-01-01, event: effective, rate: 10, instrument: i4 }]
suspensions:`,
    );
    const r = compileImporter(miniLedger(text), miniDatasets(), 'US');
    const s = evaluate(r, '7208100000', 'CN', '2025-03-01');
    expect(s.layers.find((l) => l.measure === 'surcharge')!.applies).toBe(false);
    expect(s.total_pct).toBe(2 + 25 + 10);
  });
});
