// `hts diff` in words and the reviewed-explanations file, on small hand-made revisions.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffRevisions, headingExplanation, loadExplanations, type Revision } from '../../src/service/hts.js';
import { parseRate } from '../../src/hts/parse.js';

const heading = (h: string, general: string, description = 'Articles the product of China') => ({
  heading: h,
  description,
  general,
  rate: parseRate(general),
});
const line = (code: string, footnotes: string[], general = 'Free') => ({
  code,
  level: code.length,
  description: 'Portable machines',
  general,
  footnotes,
});

describe('diffRevisions', () => {
  const a: Revision = {
    revision: 'a',
    date: '2026-01-01',
    parseErrors: 0,
    headings: [
      heading('9903.01.32', 'The duty provided in the applicable subheading'),
      heading('9903.88.15', 'The duty provided in the applicable subheading + 15%'),
    ],
    lines: [line('8471300100', ['9903.01.32']), line('0101210010', [])],
  };
  const b: Revision = {
    revision: 'b',
    date: '2026-02-01',
    parseErrors: 0,
    headings: [
      heading('9903.82.20', 'The duty provided in the applicable subheading + 25%', 'Derivative steel articles'),
      heading('9903.88.15', 'The duty provided in the applicable subheading + 7.5%'),
    ],
    lines: [line('8471300100', ['9903.88.15'], '2%'), line('0101210020', [])],
  };
  const d = diffRevisions(a, b);
  const texts = d.changes.map((c) => c.text);

  it('words added, removed and changed headings', () => {
    expect(texts).toContain('9903.82.20 added: Derivative steel articles, +25%');
    expect(texts).toContain('9903.01.32 removed (was applicable subheading)');
    expect(texts).toContain('9903.88.15: rate +15% → +7.5%');
    expect(d.headings).toEqual({ added: 1, removed: 1, changed: 1 });
  });

  it('words footnote and rate changes on lines, with dotted codes', () => {
    expect(texts).toContain(
      '8471.30.01.00: footnote 9903.01.32 removed; footnote 9903.88.15 added; general rate Free → 2%',
    );
    expect(texts).toContain('0101.21.00.10 removed: Portable machines');
    expect(texts).toContain('0101.21.00.20 added: Portable machines, Free');
    expect(d.lines).toEqual({ added: 1, removed: 1, changed: 1 });
  });
});

describe('loadExplanations', () => {
  const ledgerWith = (yaml: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-hts-ex-'));
    mkdirSync(join(dir, 'us'));
    writeFileSync(join(dir, 'us', 'hts-audit.yaml'), yaml);
    return dir;
  };

  it('reads headings, ranges, groups and line prefixes with optional dates', () => {
    const ex = loadExplanations(
      ledgerWith(`explanations:
  - { heading: 9903.04.15-9903.04.55, reason: suspended by executive action }
  - { heading: "9903.52", reason: cotton quota provisions only }
  - { heading: 9903.01.25, from: 2026-02-24, reason: struck down and no longer collected }
  - { line: "9802", reason: chapter 98 provisions priced on the chapter 1-97 line }
`),
    );
    expect(headingExplanation(ex, '9903.04.30', '2026-06-08')).toBe('suspended by executive action');
    expect(headingExplanation(ex, '9903.52.07', '2026-06-08')).toBe('cotton quota provisions only');
    expect(headingExplanation(ex, '9903.01.25', '2025-06-01')).toBeUndefined();
    expect(headingExplanation(ex, '9903.01.25', '2026-03-01')).toBe('struck down and no longer collected');
    expect(ex.lines.get('9802')?.reason).toMatch(/chapter 98/);
  });

  it('refuses an entry without a usable key or reason', () => {
    expect(() =>
      loadExplanations(ledgerWith('explanations:\n  - { line: "84A1", reason: a reason long enough }\n')),
    ).toThrow(/explanation 1 needs "heading: 9903.xx.xx"/);
    expect(() =>
      loadExplanations(ledgerWith('explanations:\n  - { heading: 9903.52, reason: cotton quota provisions only }\n')),
    ).toThrow(/explanation 1: heading 9903.52 was read as a number: quote it \("9903.52"\)/);
    expect(() => loadExplanations(ledgerWith('explanations:\n  - { line: "8471", reason: short }\n'))).toThrow(
      /needs a reason/,
    );
    expect(() =>
      loadExplanations(ledgerWith('explanations:\n  - { line: "8471", from: soon, reason: a reason long enough }\n')),
    ).toThrow(/"from" must be a date/);
  });
});
