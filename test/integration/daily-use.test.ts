// Daily use on the shipped data: codes as typed, a stack that reads right on the date asked, search, and the
// compiled command line's manners (examples in --help, a closed pipe, csv, today's date stated).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { rateQuery } from '../../src/service/queries.js';
import { searchQuery } from '../../src/service/search.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { buildProgram } from '../../src/cli/program.js';
import { projectPath } from '../../src/util/paths.js';
import { todayIso } from '../../src/util/dates.js';
import type { Command } from 'commander';

const BIN = projectPath('bin', 'tradewar.js');
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: projectPath() });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

let ctx: TradewarContext;
beforeAll(async () => {
  ctx = await openContext();
}, 120_000);

describe('codes as people type them', () => {
  it('answers an HTS8 heading with every HTS10 line under it and the range, never one arbitrary line', () => {
    const s = rateQuery(ctx, { product: '9403.60.80', origin: 'CN', dest: 'US', date: '2025-11-05' });
    expect(s.query).toMatchObject({ asked: '9403.60.80', kind: 'heading' });
    const rules = ctx.rules('US');
    const expected = s.lines!.map((l) => evaluate(rules, l.code, 'CN', '2025-11-05').total_pct);
    expect(s.lines!.length).toBeGreaterThan(1);
    expect(s.lines!.every((l) => l.code.startsWith('94036080') && l.code.length === 10)).toBe(true);
    expect(s.lines!.map((l) => l.total_pct)).toEqual(expected);
    expect(s.total_range_pct).toEqual({ min: Math.min(...expected), max: Math.max(...expected) });
    // the stack shown is the highest line, and the answer says so
    expect(s.total_pct).toBe(Math.max(...expected));
    expect(s.product).toBe(s.query!.shown);
    expect(s.notes[0]).toMatch(/94036080 is not a national tariff line .* covers \d+ lines, totals range from/);
  });

  it('summarises a chapter by heading', () => {
    const s = rateQuery(ctx, { product: '85', origin: 'CN', dest: 'US', date: '2025-11-05' });
    expect(s.lines!.length).toBeGreaterThan(100);
    expect(s.headings!.length).toBeGreaterThan(10);
    expect(s.headings!.reduce((n, h) => n + h.lines, 0)).toBe(s.lines!.length);
  });

  it("translates a 2022-edition code asked of China's 2018-based lines and names the translation", () => {
    const s = rateQuery(ctx, { product: '8517.13', origin: 'US', dest: 'CN', date: '2025-11-05' });
    expect(s.query?.kind).toBe('translated');
    expect(s.query?.translation).toMatchObject({ from_edition: 'HS2022', from_hs6: '851713', to_edition: 'HS2017' });
    expect(s.query?.translation?.to_hs6).toContain('851712');
    expect(s.lines!.every((l) => l.code.startsWith('851712'))).toBe(true);
    expect(s.notes[0]).toMatch(/HS2022 code 851713 is HS2017 851712/);
  });
});

