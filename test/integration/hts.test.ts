// `tradewar hts`: the 44 shipped HTS revisions (data/hts_*.parquet), the audit of the ledger against them and the
// diff of two revisions, on the real data.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import {
  auditAll,
  auditRevision,
  diffRevisions,
  listRevisions,
  loadExplanations,
  loadRevision,
} from '../../src/service/hts.js';
import { projectPath } from '../../src/util/paths.js';

let ctx: TradewarContext;
beforeAll(async () => {
  ctx = await openContext();
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [projectPath('bin', 'tradewar.js'), ...args], {
    encoding: 'utf8',
    cwd: projectPath(),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('shipped revisions', () => {
  it('holds the 44 revisions in effective-date order without parse errors', async () => {
    const revs = await listRevisions(ctx);
    expect(revs).toHaveLength(44);
    expect(revs[0]).toMatchObject({ revision: '2025_basic', effective_date: '2025-01-01' });
    expect(revs[43]).toMatchObject({ revision: '2026_rev_10', effective_date: '2026-06-08' });
    expect(revs.reduce((s, r) => s + r.parse_errors, 0)).toBe(0);
  });

  it('parses 9903.88.03 as +25% and reads line footnotes', async () => {
    const rev = await loadRevision(ctx, '2026_rev_10');
    expect(rev.lines.filter((l) => l.level === 10)).toHaveLength(19856);
    expect(rev.headings).toHaveLength(501);
    const h = rev.headings.find((x) => x.heading === '9903.88.03')!;
    expect(h.rate).toMatchObject({ kind: 'plus_pct', pct: 25, display: '+25%' });
    expect(rev.headings.find((x) => x.heading === '9903.88.15')!.rate.pct).toBe(7.5);
    // live horses, purebred breeding: List 4A by its HTS8 footnote
    expect(rev.lines.find((l) => l.code === '01012100')!.footnotes).toEqual(['9903.88.15']);
    // 9903.01.24 (IEEPA fentanyl, China) was +20% in 2025 revision 14 and +10% in 2026
    const rate = async (r: string) =>
      (await loadRevision(ctx, r)).headings.find((x) => x.heading === '9903.01.24')!.rate.pct;
    expect(await rate('2025_rev_14')).toBe(20);
    expect(await rate('2026_rev_10')).toBe(10);
  });

  it('refuses an unknown revision with the range it knows', async () => {
    await expect(loadRevision(ctx, '2027_rev_1')).rejects.toThrow(
      /unknown HTS revision "2027_rev_1": one of 2025_basic … 2026_rev_10/,
    );
  });
});

describe('audit', () => {
  it('holds the ledger against 2026 revision 10 for China', async () => {
    const a = await auditRevision(ctx, await loadRevision(ctx, '2026_rev_10'), { origin: 'CN' });
    expect(a).toMatchObject({ revision: '2026_rev_10', date: '2026-06-08', parse_errors: 0 });
    const by = (h: string) => a.headings.find((x) => x.heading === h)!;
    expect(by('9903.88.03')).toMatchObject({ status: 'modelled', rate: '+25%', ledger_ids: ['us-s301-list3'] });
    expect(by('9903.88.15').ledger_ids).toContain('us-s301-list4a');
    // an exclusion heading, modelled as a suspension of the list measures
    expect(by('9903.88.69')).toMatchObject({ status: 'modelled', ledger_ids: ['us-s301-exclusions-164'] });
    // IEEPA: struck down, still printed: explained from the reviewed file
    expect(by('9903.01.25').status).toBe('explained');
    // a heading for goods of another country does not reach China
    expect(by('9903.53.01').status).not.toBe('modelled');
    expect(a.headings.filter((h) => h.status === 'rate_mismatch')).toEqual([]);
    const m = a.membership;
    expect(m.lines_checked).toBe(19856);
    expect(m.value_share).toBeLessThan(0.005);
    expect(m.value_at_stake_usd).toBe(m.mismatches.reduce((s, x) => s + x.value_usd, 0));
    for (const x of m.mismatches) expect(Object.keys(x)).toEqual(['line', 'hts_headings', 'ledger_ids', 'value_usd']);
  });

  it('reports a heading the ledger leaves out as unmodelled, with text and rate', async () => {
    const a = await auditRevision(ctx, await loadRevision(ctx, '2026_rev_10'), { origin: 'CN' });
    // Section 232 annex I-C (Proclamation 11032, from 2026-06-08): not priced by the ledger
    const h = a.headings.find((x) => x.heading === '9903.82.20')!;
    expect(h).toMatchObject({ status: 'unmodelled', rate: '+25%', ledger_ids: [] });
    expect(h.text).toMatch(/^Derivative steel articles/);
    // upholstered wooden furniture: cited by the Section 232 measure, same rate
    expect(a.headings.find((x) => x.heading === '9903.76.02')).toMatchObject({
      status: 'modelled',
      ledger_ids: ['us-s232-upholstered-furniture'],
    });
    // a heading whose text starts it after the date is not due yet
    expect(a.headings.find((x) => x.heading === '9903.91.13')).toMatchObject({ status: 'not_applicable' });
  });

  it('applies explanations only from their date, and reads heading ranges and line prefixes', async () => {
    const ex = loadExplanations();
    expect(ex.lines.get('9802')?.reason).toMatch(/Chapter 98/);
    const early = await auditRevision(ctx, await loadRevision(ctx, '2025_rev_14'), { origin: 'CN', explanations: ex });
    // in May 2025 the schedule printed IEEPA fentanyl at +10% under 9903.01.20 while the ledger's rate was 20%
    expect(early.headings.find((h) => h.heading === '9903.01.20')!.status).toBe('rate_mismatch');
    const late = await auditRevision(ctx, await loadRevision(ctx, '2026_rev_10'), { origin: 'CN', explanations: ex });
    expect(late.headings.find((h) => h.heading === '9903.04.30')!.status).toBe('explained');
    expect(late.membership.mismatches.some((x) => x.line.startsWith('9802'))).toBe(false);
  });

  it('audits every revision in well under a minute', async () => {
    const t = Date.now();
    const seen: number[] = [];
    const rows = await auditAll(ctx, { origin: 'CN' }, (done) => seen.push(done));
    expect(rows).toHaveLength(44);
    expect(seen.at(-1)).toBe(44);
    expect(Date.now() - t).toBeLessThan(60_000);
    for (const r of rows) expect(r.parse_errors).toBe(0);
  });

  it('prints the JSON layout of issue 19 and one line per revision with --all', () => {
    const r = cli('hts', 'audit', '--revision', '2026_rev_10', '--origin', 'CN', '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['revision', 'date', 'headings', 'membership', 'parse_errors']);
    expect(Object.keys(j.headings[0])).toEqual(['heading', 'text', 'rate', 'ledger_ids', 'status', 'reason']);
    expect(Object.keys(j.membership)).toEqual(['lines_checked', 'mismatches', 'value_at_stake_usd', 'value_share']);
    const all = cli('hts', 'audit', '--all');
    expect(all.code).toBe(0);
    expect(all.out.split('\n').filter((l) => /^20\d\d_/.test(l))).toHaveLength(44);
    expect(cli('hts', 'audit', '--revision', 'nope').err).toMatch(/unknown HTS revision "nope"/);
  });

  it('reads a newer export handed in as a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-hts-'));
    const file = join(dir, 'hts_2026_rev_11.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          htsno: '0101.21.00',
          indent: '2',
          description: 'Purebred',
          general: 'Free',
          units: [],
          footnotes: [{ columns: ['general'], value: 'See 9903.88.15.' }],
        },
        { htsno: '0101.21.00.10', indent: '3', description: 'Males', general: '', units: ['No.'], footnotes: [] },
        {
          htsno: '9903.88.15',
          indent: '0',
          description: 'Articles the product of China, as provided for in U.S. note 20(r)',
          general: 'The duty provided in the applicable subheading + 7.5%',
          units: [],
          footnotes: [],
        },
      ]),
    );
    const rev = await loadRevision(ctx, file, '2026-07-01');
    expect(rev).toMatchObject({ revision: 'hts_2026_rev_11'.replace(/^hts_/, ''), date: '2026-07-01', parseErrors: 0 });
    const a = await auditRevision(ctx, rev, { origin: 'CN' });
    expect(a.headings).toEqual([expect.objectContaining({ heading: '9903.88.15', status: 'modelled', rate: '+7.5%' })]);
    expect(a.membership.lines_checked).toBe(1);
    const d = diffRevisions(await loadRevision(ctx, '2026_rev_10'), rev);
    expect(d.headings.removed).toBeGreaterThan(400);
  });
});

