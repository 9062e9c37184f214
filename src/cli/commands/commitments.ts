// `tradewar commitments`: purchase commitments (Phase One, Busan soybeans) — target, actual, share met.
import { Command, Option } from 'commander';
import { formatOf, globalsOf, print } from '../options.js';
import { render } from '../format.js';
import { progressBar } from '../progress.js';

export function registerCommitmentsCommands(program: Command): void {
  program
    .command('commitments')
    .description(
      'purchase commitments against US-reported exports to China: target, actual, share met by category and year (months in csv/json)',
    )
    .addOption(new Option('--name <name>', 'commitment id in the ledger: phase-one | busan-soybeans (default: all)'))
    .option(
      '--actuals <file...>',
      'newer trade data in an official layout: Census monthly exports (CSV or the API JSON) or USDA FAS export sales CSV',
    )
    .option('--format <format>', 'table | csv | json', 'table')
    .action(async (opts: { name?: string; actuals?: string[]; format?: string }, cmd: Command) => {
      const { DEFAULT_DATA_DIR, DEFAULT_LEDGER_DIR } = await import('../../service/context.js');
      const [{ loadLedger }, { commitmentReports, commitmentRows }] = await Promise.all([
        import('../../ledger/load.js'),
        import('../../commitments/commitments.js'),
      ]);
      const format = formatOf(opts.format);
      const g = globalsOf(cmd);
      const ledger = loadLedger(g.ledger ?? DEFAULT_LEDGER_DIR);
      const bar = progressBar('commitments');
      const reports = await commitmentReports(ledger, g.data ?? DEFAULT_DATA_DIR, {
        name: opts.name,
        actualsFiles: opts.actuals,
        onProgress: bar.update,
      }).finally(() => bar.stop());
      if (format === 'json') {
        print(JSON.stringify(opts.name ? reports[0] : reports, null, 2) + '\n');
        return;
      }
      const rows = commitmentRows(reports, { months: format === 'csv' });
      print(render(rows, format));
      if (format === 'table') {
        for (const r of reports) {
          print(`\n${r.name}: data until ${r.data_until ?? 'n/a'}; data used:\n`);
          for (const d of r.data_used) print(`  - ${d.label} (${d.periods})\n`);
          for (const c of r.categories.filter((k) => k.data_gap)) print(`  ${c.category}: ${c.data_gap}\n`);
        }
        print('\nmonthly rows: --format csv or json\n');
      }
    });
}
