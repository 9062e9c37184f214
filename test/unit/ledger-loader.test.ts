import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLedger } from '../../src/ledger/load.js';
import { checkLedger } from '../../src/ledger/check.js';
import { LedgerError } from '../../src/util/errors.js';
import { MINI_LEDGER } from '../fixtures/mini-model.js';

function ledgerDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tw-ledger-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function loadError(files: Record<string, string>): LedgerError {
  try {
    loadLedger(ledgerDir(files), '/');
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error('expected a LedgerError');
}

describe('ledger loader', () => {
  it('loads a valid ledger', () => {
    const l = loadLedger(ledgerDir({ 'us/mini.yaml': MINI_LEDGER }));
    expect(l.measures.map((m) => m.id)).toContain('list-one');
    expect(l.instruments.size).toBe(5);
  });

  it('reports YAML syntax errors with file:line:column', () => {
    const err = loadError({ 'bad.yaml': 'family: x\nmeasures:\n  - id: a\n   title: [unclosed\n' });
    expect(err.issues[0]!.file).toMatch(/bad\.yaml$/);
    expect(err.issues[0]!.line).toBeGreaterThanOrEqual(3);
    expect(err.message).toMatch(/bad\.yaml:\d+:\d+: YAML syntax/);
  });

  it('reports schema errors at the offending node', () => {
    const text = MINI_LEDGER.replace('rate: 25, instrument: i1', 'rate: -5, instrument: i1');
    const err = loadError({ 'us/mini.yaml': text });
    const line = text.split('\n').findIndex((l) => l.includes('rate: -5')) + 1;
    expect(err.issues[0]!.line).toBe(line);
    expect(err.message).toMatch(/schedule\.1\.rate/);
  });

  it('rejects an invalid calendar date', () => {
    const err = loadError({ 'us/mini.yaml': MINI_LEDGER.replace('2019-05-10', '2019-02-30') });
    expect(err.message).toMatch(/real calendar date/);
  });

  it('requires sources on every measure', () => {
    const err = loadError({
      'us/mini.yaml': MINI_LEDGER.replace('    sources: [https://example.org/i1]\n', '    sources: []\n'),
    });
    expect(err.message).toMatch(/at least one source URL/);
  });

  it('reports duplicate ids across files', () => {
    const second = `family: other\ninstruments:\n  - { id: i1, kind: fr_notice, title: Dup notice, citation: 2 FR 2, url: https://example.org/x }\n`;
    const err = loadError({ 'a.yaml': MINI_LEDGER, 'b.yaml': second });
    expect(err.message).toMatch(/b\.yaml:3:\d+: duplicate id "i1" \(first defined at .*a\.yaml/);
  });

  it('cross-checks lists, instruments and date order with positions', () => {
    const text = MINI_LEDGER.replace('{ list: l_one }', '{ list: l_missing }').replace(
      '{ date: 2019-05-10, event: rate_change, rate: 25, instrument: i1 }',
      '{ date: 2018-01-01, event: rate_change, rate: 25, instrument: i9 }',
    );
    const l = loadLedger(ledgerDir({ 'm.yaml': text }));
    const issues = checkLedger(l, { knownLists: new Set(['l_excl']), knownBaseTables: new Set(['us_mfn']) });
    const msgs = issues.map((i) => `${i.line}: ${i.message}`).join('\n');
    expect(msgs).toMatch(/unknown product list "l_missing"/);
    expect(msgs).toMatch(/unknown instrument "i9"/);
    expect(msgs).toMatch(/timeline dates out of order/);
    const listLine = text.split('\n').findIndex((x) => x.includes('l_missing')) + 1;
    expect(issues.find((i) => i.message.includes('l_missing'))!.line).toBe(listLine);
  });

  it('fails on a product that two lists of an exclusive set reach, at the set', () => {
    const text = [
      'family: xs',
      'exclusive_lists:',
      '  - id: tranches',
      '    importer: US',
      '    title: one tranche per line',
      '    lists: [t1, t2, t3]',
      '    sources: [https://example.org/notice]',
    ].join('\n');
    const l = loadLedger(ledgerDir({ 'x.yaml': text }));
    const lists = new Map([
      ['t1', [{ code: '85176200', from: null, until: null }]],
      ['t2', [{ code: '8517620090', from: null, until: null }]],
      ['t3', [{ code: '3901', from: null, until: null }]],
    ]);
    const base = { knownLists: new Set(['t1', 't2', 't3']), knownBaseTables: new Set<string>(), lists };
    const clash = checkLedger(l, { ...base, products: new Map([['US', ['8517620090', '8517620010', '3901901000']]]) });
    expect(clash).toHaveLength(1);
    expect(clash[0]!.message).toMatch(
      /1 products are on two lists of the exclusive set "tranches".*8517620090: t1 \(85176200\) \+ t2/,
    );
    expect(clash[0]!.line).toBe(3);
    expect(checkLedger(l, { ...base, products: new Map([['US', ['8517620010', '3901901000']]]) })).toEqual([]);
    expect(checkLedger(l, { knownLists: new Set(['t1']), knownBaseTables: new Set() })[0]!.message).toMatch(
      /names unknown list "t2"/,
    );
  });
});
