// `tradewar scenario list|show|compare`, `tradewar changes`, `tradewar refund`.
import type { Command } from 'commander';
import { contextFor, formatOf, print } from '../options.js';
import { render, toTable, type Row } from '../format.js';
import { progressBar } from '../progress.js';

/** The scenario service, loaded when a command runs (it pulls in the YAML parser and the schemas). */
const scenarios = () => import('../../service/scenarios.js');

export function registerScenarioCommands(program: Command): void {
  const scenario = program.command('scenario').description('scenario overlays on the baseline ledger');
  scenario
    .command('list')
    .description('the shipped scenarios')
    .option('--format <format>', 'table | csv | json', 'table')
    .action(async (opts) => {
      const format = formatOf(opts.format);
      const list = await (await scenarios()).listScenarios();
      if (format === 'json') print(JSON.stringify(list, null, 2) + '\n');
      else
        print(
          render(
            list.map((s) => ({ name: s.name, title: s.title, operations: s.operations.length })),
            format,
          ),
        );
    });
  scenario
    .command('show')
    .description('a scenario: what it assumes and each operation in words')
    .argument('<name>', 'scenario name or path to an overlay YAML')
    .option('--format <format>', 'table | json', 'table')
    .action(async (name: string, opts, cmd: Command) => {
      const { showScenario, contextForScenario } = await scenarios();
      const s = showScenario(name);
      await contextForScenario(await contextFor(cmd), name); // validates the overlay against the ledger
      if (formatOf(opts.format, ['table', 'json']) === 'json') return print(JSON.stringify(s, null, 2) + '\n');
      print(
        [
          `${s.name}: ${s.title}`,
          '',
          s.description,
          '',
          ...(s.assumptions.length ? ['Assumptions:', ...s.assumptions.map((a) => `  - ${a}`), ''] : []),
          'Operations:',
          ...(s.operations.length
            ? s.operations.map((o, i) => `  ${i + 1}. ${o}`)
            : ['  (none: this is the baseline ledger as it stands)']),
          '',
          'Sources:',
          ...s.sources.map((u) => `  ${u}`),
        ].join('\n') + '\n',
      );
    });
  scenario
    .command('compare')
    .description('averages of two scenarios both ways at given dates, their difference, and by HS section')
    .argument('<a>', 'first scenario (or baseline)')
    .argument('<b>', 'second scenario (or baseline)')
    .requiredOption('--at <dates>', 'comma-separated dates, YYYY-MM-DD')
    .option('--weights <name>', '2017 | 2024 | world', '2017')
    .option('--by-section', 'also print the difference by HS section')
    .option('--format <format>', 'table | csv | json', 'table')
    .action(async (a: string, b: string, opts, cmd: Command) => {
      const format = formatOf(opts.format);
      const ctx = await contextFor(cmd);
      const bar = progressBar('compare');
      const cmp = await (
        await scenarios()
      ).compareScenarios(ctx, { a, b, at: opts.at, weights: opts.weights }, undefined, bar.update);
      bar.stop();
      if (format === 'json') return print(JSON.stringify(cmp, null, 2) + '\n');
      const rows: Row[] = cmp.rows.map((r) => ({
        date: r.date,
        direction: `${r.importer} on ${r.exporter}`,
        [`${a}_pct`]: r.a_pct,
        [`${b}_pct`]: r.b_pct,
        diff_pp: r.diff_pp,
      }));
      print(render(rows, format));
      if (opts.bySection) {
        const sec = cmp.by_section
          .filter((r) => Math.abs(r.diff_pp) > 0 || format === 'csv')
          .map((r) => ({
            date: r.date,
            direction: `${r.importer} on ${r.exporter}`,
            section: r.section,
            title: r.title,
            [`${a}_pct`]: r.a_pct,
            [`${b}_pct`]: r.b_pct,
            diff_pp: r.diff_pp,
          }));
        print((format === 'table' ? '\nBy HS section\n' : '') + render(sec, format));
      }
    });

  program
    .command('changes')
    .description('what changed since a date, or what is scheduled next (overall or for one product)')
    .option('--since <date>', 'list changes from this date to today')
    .option('--upcoming', 'list scheduled changes after today')
    .option(
      '--product <code>',
      "only changes to this product's duty stack (a shorter code: to the stack of any line under it)",
    )
    .option('--dest <iso2>', 'importer for --product (US or CN)', 'US')
    .option('--origin <iso2>', 'origin for --product')
    .option('--today <date>', 'reference date instead of today')
    .option('--format <format>', 'table | csv | json', 'table')
    .action(async (opts, cmd: Command) => {
      const { changesAnswer } = await import('../../service/changes.js');
      const format = formatOf(opts.format);
      const ctx = await contextFor(cmd);
      const { entries, note, product } = changesAnswer(ctx, opts);
      if (format === 'json') return print(JSON.stringify(entries, null, 2) + '\n');
      const lines = (e: (typeof entries)[number]) =>
        format === 'csv' ? e.lines!.join(' ') : `${e.lines!.length} of ${product!.lines.length}`;
      print(
        (note && format === 'table' ? `${note}.\n\n` : '') +
          render(
            entries.map((e) => ({
              date: e.date,
              side: e.side,
              kind: e.kind,
              record: e.record,
              ...(e.lines ? { lines: lines(e) } : {}),
              detail: e.detail || e.title,
              source: e.sources[0],
            })),
            format,
          ),
      );
    });

  program
    .command('refund')
    .description('IEEPA duty paid on a product over a period that the Supreme Court ruling puts in question')
    .requiredOption(
      '--product <code>',
      'US HTS code: a national line, or a shorter code (each line under it, as if the whole value were entered under it)',
    )
    .requiredOption('--origin <iso2>', 'country of origin (e.g. CN)')
    .requiredOption('--from <date>', 'first entry date, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last entry date, YYYY-MM-DD')
    .requiredOption('--value <usd>', 'customs value entered over the period, USD')
    .option('--dest <iso2>', 'importer', 'US')
    .option('--liquidation <date>', 'liquidation date of the entries, YYYY-MM-DD (none: unliquidated)')
    .option('--at <date>', 'the date the refund path (CAPE, protest, court) is judged at (default today)')
    .option('--format <format>', 'table | json', 'table')
    .action(async (opts, cmd: Command) => {
      const { refundQuery } = await import('../../service/refund.js');
      const ctx = await contextFor(cmd);
      const r = refundQuery(ctx, opts);
      if (formatOf(opts.format, ['table', 'json']) === 'json') return print(JSON.stringify(r, null, 2) + '\n');
      const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
      const expanded = r.lines
        ? `${r.notes![0]}.\n\n` +
          toTable(
            r.lines.map((l) => ({
              line: l.code,
              refundable_usd: l.refundable_usd,
              assessed_usd: l.assessed_total_usd,
              owed_usd: l.owed_total_usd,
              description: l.description ?? '',
            })),
            undefined,
            80,
          ) +
          '\n'
        : '';
      print(
        expanded +
          `${r.product} from ${r.origin}, ${r.from} to ${r.to}, ${usd.format(r.value_usd)} entered over ${r.days} days\n\n` +
          toTable(
            r.periods.map((p) => ({
              from: p.from,
              until: p.until,
              days: p.days,
              value_usd: p.value_usd,
              struck_down_pct: p.struck_down_pct,
              measures: p.measures.join(' '),
              refundable_usd: p.refundable_usd,
            })),
          ) +
          `\nDuty assessed: ${usd.format(r.assessed_total_usd)}; owed after rulings: ${usd.format(r.owed_total_usd)}\nRefund in question: ${usd.format(r.refundable_usd)}\n` +
          `Refund path on ${r.refund_path.as_of}: ${r.refund_path.path} (${r.refund_path.explanation})\n` +
          r.assumptions.map((a) => `Assumes ${a}.`).join('\n') +
          '\n',
      );
    });
}
