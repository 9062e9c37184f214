// Codes as people type them (small fixtures) and the search index's terms and bounds.
import { describe, expect, it } from 'vitest';
import { linesUnder, resolveCode, translateHs6, type ConcordanceRow } from '../../src/codes/resolve.js';
import { normaliseQuery, ProductIndex, MAX_QUERY_WORDS } from '../../src/search/product-index.js';
import { termsOf, words } from '../../src/search/terms.js';
import type { Datasets, Product } from '../../src/datasets/datasets.js';

const p = (code: string, description: string, vintage = 'cn'): [string, Product] => [
  code,
  { code, level: code.length, description, vintage },
];
const CN = new Map([
  p('85171210', 'Telephones for cellular networks'),
  p('8517121010', 'Telephones for cellular networks: GSM'),
  p('8517121090', 'Telephones for cellular networks: other'),
  p('1201100000', 'Soya beans, whether or not broken: for seed'),
  p('9403600000', 'Wooden furniture, other'),
]);
const CONCORDANCE: ConcordanceRow[] = [
  { from_vintage: 'HS2022', from_hs6: '851713', to_vintage: 'HS2017', to_hs6: '851712' },
  { from_vintage: 'HS2022', from_hs6: '851714', to_vintage: 'HS2017', to_hs6: '851712' },
  { from_vintage: 'HS2017', from_hs6: '851712', to_vintage: 'HS2012', to_hs6: '851712' },
];

describe('codes as typed', () => {
  it('answers a national line as itself, with or without dots', () => {
    expect(resolveCode('8517.12.10.10', 'CN', CN, CONCORDANCE)).toMatchObject({ kind: 'line', lines: ['8517121010'] });
  });
  it('answers a shorter code with every line under it, never one', () => {
    const r = resolveCode('8517.12', 'CN', CN, CONCORDANCE);
    expect(r.kind).toBe('heading');
    expect(r.lines).toEqual(['8517121010', '8517121090']);
    expect(resolveCode('85171210', 'CN', CN).lines).toEqual(['8517121010', '8517121090']);
    expect(linesUnder('94', CN)).toEqual(['9403600000']);
  });
  it('translates a code of another HS edition through the correlation and says so', () => {
    const r = resolveCode('8517.13', 'CN', CN, CONCORDANCE);
    expect(r.kind).toBe('translated');
    expect(r.translation).toEqual({
      from_edition: 'HS2022',
      from_hs6: '851713',
      to_edition: 'HS2017',
      to_hs6: ['851712'],
    });
    expect(r.lines).toEqual(['8517121010', '8517121090']);
    // and back: an HS2017 code asked of an HS2022 schedule
    expect(translateHs6('851712', 'HS2022', CONCORDANCE)?.to_hs6).toEqual(['851713', '851714']);
  });
  it('refuses what is not a code, and an unknown code with the nearest ones', () => {
    expect(() => resolveCode('85x', 'CN', CN)).toThrow(/give 2 to 10 digits/);
    expect(() => resolveCode('1', 'CN', CN)).toThrow(/give 2 to 10 digits/);
    expect(() => resolveCode('7777', 'CN', CN, CONCORDANCE)).toThrow(/unknown product code 7777 .*nearest valid codes/);
  });
});

describe('search terms and bounds', () => {
  it('folds spelling variants and stems so soybeans meets soya beans', () => {
    expect(words('Soybeans, whether or not broken')).toEqual(['soybeans', 'whether', 'or', 'not', 'broken']);
    expect(termsOf('soybeans')).toEqual(termsOf('soya').concat(termsOf('beans')));
    expect(termsOf('aluminium')).toEqual(termsOf('aluminum'));
    expect(termsOf('the')).toEqual([]);
  });
  it('bounds the query and normalises it for the cache', () => {
    expect(normaliseQuery('  Soya   BEANS ')).toEqual({ kind: 'words', text: 'soya beans', words: ['soya', 'beans'] });
    expect(normaliseQuery('8517.13')).toMatchObject({ kind: 'code', text: '851713' });
    const many = Array.from({ length: 50 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(' ');
    expect(() => normaliseQuery(many)).toThrow(new RegExp(`has 50 words: use at most ${MAX_QUERY_WORDS}`));
    expect(() => normaliseQuery('x'.repeat(101))).toThrow(/at most 100/);
  });
  it('finds by words across spellings and by code prefix, in one schedule when asked', () => {
    const data = { products: new Map([['CN', CN]]) } as unknown as Datasets;
    const idx = new ProductIndex(data, ['CN']);
    expect(idx.search('soybeans')[0]?.code).toBe('1201100000');
    expect(idx.search('smartphones').map((h) => h.code)).toContain('8517121010');
    expect(idx.search('furnit')[0]?.code).toBe('9403600000'); // the word being typed is a prefix
    expect(idx.search('8517.12', 'CN').map((h) => h.code)).toEqual(['8517121010', '8517121090', '85171210']);
    expect(idx.search('soybeans', 'US')).toEqual([]);
  });
});
