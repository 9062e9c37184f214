// The export-control commands on the shipped data: real answers, and bad input → one line on stderr, exit 2.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/util/paths.js';

function cli(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    [projectPath('node_modules', 'tsx', 'dist', 'cli.mjs'), projectPath('src', 'cli', 'main.ts'), ...args],
    { encoding: 'utf8', cwd: projectPath() },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const fx = (f: string) => projectPath('test', 'fixtures', 'controls', f);

describe('tradewar export-control commands', () => {
  it('screens a name as JSON with explained hits', () => {
    const r = cli(
      'screen',
      'Huawei Technologies Co., Ltd.',
      '--country',
      'CN',
      '--date',
      '2025-11-05',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.algorithm).toBe('tw-name-1');
    expect(j.hits[0].features.length).toBeGreaterThan(0);
    expect(j.hits.some((h: { list: string }) => h.list === 'bis-entity-list')).toBe(true);
  });

  it('screens a batch file to CSV', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tw-screen-')), 'out.csv');
    const r = cli('screen', '--file', fx('parties.csv'), '--date', '2025-11-05', '--format', 'csv', '--out', out);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/Huawei/);
    expect(lines[3]).toMatch(/^3,Plainfield Widgets Inc,US,0,/);
  });

  it('writes match-pairs with score and is_match and prints the metrics', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tw-pairs-')), 'pairs.csv');
    const file = join(mkdtempSync(join(tmpdir(), 'tw-pairs-in-')), 'in.csv');
    const input =
      'schema,name1,name2,is_match\nCompany,Siemens AG,Siemens Aktiengesellschaft,true\nCompany,Gazprom,Rosneft,false\n';
    writeFileSync(file, input);
    const r = cli('match-pairs', file, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/all\s+2\s+1\s+0\s+0\s+1\s+1\s+1\s+1/);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('schema,name1,name2,score,is_match,label');
  });

  it('answers a bill of materials with reasons', () => {
    const r = cli('bom', fx('bom-gallium-us.csv'), '--date', '2025-06-01', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.prohibited).toBe(true);
    expect(j.rules.find((x: { measure: string }) => x.measure === 'cn-ec-ann46-2024').reasons[0]).toMatch(
      /contains Ga/,
    );
  });

  it('adds the controls reaching a line to rate', () => {
    const r = cli(
      'rate',
      '--product',
      '8505110070',
      '--origin',
      'CN',
      '--dest',
      'US',
      '--date',
      '2026-12-01',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.total_pct).toEqual(expect.any(Number));
    expect(j.controls.measures.map((m: { measure: string }) => m.measure)).toContain('cn-ec-ann18-2025');
    expect(j.controls.reliance.china_share_pct).toBeGreaterThan(50);
    expect(j.controls.usgs.china_share_world_mine_production_pct).toBeCloseTo(69.2, 1);
  });

  it.each([
    [['screen', 'X Corp', '--algorithm', 'magic'], /unknown algorithm "magic"/],
    [['screen', 'X Corp', '--threshold', '2'], /threshold "2" is not a number between 0 and 1/],
    [['screen', 'X Corp', '--country', 'China'], /country "China" is not an ISO 3166 alpha-2 code/],
    [['bom', fx('bom-motor-de.json'), '--date', '2026-02-30'], /date "2026-02-30" is not a valid date/],
    [['bom', 'no-such.csv', '--date', '2026-01-01'], /does not exist/],
    [['match-pairs', fx('parties.csv')], /lacks columns schema, name1, name2/],
    [['screen', 'Quorvant Beta Ltd', '--ownership', fx('csl.csv')], /lacks columns owner, owned, share/],
  ])('rejects %j with exit 2', (args, message) => {
    const r = cli(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message as RegExp);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
