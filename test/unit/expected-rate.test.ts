// The expected rate (ADR 9) on a small ledger: partial exclusions priced by their coverage share, a measure's
// expected share, stacking on a partially paid trigger, per-line content shares and target-total rates.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { stackAt } from '../../src/engine/panel.js';
import { compileImporter } from '../../src/engine/compile.js';
import { checkLedger } from '../../src/ledger/check.js';
import { miniDatasets, miniLedger } from '../fixtures/mini-model.js';

const LEDGER = `
family: expected
instruments:
  - { id: i1, kind: proclamation, title: A proclamation, citation: Proc 1, url: https://example.org/i1 }
measures:
  - id: mfn
    title: MFN base
    imposer: US
    targets: { include: [ALL] }
    instrument: mfn
    authority: mfn
    legal_citation: HTS
    sources: [https://example.org/i1]
    status: in_force
    base_table: us_mfn
    schedule: [{ date: 2018-01-01, event: effective, instrument: i1 }]
  - id: duty
    title: List duty with a partial exclusion
    imposer: US
    targets: { include: [CN] }
    instrument: ad_valorem
    authority: section_301
    legal_citation: Proc 1
    sources: [https://example.org/i1]
    status: in_force
    products:
      include: [{ list: l_one }]
      exclude: [{ list: l_excl, partial: true, coverage: 0.4, coverage_source: test estimate }]
    schedule: [{ date: 2018-07-06, event: effective, rate: 25, instrument: i1 }]
  - id: floor
    title: Fifteen percent total
    imposer: US
    targets: { include: [CN] }
    instrument: ad_valorem
    authority: section_232
    legal_citation: Proc 1
    sources: [https://example.org/i1]
    status: in_force
    rate_type: target_total
    products: { include: [{ prefix: "72" }] }
    schedule: [{ date: 2018-07-06, event: effective, rate: 15, instrument: i1 }]
  - id: metal
    title: Duty on steel content
    imposer: US
    targets: { include: [CN] }
    instrument: ad_valorem
    authority: metal
    legal_citation: Proc 1
    sources: [https://example.org/i1]
    status: in_force
    basis: { kind: content_share, share: 0.5, per_product: steel, share_source: test table, label: assumed steel content }
    products: { include: [{ prefix: "72" }] }
    schedule: [{ date: 2018-07-06, event: effective, rate: 50, instrument: i1 }]
  - id: patented
    title: Patented goods at 100% total
    imposer: US
    targets: { include: [CN] }
    instrument: ad_valorem
    authority: section_232
    legal_citation: Proc 1
    sources: [https://example.org/i1]
    status: in_force
    rate_type: target_total
    expected: { share: 0.1, source: test patented share }
    products: { include: [{ prefix: "8517620000" }] }
    schedule: [{ date: 2018-07-06, event: effective, rate: 100, instrument: i1 }]
  - id: overlay
    title: Flat overlay
    imposer: US
    targets: { include: [CN] }
    instrument: ad_valorem
    authority: overlay
    legal_citation: Proc 1
    sources: [https://example.org/i1]
    status: in_force
    products: { all: true }
    schedule: [{ date: 2018-07-06, event: effective, rate: 10, instrument: i1 }]
stacking:
  - id: patented-excludes-overlay
    importer: US
    from: 2018-01-01
    when: { measures: [patented] }
    excludes: { measures: [overlay] }
    sources: [https://example.org/i1]
`;

function rules(withShares = true) {
  const ledger = miniLedger(LEDGER);
  const data = miniDatasets();
  data.lists.set('l_excl', [{ code: '8517130000', from: null, until: null, ratePct: null, note: 'exclusion' }]);
  if (withShares)
    data.contentShares = new Map([
      ['steel', new Map([['7208100000', 0.8]])],
      ['aluminum', new Map()],
      ['copper', new Map()],
    ]);
  const issues = checkLedger(ledger, { knownLists: new Set(data.lists.keys()), knownBaseTables: new Set(['us_mfn']) });
  if (issues.length) throw new Error(issues.map((i) => i.message).join('\n'));
  return compileImporter(ledger, data, 'US');
}

const layer = (s: ReturnType<typeof evaluate>, id: string) => s.layers.find((l) => l.measure === id)!;

describe('expected rate', () => {
  const r = rules();

  it('prices a partial exclusion by its coverage share, leaving the statutory rate alone', () => {
    const s = evaluate(r, '8517130000', 'CN', '2025-01-01');
    expect(s.total_pct).toBe(35);
    expect(s.expected_pct).toBe(25);
    const d = layer(s, 'duty');
    expect(d.contribution_pct).toBe(25);
    expect(d.expected_share).toBeCloseTo(0.6, 9);
    expect(d.expected_contribution_pct).toBe(15);
    expect(d.expected_source).toMatch(/covers an estimated 40% of the line \(test estimate\)/);
  });

  it('uses per-line content shares and adds only what a target-total rate leaves above the base', () => {
    const s = evaluate(r, '7208100000', 'CN', '2025-01-01');
    expect(s.base_pct).toBe(2);
    expect(layer(s, 'floor').contribution_pct).toBe(13);
    expect(layer(s, 'metal').share).toBe(0.8);
    expect(layer(s, 'metal').contribution_pct).toBe(40);
    expect(layer(s, 'metal').share_source).toMatch(/steel content 80\.0% of value \(test table\)/);
    expect(s.total_pct).toBe(65);
    expect(s.expected_pct).toBe(65);
  });

  it('falls back to the ledger share where the content table has no line', () => {
    const s = evaluate(rules(false), '7208100000', 'CN', '2025-01-01');
    expect(layer(s, 'metal').share).toBe(0.5);
    expect(layer(s, 'metal').contribution_pct).toBe(25);
  });

  it('keeps a layer stacked out by a partly paid trigger in the expected rate for the other goods', () => {
    const s = evaluate(r, '8517620000', 'CN', '2025-01-01');
    expect(layer(s, 'patented').contribution_pct).toBe(100);
    expect(layer(s, 'patented').expected_contribution_pct).toBe(10);
    const o = layer(s, 'overlay');
    expect(o.applies).toBe(false);
    expect(o.contribution_pct).toBe(0);
    expect(o.expected_contribution_pct).toBe(9);
    expect(s.total_pct).toBe(125);
    expect(s.expected_pct).toBe(25 + 10 + 9);
    // the panel's compact stack agrees with the full evaluation
    const p = stackAt(r, '8517620000', 'CN', '2025-01-01');
    expect(p.total).toBe(s.total_pct);
    expect(p.expected).toBeCloseTo(s.expected_pct, 9);
  });

  it('rejects a coverage share without a partial entry and a source', () => {
    expect(() => miniLedger(LEDGER.replace(', coverage_source: test estimate', ''))).toThrow(/coverage_source/);
  });
});
