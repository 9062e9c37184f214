import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../src/ledger/yaml-source.js';
import { scenarioFileSchema } from '../../src/scenarios/schema.js';
import { applyOverlay } from '../../src/scenarios/overlay.js';
import { compileImporter } from '../../src/engine/compile.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { LedgerError } from '../../src/util/errors.js';
import { miniDatasets, miniLedger } from '../fixtures/mini-model.js';

function overlay(yaml: string) {
  const source = parseYamlSource(yaml, 'my.yaml');
  const parsed = scenarioFileSchema.safeParse(source.data);
  if (!parsed.success) throw new Error(parsed.error.message);
  const base = miniLedger();
  const before = JSON.stringify(base.measures);
  const ledger = applyOverlay(base, { scenario: parsed.data, source });
  expect(JSON.stringify(base.measures)).toBe(before); // the baseline is never mutated
  return compileImporter(ledger, miniDatasets(), 'US');
}

const head = `name: test\ntitle: Test overlay\ndescription: An overlay used by the tests.\nsources: [https://example.org/s]\n`;
const total = (rules: ReturnType<typeof overlay>, code: string, date: string) =>
  evaluate(rules, code, 'CN', date).total_pct;

describe('scenario overlays', () => {
  it('sets a rate from a date onward', () => {
    const r = overlay(`${head}operations:\n  - { op: set, measure: list-one, from: 2020-01-01, rate: 50 }\n`);
    expect(total(r, '8517620000', '2019-12-31')).toBe(25);
    expect(total(r, '8517620000', '2020-01-01')).toBe(50);
  });

  it('sets a rate over a bounded range and restores the baseline after', () => {
    const r = overlay(
      `${head}operations:\n  - { op: set, measure: list-one, from: 2019-01-01, until: 2019-07-01, rate: 0 }\n`,
    );
    expect(total(r, '8517620000', '2018-12-31')).toBe(10);
    expect(total(r, '8517620000', '2019-05-20')).toBe(0);
    expect(total(r, '8517620000', '2019-07-01')).toBe(25);
  });

  it('switches on a threatened measure and ends a suspension early', () => {
    const r = overlay(
      `${head}operations:\n  - { op: patch, measure: threat, status: in_force }\n  - { op: end_suspension, suspension: pause, on: 2025-11-10 }\n`,
    );
    expect(total(r, '8517620000', '2025-11-05')).toBe(25 + 10 + 100);
    expect(total(r, '8517620000', '2025-11-10')).toBe(25 + 34 + 100);
  });

  it('extends a suspension and cancels a court step', () => {
    const r = overlay(
      `${head}operations:\n  - { op: cancel_step, measure: surcharge, date: 2026-02-24 }\n  - { op: extend_suspension, suspension: pause, until: 2027-11-10 }\n`,
    );
    expect(total(r, '8517620000', '2027-01-01')).toBe(25 + 10);
    expect(total(r, '8517620000', '2027-11-10')).toBe(25 + 34);
  });

  it('adds a measure', () => {
    const r = overlay(`${head}operations:
  - op: add
    measures:
      - id: new-duty
        title: New duty
        imposer: US
        targets: { include: [CN] }
        instrument: ad_valorem
        authority: new
        legal_citation: none
        sources: [https://example.org/s]
        status: in_force
        products: { all: true }
        schedule: [{ date: 2025-11-01, event: effective, rate: 100, instrument: scenario-test }]
`);
    expect(total(r, '7208100000', '2025-11-01') - total(r, '7208100000', '2025-10-31')).toBe(100);
  });

  it('reports every bad operation with file:line:column before applying any', () => {
    const yaml = `${head}operations:\n  - { op: set, measure: nope, from: 2020-01-01, rate: 5 }\n  - { op: set, measure: list-one, from: 2020-01-01, until: 2019-01-01, rate: 5 }\n  - { op: extend_suspension, suspension: pause, until: 2020-01-01 }\n`;
    const source = parseYamlSource(yaml, 'my.yaml');
    const scenario = scenarioFileSchema.parse(source.data);
    let err: LedgerError | undefined;
    try {
      applyOverlay(miniLedger(), { scenario, source });
    } catch (e) {
      err = e as LedgerError;
    }
    expect(err).toBeInstanceOf(LedgerError);
    expect(err!.message).toMatch(/my\.yaml:6:\d+: set: unknown measure "nope"/);
    expect(err!.message).toMatch(/my\.yaml:7:\d+: set: dates out of order/);
    expect(err!.message).toMatch(
      /my\.yaml:8:\d+: extend_suspension: 2020-01-01 is not after the current end 2026-11-10/,
    );
  });

  it('rejects a bad rate through the schema', () => {
    const r = scenarioFileSchema.safeParse({
      name: 'x',
      title: 'xxx',
      description: 'long enough text',
      sources: ['https://e.org'],
      operations: [{ op: 'set', measure: 'a', from: '2020-01-01', rate: -3 }],
    });
    expect(r.success).toBe(false);
  });
});
