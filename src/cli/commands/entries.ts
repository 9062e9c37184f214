// `tradewar entries FILE`: the duty stack, owed duty and refund of every line of an entry file (CSV, Parquet
// or JSON), written as CSV, Parquet or JSON, with a summary (totals by layer, refunds due, rejected rows).
import type { Command } from 'commander';
import { createReadStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contextFor, print } from '../options.js';
import { toTable } from '../format.js';
import { progressBar } from '../progress.js';
import type { EntriesSummary } from '../../service/entries.js';
import { parseChoice } from '../../service/inputs.js';
import { UserInputError } from '../../util/errors.js';
import { makeWorkFolder } from '../../util/work-folder.js';
import { checkOutputPath, writeOutputAtomically } from '../output-file.js';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function summaryText(s: EntriesSummary, shown = 20): string {
  const t = s.totals;
  const lines = [
    `${s.file}: ${s.rows.toLocaleString('en-US')} rows — ${s.accepted.toLocaleString('en-US')} priced, ${s.rejected.toLocaleString('en-US')} rejected` +
      (s.first_entry_date ? `; entry dates ${s.first_entry_date} to ${s.last_entry_date}` : ''),
    `Customs value ${usd.format(t.value_usd)}; duty (statutory) ${usd.format(t.duty_statutory_usd)}, expected ${usd.format(t.duty_expected_usd)}` +
      (s.expected_equals_statutory ? ' (expected = statutory until the engine prices expected rates)' : ''),
    `Owed after court rulings ${usd.format(t.duty_owed_usd)}; struck-down duty (refundable) ${usd.format(t.refundable_usd)}`,
    s.with_duty_paid > 0
      ? `Duty paid on ${s.with_duty_paid.toLocaleString('en-US')} lines ${usd.format(t.duty_paid_usd)}; refund due ${usd.format(t.refund_due_usd)}`
      : 'No duty paid given: no refund due computed (add a "Duty Paid" column)',
    ...(s.by_refund_path.length > 0
      ? [
          `Refund paths on ${s.refund_as_of} (from the liquidation date; none given = unliquidated): ` +
            s.by_refund_path
              .map((p) => `${p.path} ${p.lines.toLocaleString('en-US')} lines, ${usd.format(p.refundable_usd)}`)
              .join('; '),
        ]
      : []),
    '',
    'By layer:',
    toTable(
      s.by_layer.map((l) => ({
        layer: l.measure,
        authority: l.authority,
        owed: l.owed ? 'yes' : 'no (struck down)',
        lines: l.lines,
        duty_statutory_usd: l.duty_statutory_usd,
        duty_expected_usd: l.duty_expected_usd,
        refundable_usd: l.refundable_usd,
      })),
    ).trimEnd(),
  ];
  if (s.rejected > 0) {
    lines.push('', `Rejected rows (${Math.min(shown, s.rejected)} of ${s.rejected.toLocaleString('en-US')} shown):`);
    for (const r of s.rejected_rows.slice(0, shown)) lines.push(`  row ${r.row}: ${r.reason}`);
  }
  lines.push(
    '',
    `Panel ${s.panel.key} (${s.panel.interval_rows.toLocaleString('en-US')} intervals) ${s.panel.cached ? 'read from the cache' : 'built and cached'}: ${s.panel.dir}`,
  );
  return lines.join('\n') + '\n';
}

export function registerEntriesCommands(program: Command): void {
  program
    .command('entries')
    .description(
      'duty stack, duty owed after court rulings and refund due of every line of an entry file (ACE export or broker sheet)',
    )
    .argument('<file>', 'entry file: .csv (any delimiter), .parquet or .json; one row per entry line')
    .option('--out <file>', 'write the priced lines here (default: standard output; required for parquet)')
    .option('--format <format>', 'csv | parquet | json', 'csv')
    .option('--strict', 'stop at the first bad row (exit 2) instead of reporting it and pricing the rest')
    .option('--dest <iso2>', 'importing country whose tariff applies', 'US')
    .option('--at <date>', "the date each line's refund path (cape, protest, court) is judged at (default today)")
    .option('--summary <format>', 'summary as table | json (stdout with --out, else stderr)', 'table')
    .addHelpText(
      'after',
      `
Columns are matched by name, case-insensitively, with the usual aliases: entry date ("Entry Date"), HTS code
("HTS Number"), country of origin ("Country of Origin"), customs value ("Line Entered Value"); optional entry
number ("Entry Summary Number"), line number, quantity, duty paid ("Line Duty Amount"), liquidation date.
Every input row comes out, in file order, with status ok|rejected and the reason of a rejection; dollars are
exact cents, and a line of $10 trillion or more is rejected as a typo.`,
    )
    .action(async (file: string, opts, cmd: Command) => {
      const { entriesQuery } = await import('../../service/entries.js');
      const format = parseChoice(opts.format, 'format', ['csv', 'parquet', 'json'] as const, 'csv');
      const summaryFormat = parseChoice(opts.summary, 'summary', ['table', 'json'] as const, 'table');
      if (format === 'parquet' && !opts.out) throw new UserInputError('--format parquet needs --out FILE', 'out');
      if (opts.out) checkOutputPath(opts.out); // before the work, not after
      const ctx = await contextFor(cmd);
      // --out: written beside the target and renamed over it (output-file.ts), so it is whole or absent
      const tmp = opts.out ? undefined : makeWorkFolder('entries-out');
      const bars = { panel: progressBar('panel'), entries: progressBar('entries') };
      const run = (out: string) =>
        entriesQuery(ctx, {
          file,
          out,
          format,
          dest: opts.dest,
          strict: Boolean(opts.strict),
          at: opts.at,
          onProgress: (phase, done, total) => {
            if (phase === 'entries') bars.panel.stop();
            bars[phase].update(done, total);
          },
        });
      try {
        const summary = opts.out
          ? { ...(await writeOutputAtomically(opts.out, run)), out: opts.out }
          : await run(join(tmp!, `lines.${format}`));
        bars.panel.stop();
        bars.entries.stop();
        const text = summaryFormat === 'json' ? JSON.stringify(summary, null, 2) + '\n' : summaryText(summary);
        if (opts.out) {
          print(text);
          process.stderr.write(`wrote ${summary.rows.toLocaleString('en-US')} lines to ${opts.out}\n`);
        } else {
          await pipeline(createReadStream(summary.out), process.stdout, { end: false });
          process.stderr.write(text);
        }
      } finally {
        bars.panel.stop();
        bars.entries.stop();
        if (tmp) rmSync(tmp, { recursive: true, force: true });
      }
    });
}
