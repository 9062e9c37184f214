// Name normalisation and matching: legal forms in many languages, Han ↔ pinyin both ways, versioned algorithms,
// and the F1 target on nomenklatura's cases-dev pairs (read in place from the shared mirror).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../src/controls/names/normalize.js';
import { ALGORITHMS, DEFAULT_ALGORITHM, compareNames } from '../../src/controls/names/algorithms.js';
import { evaluatePairs, pairsToCsv, scorePairs } from '../../src/controls/names/pairs.js';
import { projectPath } from '../../src/util/paths.js';

const algo = ALGORITHMS.get(DEFAULT_ALGORITHM)!;
const score = (a: string, b: string, schema: 'Company' | 'Person' = 'Company') =>
  compareNames(a, b, schema, algo).score;

describe('name normalisation', () => {
  it('sets legal forms apart in many languages and scripts', () => {
    expect(normalizeName('Huawei Technologies Co., Ltd.').tokens).toEqual(['huawei']);
    expect(normalizeName('Volkswagen Gesellschaft mit beschränkter Haftung').forms).toEqual(['gmbh']);
    expect(normalizeName('华为技术有限公司').tokens).toEqual(['huawei']);
    expect(normalizeName('中兴通讯股份有限公司').forms).toContain('jsc');
    expect(normalizeName('OOO Oboronnye Initsiativy').forms).toEqual(['llc']);
    expect(normalizeName('Siemens Aktiengeselschaft').forms).toEqual(['ag']); // a typo in a long form
  });

  it('reads Han names as pinyin, Cyrillic as Latin, digits inside words as letters', () => {
    expect(normalizeName('习近平', 'Person').tokens).toEqual(['xi', 'jinping']);
    expect(normalizeName('Сергей Лавров', 'Person').tokens).toEqual(['sergey', 'lavrov']);
    expect(normalizeName('Ig0r Sech1n', 'Person').tokens).toEqual(['igor', 'sechin']);
    expect(normalizeName('1st International Bank').tokens).toContain('first');
  });
});

describe('tw-name-1', () => {
  it('matches Chinese names in Han characters and pinyin both ways', () => {
    expect(score('华为技术有限公司', 'Huawei Technologies Co., Ltd.')).toBeGreaterThanOrEqual(0.95);
    expect(score('Huawei Jishu Youxian Gongsi', '华为技术有限公司')).toBeGreaterThanOrEqual(0.95);
    expect(score('依图科技有限公司', 'Yitu Technology')).toBeGreaterThanOrEqual(0.95);
    expect(score('习近平', 'Xi Jinping', 'Person')).toBeGreaterThanOrEqual(0.95);
  });

  it('is insensitive to word order and forgives typos, not different words', () => {
    expect(score('Lavrov Sergei', 'Sergei Lavrov', 'Person')).toBe(1);
    expect(score('Serei Lavrov', 'Sergei Lavrov', 'Person')).toBeGreaterThan(algo.threshold);
    expect(score('Industrial and Commercial Bank of Chad', 'Industrial and Commercial Bank of China')).toBeLessThan(
      algo.threshold,
    );
    expect(score('习近朋', '习近平', 'Person')).toBeLessThan(algo.threshold); // one Han character differs
  });

  it('explains every score: the features, their weights and contributions', () => {
    const c = compareNames('Siemens AG', 'SiemensAG', 'Company', algo);
    expect(c.score).toBe(0.95); // joined letters agree (weight 0.95)
    expect(c.features.length).toBeGreaterThan(0);
    for (const f of c.features)
      expect(f).toMatchObject({ feature: expect.any(String), contribution: expect.any(Number) });
    expect(Math.max(...c.features.map((f) => f.contribution))).toBe(c.score);
  });

  it('keeps algorithms apart by id: each gives its own scores', () => {
    const lit = ALGORITHMS.get('tw-literal-1')!;
    expect(compareNames('Serei Lavrov', 'Sergei Lavrov', 'Person', lit).score).toBe(0);
    expect(new Set(ALGORITHMS.keys())).toEqual(new Set(['tw-name-1', 'tw-literal-1', 'tw-jaro-1']));
  });
});

const CASES = projectPath('..', 'shared', 'data', 'controls', 'name-match-pairs', 'cases-dev.csv');

describe.skipIf(!existsSync(CASES))('cases-dev (nomenklatura name_bench, read in place)', () => {
  it('reaches F1 ≥ 0.85 at the default threshold', () => {
    const pairs = scorePairs(readFileSync(CASES, 'utf8'), algo, algo.threshold);
    const [all, ...groups] = evaluatePairs(pairs);
    expect(all!.pairs).toBe(425);
    expect(all!.f1).toBeGreaterThanOrEqual(0.85);
    expect(all!.precision).toBeGreaterThan(0.8);
    expect(groups.map((g) => g.group)).toContain('schema=Person');
  });

  it('writes the pairs back with score and is_match', () => {
    const pairs = scorePairs('schema,name1,name2\nCompany,Siemens AG,Siemens Aktiengesellschaft\n', algo, 0.66);
    const csv = pairsToCsv(pairs, ['schema', 'name1', 'name2']);
    expect(csv).toBe('schema,name1,name2,score,is_match\nCompany,Siemens AG,Siemens Aktiengesellschaft,1,true\n');
  });
});

describe('algorithm ids', () => {
  it('lists the algorithms as algorithms.ts has them (the CLI help reads the light list)', async () => {
    const { ALGORITHM_IDS } = await import('../../src/controls/names/algorithm-ids.js');
    expect([...ALGORITHM_IDS]).toEqual([...ALGORITHMS.keys()]);
  });
});
