// src/hts: rate expressions of Chapter 99 headings, footnote links, reach by origin, ledger citations, and the
// reading of a whole export (a small fixture with the awkward rows of the real ones).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  footnoteHeadings,
  headingReach,
  parseRate,
  reaches,
  readRevisionRows,
  startDateIn,
} from '../../src/hts/parse.js';
import { citedHeadings, headingOfListId, patternCovers } from '../../src/hts/citations.js';
import { projectPath } from '../../src/util/paths.js';

describe('parseRate', () => {
  it.each([
    ['The duty provided in the applicable subheading + 25%', 'plus_pct', 25, '+25%'],
    ['The duty provided in the applicable subheading plus 25%', 'plus_pct', 25, '+25%'],
    ['The duty provided inthe applicable subheading+ 25%', 'plus_pct', 25, '+25%'],
    ['The duty provided in the applicable subheading + 7.5%', 'plus_pct', 7.5, '+7.5%'],
    ['The duty provided in the applicable subheading + a duty of 25%', 'plus_pct', 25, '+25%'],
    ['The duty provided in subheadings 8716.39.00, 8716.90.30 or 8716.90.50 + 100%', 'plus_pct', 100, '+100%'],
    [
      'The duty provided in the applicable subheading + a duty of 25% upon the value of the non-U.S. content',
      'plus_content_pct',
      25,
      '+25% of non-US content',
    ],
    [
      'The duty provided in the applicable subheading + 50% upon the value of the steel content.',
      'plus_content_pct',
      50,
      '+50% of steel content',
    ],
    ['The duty provided in the applicable subheading', 'base_only', 0, 'applicable subheading'],
    ['The duty provided for in the applicable subheading', 'base_only', 0, 'applicable subheading'],
    ['No change', 'no_change', 0, 'No change'],
    ['no change', 'no_change', 0, 'No change'],
    ['15%', 'total_pct', 15, '15% total'],
    ['Free', 'free', 0, 'Free'],
    ['', 'none', null, ''],
    ['2.2¢/kg', 'specific', null, '2.2¢/kg'],
    ['$1.00/each + 5%', 'compound', 5, '$1.00/each + 5%'],
  ])('%s', (text, kind, pct, display) => {
    const r = parseRate(text);
    expect(r).toEqual({ kind, pct, display, error: null });
  });

  it('reports what it cannot read instead of guessing', () => {
    const r = parseRate('The duty provided in the applicable subheading + 25% or such other rate as applies');
    expect(r.kind).toBe('unparsed');
    expect(r.error).toMatch(/unrecognised text after "\+25%"/);
    expect(parseRate('a duty to be determined').error).toMatch(/unrecognised rate expression/);
  });
});

describe('footnotes, reach, dates', () => {
  it('reads only the general-column footnotes', () => {
    expect(
      footnoteHeadings([
        { columns: ['general'], value: 'See 9903.88.15 and 9903.88.03.' },
        { columns: ['other'], value: 'See 9903.90.08.' },
        { columns: ['stat', 'units'], value: 'See chapter 99 statistical note 1.' },
      ]),
    ).toEqual(['9903.88.03', '9903.88.15']);
    expect(footnoteHeadings(null)).toEqual([]);
  });

  it('tells which origins a heading reaches', () => {
    const names = new Map([
      ['CA', 'Canada'],
      ['MX', 'Mexico'],
    ]);
    const cn = headingReach('Articles the product of China, as provided for in U.S. note 20(e)', names);
    expect(reaches(cn, 'CN')).toBe(true);
    expect(reaches(cn, 'CA')).toBe(false);
    const ca = headingReach('Articles the product of Canada, as provided for in U.S. note 2', names);
    expect(reaches(ca, 'CN')).toBe(false);
    expect(reaches(ca, 'CA')).toBe(true);
    const any = headingReach('Products of iron or steel, as provided for in U.S. note 16', names);
    expect(any.all).toBe(true);
    expect(reaches(any, 'CN')).toBe(true);
    expect(reaches(headingReach('Articles the product of Hong Kong', names), 'CN')).toBe(true);
  });

  it('reads a start date from the heading text', () => {
    expect(startDateIn('Effective with respect to entries on or after September 27, 2024, articles')).toBe(
      '2024-09-27',
    );
    expect(startDateIn('articles the product of China')).toBeNull();
  });
});

describe('ledger citations', () => {
  const covers = (text: string, h: string) => citedHeadings(text).some((p) => patternCovers(p, h));
  it('reads single headings, ranges, short ranges, alternatives and groups', () => {
    expect(covers('Trade Act of 1974 s.301; 83 FR 47974; HTSUS 9903.88.03', '9903.88.03')).toBe(true);
    expect(covers('HTSUS 9903.88.03', '9903.88.04')).toBe(false);
    expect(covers('HTSUS 9903.91.01-9903.91.11, 9903.92.10', '9903.91.07')).toBe(true);
    expect(covers('HTSUS 9903.91.01-9903.91.11, 9903.92.10', '9903.92.10')).toBe(true);
    expect(covers('9903.82.06-.08', '9903.82.07')).toBe(true);
    expect(covers('9903.82.06-.08', '9903.82.09')).toBe(false);
    expect(covers('9903.88.69/.70', '9903.88.70')).toBe(true);
    expect(covers('HTSUS 9903.01.20 / 9903.01.24', '9903.01.24')).toBe(true);
    expect(covers('HTSUS 9903.80/9903.81', '9903.81.89')).toBe(true);
    expect(covers('HTSUS 9903.85', '9903.85.04')).toBe(true);
    expect(covers('HTSUS 9903.85', '9903.86.01')).toBe(false);
    expect(headingOfListId('us_s301_review_9903_91_07')).toBe('9903.91.07');
    expect(headingOfListId('us_s301_list3')).toBeNull();
  });
});

describe('readRevisionRows (fixture)', () => {
  const json = JSON.parse(readFileSync(projectPath('test', 'fixtures', 'hts', 'mini-rev.json'), 'utf8')) as unknown;
  const r = readRevisionRows(json);
  it('reads lines with their footnotes and skips untitled rows', () => {
    expect(r.rows).toBe(13);
    expect(r.lines.map((l) => l.code)).toEqual([
      '0101',
      '0101.21.00',
      '0101.21.00.10',
      '0101.21.00.20',
      '8471.30.01.00',
    ]);
    expect(r.lines.find((l) => l.code === '0101.21.00')!.footnotes).toBe('9903.88.15');
    expect(r.lines.find((l) => l.code === '8471.30.01.00')).toMatchObject({
      level: 10,
      footnotes: '9903.01.32 9903.88.03',
    });
  });
  it('reads headings (not the 9903.xx title rows) and counts every error', () => {
    expect(r.headings.map((h) => [h.heading, h.rate.display])).toEqual([
      ['9903.88.03', '+25%'],
      ['9903.88.15', '+7.5%'],
      ['9903.01.32', 'applicable subheading'],
      ['9903.99.99', 'a duty to be determined'],
    ]);
    expect(r.errors.map((e) => e.code)).toEqual(['8471.30.01.00', '84A1.30', '9903.99.99']);
  });
  it('refuses what is not an export', () => {
    expect(() => readRevisionRows({ rows: [] })).toThrow(/not an HTS export/);
  });
});
