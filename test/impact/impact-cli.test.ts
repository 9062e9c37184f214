// `tradewar impact replicate` and `tradewar impact` input errors on the command line.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { projectPath } from '../../src/util/paths.js';

/** Runs `tradewar` asynchronously (the test worker stays responsive while the CLI computes). */
function cli(line: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        projectPath('node_modules', 'tsx', 'dist', 'cli.mjs'),
        projectPath('src', 'cli', 'main.ts'),
        ...line.split(/\s+/),
      ],
      { cwd: projectPath() },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('tradewar impact replicate', () => {
  it('lists the reproductions it can run', async () => {
    const r = await cli('impact replicate --list --format json');
    expect(r.code).toBe(0);
    const names = JSON.parse(r.out).map((x: { name: string }) => x.name);
    expect(names).toEqual(
      expect.arrayContaining(['ilss-2025-case1', 'ilss-2025-reciprocal-retaliation', 'geppml-borders']),
    );
  });

  it('prints {name, countries} with the EU and NON_US aggregates as extra rows', async () => {
    const r = await cli('impact replicate ilss-2025-case1 --format json');
    expect(r.err).toBe('');
    const j = JSON.parse(r.out);
    expect(j.name).toBe('ilss-2025-case1');
    const usa = j.countries.find((c: { iso3: string }) => c.iso3 === 'USA');
    expect(usa.welfare_pct).toBeCloseTo(1.13, 2);
    expect(usa.prices_pct).toBeCloseTo(12.8, 1);
    expect(usa.employment_pct).toBeCloseTo(0.32, 2);
    expect(j.countries.slice(-2).map((c: { iso3: string }) => c.iso3)).toEqual(['EU', 'NON_US']);
  });

  it.each([
    ['impact replicate no-such-model', /unknown replication "no-such-model".*--list/],
    ['impact --scenario busan-truce --at 2025-12-01 --model cge', /model "cge" is not one of: pe, ge/],
    ['impact --at 2025-12-01', /missing scenario/],
    ['impact --scenario busan-truce --at 2025-13-01', /at "2025-13-01" is not a valid date/],
    ['impact --scenario busan-truce --from 2025-11-01', /missing to: a window needs --to D as well as --from D/],
    ['impact --scenario busan-truce --from 2025-11-01 --to 2025-11-30 --model ge', /window .* is for the PE model/],
    ['impact --scenario busan-truce --at 2025-12-01 --demand -1', /demand "-1" is not a positive number/],
  ])('bad input "%s" → exit 2 with one line', async (line, message) => {
    const r = await cli(line);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('tradewar impact over a window', () => {
  it('prints annualised rows and the window with its intervals and totals', async () => {
    const r = await cli(
      'impact --scenario no-deal-2025-11 --over busan-truce --from 2025-12-01 --to 2025-12-10 --top 2 --format json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.date).toBe('2025-12-01');
    expect(j.window.days).toBe(10);
    expect(j.window.intervals[0].from).toBe('2025-12-01');
    const usa = j.countries.find((c: { iso3: string }) => c.iso3 === 'USA');
    const total = j.window.countries.find((c: { iso3: string }) => c.iso3 === 'USA');
    expect(total.buyer_cost_usd).toBe(Math.round((usa.buyer_cost_usd * 10) / 365));
    expect(j.notes.join(' ')).toMatch(/Hauk \(2012\)/);
  }, 120_000);
});