describe('diff', () => {
  it('says what 2026 revision 10 added: the Section 232 annex I-C headings', async () => {
    const d = diffRevisions(await loadRevision(ctx, '2026_rev_9'), await loadRevision(ctx, '2026_rev_10'));
    const added = d.changes.find((c) => c.code === '9903.82.20')!;
    expect(added).toMatchObject({ kind: 'heading', change: 'added' });
    expect(added.text).toMatch(/^9903\.82\.20 added: Derivative steel articles .*, \+25%$/);
    expect(d.headings.added).toBeGreaterThanOrEqual(7);
  });

  it('words footnote changes on lines', async () => {
    const d = diffRevisions(await loadRevision(ctx, '2025_basic'), await loadRevision(ctx, '2026_rev_10'));
    const lines = d.changes.filter(
      (c) => c.kind === 'line' && /footnote 9903\.\d\d\.\d\d (added|removed)/.test(c.text),
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]!.text).toMatch(/^\d{4}\.\d{2}(\.\d{2}){0,2}: footnote 9903\.\d\d\.\d\d (added|removed)/);
  });

  it('prints the diff in words on the command line', () => {
    const r = cli('hts', 'diff', '2026_rev_9', '2026_rev_10');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^HTS 2026_rev_9 \(2026-05-28\) → 2026_rev_10 \(2026-06-08\): headings \d+ added/);
    expect(r.out).toContain('  9903.82.20 added: ');
  });
});
