// `tradewar ledger check`: schema, cross-checks, and coverage of the reference table of measures.
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { LedgerError, UserInputError } from '../../util/errors.js';
import { formatOf, globalsOf, print } from '../options.js';
import { render } from '../format.js';
import { projectPath } from '../../util/paths.js';

function referenceFile(opt?: string): string {
  return opt ?? projectPath('..', 'shared', 'reference', 'us-china-measures-2018-2026.md');
}

export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('work with the measures ledger');
  ledger
    .command('coverage')
    .description(
      'which ledger records represent each row of the reference table of measures (or why none does); with --sources, the instruments whose url is not a primary government text',
    )
    .option('--reference <file>', 'reference table of measures (markdown)')
    .option('--sources', 'list the instruments without a primary text (id, side, file:line, current url, note)')
    .option('--format <format>', 'table | csv | json', 'table')
    .action(async (opts, cmd: Command) => {
      const format = formatOf(opts.format);
      if (opts.sources) {
        const { loadLedger } = await import('../../ledger/load.js');
        const { DEFAULT_LEDGER_DIR } = await import('../../service/context.js');
        const { instrumentsWithoutPrimary } = await import('../../service/ledger-sources.js');
        const rows = instrumentsWithoutPrimary(loadLedger(globalsOf(cmd).ledger ?? DEFAULT_LEDGER_DIR));
        print(
          format === 'json'
            ? JSON.stringify(rows, null, 2) + '\n'
            : render(rows, format, ['id', 'side', 'file', 'url', 'note']),
        );
        return;
      }
      const { referenceCoverage } = await import('../../ledger/coverage.js');
      const file = referenceFile(opts.reference);
      if (!existsSync(file))
        throw new UserInputError(`reference file ${file} not found: pass --reference FILE`, 'reference');
      const { loadLedger } = await import('../../ledger/load.js');
      const { DEFAULT_LEDGER_DIR } = await import('../../service/context.js');
      const l = loadLedger(globalsOf(cmd).ledger ?? DEFAULT_LEDGER_DIR);
      const cov = referenceCoverage(l, readFileSync(file, 'utf8'));
      const rows = [
        ...cov.modelled.map((m) => ({ reference_id: m.reference_id, records: m.records.join(' '), reason: '' })),
        ...cov.unmodelled.map((u) => ({ reference_id: u.reference_id, records: '', reason: u.reason })),
        ...cov.missing.map((id) => ({ reference_id: id, records: '', reason: 'MISSING: not represented' })),
      ].sort((a, b) => a.reference_id.localeCompare(b.reference_id));
      print(format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : render(rows, format));
    });
  ledger
    .command('check')
    .description(
      'validate every ledger file (schema, ids, lists, dates, sources: an instrument resting only on a code repository fails), report the share of instruments citing a primary government text and reference coverage',
    )
    .option('--reference <file>', 'reference table of measures (markdown) to check coverage against')
    .action(async (opts, cmd: Command) => {
      const { checkLedger } = await import('../../ledger/check.js');
      const { referenceCoverage } = await import('../../ledger/coverage.js');
      const g = globalsOf(cmd);
      // loaded when the command runs: --help does not need the schema, the YAML parser or DuckDB
      const { loadLedger } = await import('../../ledger/load.js');
      const { loadDatasets } = await import('../../datasets/datasets.js');
      const { checkContextOf, DEFAULT_DATA_DIR, DEFAULT_LEDGER_DIR } = await import('../../service/context.js');
      const data = await loadDatasets(g.data ?? DEFAULT_DATA_DIR);
      const l = loadLedger(g.ledger ?? DEFAULT_LEDGER_DIR);
      const issues = checkLedger(l, checkContextOf(data));
      if (issues.length) throw new LedgerError(issues);
      const counts = {
        files: l.files.length,
        instruments: l.instruments.size,
        measures: l.measures.length,
        suspensions: l.suspensions.length,
        stacking_rules: l.stacking.length,
        events: l.events.length,
      };
      print(
        `ledger ok: ${Object.entries(counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}\n`,
      );
      const { ledgerPrimaryShare } = await import('../../service/ledger-sources.js');
      const { formatPrimaryShare } = await import('../../ledger/primary-sources.js');
      print(`${formatPrimaryShare(ledgerPrimaryShare(l))} (ledger coverage --sources lists the others)\n`);
      const refFile = referenceFile(opts.reference);
      if (existsSync(refFile)) {
        const cov = referenceCoverage(l, readFileSync(refFile, 'utf8'));
        print(
          `reference rows: ${cov.total}; modelled ${cov.modelled.length}; not modelled (with reason) ${cov.unmodelled.length}; missing ${cov.missing.length}\n`,
        );
        if (cov.missing.length) {
          throw new LedgerError(
            cov.missing.map((id) => ({
              file: refFile,
              line: 1,
              column: 1,
              message: `reference row ${id} is neither in a record's reference_ids nor under unmodelled:`,
            })),
          );
        }
      } else if (opts.reference) {
        throw new LedgerError([{ file: refFile, line: 1, column: 1, message: 'reference file not found' }]);
      }
    });
}