describe('a stack that reads right on the date asked', () => {
  it('shows the rate payable on the date and the state on the date, not the measure status of today', () => {
    // Annex II smartphone: the reciprocal layer is excluded; 10% would be payable (34% less 24 suspended points)
    const s = rateQuery(ctx, { product: '8517130000', origin: 'CN', dest: 'US', date: '2025-06-01' });
    const reciprocal = s.layers.find((l) => l.measure === 'us-ieepa-reciprocal-cn')!;
    expect(reciprocal.rate_pct).toBe(10);
    expect(reciprocal.statutory_rate_pct).toBe(34);
    const fentanyl = s.layers.find((l) => l.measure === 'us-ieepa-fentanyl-cn')!;
    expect(fentanyl.status).toBe('terminated'); // today
    expect(fentanyl.status_on_date).toBe('in_force'); // on 2025-06-01
    const after = rateQuery(ctx, { product: '8517130000', origin: 'CN', dest: 'US', date: '2026-03-01' });
    expect(after.layers.find((l) => l.measure === 'us-ieepa-fentanyl-cn')!.status_on_date).toBe('ended');
  });

  it('gives reasons in words with the heading and first date, never internal ids', () => {
    const s = rateQuery(ctx, { product: '9403608093', origin: 'CN', dest: 'US', date: '2025-11-05' });
    const list3 = s.layers.find((l) => l.measure === 'us-s301-list3')!;
    // List 3 is collected under 9903.88.03 and, for goods described within an 8-digit subheading, 9903.88.04
    expect(list3.reason).toMatch(/^Section 301 List 3 \(9903\.88\.03, 9903\.88\.04\), in force since 2018-09-24/);
    for (const l of s.layers) expect(l.reason, l.measure).not.toMatch(/\b(us|cn)[-_][a-z0-9]+[-_]/);
    const early = rateQuery(ctx, { product: '9403608093', origin: 'CN', dest: 'US', date: '2018-09-23' });
    expect(early.layers.find((l) => l.measure === 'us-s301-list3')!.reason).toMatch(/not yet in force on 2018-09-23/);
    // a threatened measure is never "not yet in force"
    for (const date of ['2025-10-15', '2025-11-05'])
      expect(
        rateQuery(ctx, { product: '9403608093', origin: 'CN', dest: 'US', date }).layers.find(
          (l) => l.measure === 'us-ieepa-threat-100pct-2025',
        )!.reason,
      ).toMatch(/threatened, never in force/);
  });
});

describe('search', () => {
  it('finds soybeans in both schedules, ranked, with each line’s total on the date', () => {
    const hits = searchQuery(ctx, { q: 'soybeans', date: '2025-11-05', limit: 20 });
    expect(new Set(hits.map((h) => h.importer))).toEqual(new Set(['US', 'CN']));
    expect(hits.slice(0, 3).every((h) => /soy/i.test(h.description))).toBe(true);
    for (const h of hits.filter((x) => x.level === 10).slice(0, 5))
      expect(h.total_pct).toBe(evaluate(ctx.rules(h.importer), h.code, h.origin, '2025-11-05').total_pct);
    const cn = searchQuery(ctx, { q: 'soya beans', importer: 'CN' });
    expect(cn.every((h) => h.importer === 'CN')).toBe(true);
    expect(searchQuery(ctx, { q: 'soybeans', importer: 'CN' })[0]!.code).toBe(cn[0]!.code);
  });
});

describe('the compiled command line', () => {
  it('shows two real examples in the --help of every command', () => {
    const all: Command[] = [];
    const walk = (c: Command) => {
      all.push(c);
      c.commands.forEach(walk);
    };
    walk(buildProgram());
    for (const c of all) {
      let help = '';
      c.configureOutput({ writeOut: (s) => (help += s) });
      c.outputHelp();
      const examples = help.split('\n').filter((l) => l.startsWith('  $ tradewar '));
      expect(examples.length, `${c.name()} --help examples`).toBeGreaterThanOrEqual(2);
      // one block of examples, not a second one written into the command's own help text
      expect(help.match(/^Examples:$/gm) ?? [], `${c.name()} --help Examples blocks`).toHaveLength(1);
    }
  });

  it('states today when --date is left out, and answers rate as CSV', () => {
    const r = cli('rate', '--product', '8517130000', '--origin', 'CN', '--dest', 'US');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`on ${todayIso()} (today`);
    const csv = cli(
      'rate',
      '--product',
      '8517130000',
      '--origin',
      'CN',
      '--dest',
      'US',
      '--date',
      '2025-11-05',
      '--format',
      'csv',
    );
    expect(csv.out.split('\n')[0]).toBe(
      'kind,measure,authority,rate_pct,contribution_pct,applies,status_on_date,reason,citation,source',
    );
    // full source URLs, never cut
    const table = cli('rate', '--product', '9403608093', '--origin', 'CN', '--dest', 'US', '--date', '2025-11-05');
    for (const l of rateQuery(ctx, { product: '9403608093', origin: 'CN', dest: 'US', date: '2025-11-05' }).layers)
      expect(table.out).toContain(l.source);
  });

  it('ends quietly with status 0 when the reader closes the pipe', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'panel', '--importer', 'US', '--exporter', 'CN', '--at', '2025-11-05'],
      {
        cwd: projectPath(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout.once('data', () => child.stdout.destroy()); // like `| head -1`
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});
