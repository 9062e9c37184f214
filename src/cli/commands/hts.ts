// `tradewar hts audit|diff`: the official schedule (USITC HTS revisions) as a second source of truth — the ledger
// held against a revision on its effective date, and what one revision changes against another.
import { Command, Option } from 'commander';
import { contextFor, formatOf, globalsOf, print } from '../options.js';
import { render, type Row } from '../format.js';
import { progressBar } from '../progress.js';

const usd = (x: number) => `$${(x / 1e6).toFixed(1)}m`;
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export function registerHtsCommands(program: Command): void {
  const hts = program
    .command('hts')
    .description('the official US schedule (USITC HTS revisions): audit the ledger against it, compare revisions');

  hts
    .command('audit')
    .description(
      "holds the ledger against an HTS revision on its effective date: Chapter 99 headings modelled or not, line footnotes against the engine's layers (2024 import value at stake), heading rates against the ledger's",
    )
    .option(
      '--revision <rev>',
      'a shipped revision (2026_rev_10, 2025_basic, latest) or a USITC JSON export FILE.json[.gz]',
      'latest',
    )
    .option('--origin <iso2>', 'origin of the goods', 'CN')
    .option('--date <date>', 'date to audit on, YYYY-MM-DD (default: the revision effective date; today for a file)')
    .option('--all', 'audit every shipped revision in turn, one line each')
    .addOption(new Option('--format <format>', 'table | json').choices(['table', 'json']).default('table'))
    .action(
      async (
        opts: { revision: string; origin: string; date?: string; all?: boolean; format: string },
        cmd: Command,
      ) => {
        const { auditRevision, auditAll, auditJson, loadRevision, loadExplanations } =
          await import('../../service/hts.js');
        const { DEFAULT_LEDGER_DIR } = await import('../../service/context.js');
        const format = formatOf(opts.format, ['table', 'json']);
        const ctx = await contextFor(cmd);
        const explanations = loadExplanations(globalsOf(cmd).ledger ?? DEFAULT_LEDGER_DIR);
        const origin = opts.origin.toUpperCase();
        if (opts.all) {
          const bar = progressBar('auditing revisions');
          const t0 = Date.now();
          const rows = await auditAll(ctx, { origin, explanations }, bar.update).finally(() => bar.stop());
          if (format === 'json') return print(JSON.stringify(rows, null, 2) + '\n');
          for (const r of rows)
            print(
              `${r.revision.padEnd(12)} ${r.date}  headings ${String(r.headings_reaching).padStart(3)}: ${r.modelled} modelled, ${r.unmodelled} unmodelled, ${r.rate_mismatch} rate mismatch, ${r.explained} explained; lines ${r.lines_checked}: ${r.mismatches} mismatches, ${usd(r.value_at_stake_usd)} (${pct(r.value_share)}); parse errors ${r.parse_errors}\n`,
            );
          print(
            `${rows.length} revisions audited for origin ${origin} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
          );
          return;
        }
        const rev = await loadRevision(ctx, opts.revision, opts.date);
        const a = await auditRevision(ctx, rev, { origin, explanations });
        // exactly the layout of issue 19 (the same as GET /api/hts/audit)
        if (format === 'json') return print(JSON.stringify(auditJson(a), null, 2) + '\n');
        const reaching = a.headings.filter((h) => h.status !== 'not_applicable');
        const count = (s: string) => reaching.filter((h) => h.status === s).length;
        print(
          `HTS ${a.revision} on ${a.date}, goods of ${a.origin}: ${reaching.length} Chapter 99 headings reach them — ${count('modelled')} modelled, ${count('unmodelled')} unmodelled, ${count('rate_mismatch')} rate mismatch, ${count('explained')} explained; parse errors ${a.parse_errors}\n\n`,
        );
        const open = reaching.filter((h) => h.status !== 'modelled');
        if (open.length) {
          const rows: Row[] = open.map((h) => ({
            heading: h.heading,
            status: h.status,
            rate: h.rate,
            ledger: h.ledger_ids.join(' '),
            reason: h.reason ?? '',
            text: h.text,
          }));
          print(render(rows, 'table'));
        }
        const m = a.membership;
        print(
          `\nMembership: ${m.lines_checked} lines checked, ${m.mismatches.length} mismatches (${m.explained_lines} explained), ${usd(m.value_at_stake_usd)} of 2024 imports at stake (${pct(m.value_share)})\n`,
        );
        if (m.mismatches.length) {
          const rows: Row[] = m.mismatches.slice(0, 25).map((x) => ({
            line: x.line,
            value_usd: x.value_usd,
            hts_headings: x.hts_headings.join(' '),
            ledger: x.ledger_ids.join(' '),
          }));
          print(`\n${render(rows, 'table')}`);
          if (m.mismatches.length > 25) print(`… ${m.mismatches.length - 25} more: --format json\n`);
        }
      },
    );

  hts
    .command('diff')
    .description('headings and lines added, removed or changed between two HTS revisions, in words')
    .argument('<a>', 'the earlier revision (2026_rev_9) or a USITC JSON export FILE.json')
    .argument('<b>', 'the later revision (2026_rev_10) or a USITC JSON export FILE.json')
    .option('--lines', 'list every line change (the table shows headings and up to 40 line changes)')
    .addOption(new Option('--format <format>', 'table | json').choices(['table', 'json']).default('table'))
    .action(async (a: string, b: string, opts: { format: string; lines?: boolean }, cmd: Command) => {
      const { loadRevision, diffRevisions } = await import('../../service/hts.js');
      const format = formatOf(opts.format, ['table', 'json']);
      const ctx = await contextFor(cmd);
      const d = diffRevisions(await loadRevision(ctx, a), await loadRevision(ctx, b));
      if (format === 'json') return print(JSON.stringify(d, null, 2) + '\n');
      const n = (c: { added: number; removed: number; changed: number }) =>
        `${c.added} added, ${c.removed} removed, ${c.changed} changed`;
      print(
        `HTS ${d.from.revision} (${d.from.date}) → ${d.to.revision} (${d.to.date}): headings ${n(d.headings)}; lines ${n(d.lines)}\n`,
      );
      const hs = d.changes.filter((c) => c.kind === 'heading');
      const ls = d.changes.filter((c) => c.kind === 'line');
      if (hs.length) print(`\nChapter 99 headings:\n${hs.map((c) => `  ${c.text}`).join('\n')}\n`);
      if (ls.length) {
        const shown = opts.lines ? ls : ls.slice(0, 40);
        print(`\nLines:\n${shown.map((c) => `  ${c.text}`).join('\n')}\n`);
        if (shown.length < ls.length) print(`  … ${ls.length - shown.length} more: --lines or --format json\n`);
      }
      if (d.changes.length === 0) print('No change.\n');
    });
}
