// The command line on the shipped data: real answers, and bad input → one line on stderr, exit code 2.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { projectPath } from '../../src/util/paths.js';

/** Runs the real compiled `tradewar` with the arguments written as one command line (no quoting needed here). */
function cli(line: string) {
  const r = spawnSync(process.execPath, [projectPath('bin', 'tradewar.js'), ...line.split(/\s+/)], {
    encoding: 'utf8',
    cwd: projectPath(),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const SMARTPHONE = '--product 8517130000 --origin CN --dest US';

describe('tradewar command line', () => {
  it('answers rate as JSON with the contract fields', () => {
    const r = cli(`rate ${SMARTPHONE} --date 2025-11-05 --format json`);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const k of ['product', 'origin', 'dest', 'date', 'base_pct', 'layers', 'total_pct'])
      expect(j).toHaveProperty(k);
    for (const l of j.layers)
      for (const k of ['measure', 'authority', 'rate_pct', 'applies', 'reason', 'source']) expect(l).toHaveProperty(k);
  });

  it.each([
    [
      'rate --product 9999999999 --origin CN --dest US --date 2025-11-05',
      /unknown product code 9999999999.*nearest valid codes: \d{10}/,
    ],
    [`rate ${SMARTPHONE} --date 2025-13-45`, /date "2025-13-45" is not a valid date/],
    ['rate --product 8517130000 --origin XX --dest US --date 2025-11-05', /unknown country XX in origin/],
    ['average --importer US --exporter CN --at 2018-01-01 --weights 1999', /unknown weights "1999"/],
    [
      'average --importer US --exporter CN --at 2018-01-01 --by colour',
      /by "colour" is not one of: authority, section/,
    ],
    [`rate ${SMARTPHONE} --date 2025-11-05 --scenario no-such`, /unknown scenario "no-such"/],
    [
      '--ledger test/fixtures/ledger-broken ledger check',
      /broken\.yaml:\d+:\d+: unknown product list "us_no_such_list"/,
    ],
  ])('bad input "%s" → exit 2 with a one-line message', (line, message) => {
    const r = cli(line);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('average CN←US on 2026-12-01 carries the unconfirmed 24-point lapse with the alternative average (ADR 82)', () => {
    const r = cli('average --importer CN --exporter US --at 2026-12-01 --format json');
    expect(r.code).toBe(0);
    const [p] = JSON.parse(r.out);
    expect(p.unconfirmed[0]).toMatchObject({ id: 'cn-2025-reciprocal-24pt', scenario: 'extension-2027' });
    expect(p.average_pct - p.unconfirmed[0].alternative_average_pct).toBeGreaterThan(20);
    const t = cli('average --importer CN --exporter US --at 2026-12-01');
    expect(t.out).toMatch(
      /Unconfirmed: on 2026-12-01 the average assumes .* lapsed on 2026-11-10 \(unconfirmed\): 54\.0%; 30\.0% if it was extended/,
    );
    expect(t.out).toMatch(/--scenario extension-2027/);
  });

  it('rejects a broken overlay with file:line and exit 2', () => {
    const r = cli(`rate ${SMARTPHONE} --date 2025-11-05 --scenario test/fixtures/scenario-broken.yaml`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario-broken\.yaml:\d+:\d+: set: unknown measure "no-such-measure"/);
    expect(r.err).toMatch(/scenario-broken\.yaml:\d+:\d+: .*rate/);
  });
  it('averages China on US goods at the expected rate below the statutory one (market-based exclusions, ADR 81)', () => {
    const at = '--importer CN --exporter US --at 2025-12-01 --format json';
    const statutory = cli(`average ${at}`);
    const expected = cli(`average ${at} --rate expected`);
    expect(statutory.code).toBe(0);
    expect(expected.code).toBe(0);
    const s = JSON.parse(statutory.out)[0];
    const e = JSON.parse(expected.out)[0];
    expect(e.coverage_pct).toBe(s.coverage_pct);
    // soybeans are priced at 13% instead of 40.5%: the average falls, but by less than the whole retaliation
    expect(e.average_pct).toBeLessThan(s.average_pct - 0.5);
    expect(e.average_pct).toBeGreaterThan(s.average_pct - 10);
  });

  it('shows US soybeans at 13% expected first and 40.5% statutory in the rate table, with the exclusion source', () => {
    const r = cli('rate --product 1201901000 --origin US --dest CN --date 2025-12-01');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Rate: expected 13% (what the line pays on average) · statutory 40.5%');
    const exp = r.out.indexOf('Expected: 13%');
    const stat = r.out.indexOf('Statutory: 40.5%');
    expect(exp).toBeGreaterThan(0);
    expect(stat).toBeGreaterThan(exp);
    expect(r.out).toMatch(/exclusion: Market-based exclusions.*https?:\/\//);
    const j = JSON.parse(cli('rate --product 1201.90 --origin US --dest CN --date 2025-12-01 --format json').out);
    expect(j.lines.map((l: { expected_pct: number }) => l.expected_pct)).toEqual([13, 13]);
    const layer = j.layers.find((l: { measure: string }) => l.measure === 'cn-2018-07-06');
    expect(layer.expected_exclusions[0]).toMatchObject({ id: 'cn-market-based-exclusions', coverage: 1 });
  });

  it('search shows the expected rate beside the total where they differ', () => {
    const r = cli('search soya beans --importer CN --date 2025-12-01 --format json');
    expect(r.code).toBe(0);
    const hit = JSON.parse(r.out).find((h: { code: string }) => h.code === '1201901000');
    expect(hit).toMatchObject({ total_pct: 40.5, expected_pct: 13 });
    expect(hit.expected_sources[0]).toMatch(/Market-based exclusions.*https?:\/\//);
  });
});
