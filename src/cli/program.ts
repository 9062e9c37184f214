// The `tradewar` command line program (see main.ts for the entry point). Exit codes: 0 ok, 1 runtime error, 2 bad input (with a one-line message).
import { Command, CommanderError, Option } from 'commander';
import { UserInputError } from '../util/errors.js';
import { clipMessage } from '../util/clip.js';
import { registerQueryCommands } from './commands/queries.js';
import { registerLedgerCommands } from './commands/ledger.js';
import { registerStartCommand } from './commands/start.js';
import { registerScenarioCommands } from './commands/scenario.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSearchCommands } from './commands/search.js';
import { addExamples } from './examples.js';
import { registerCommitmentsCommands } from './commands/commitments.js';
import { registerNewsCommands } from './commands/news.js';
import { registerControlsCommands } from './commands/controls.js';
import { registerImpactCommands } from './commands/impact.js';
import { registerEntriesCommands } from './commands/entries.js';
import { registerHtsCommands } from './commands/hts.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('tradewar')
    .description('US–China trade conflict as dated, sourced data: duty stacks, averages, events, scenarios')
    .version('0.1.0')
    .addOption(new Option('--ledger <dir>', 'ledger folder (default: the project ledger/)'))
    .addOption(new Option('--data <dir>', 'shipped datasets folder (default: the project data/)'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerQueryCommands(program);
  registerLedgerCommands(program);
  registerStartCommand(program);
  registerScenarioCommands(program);
  registerServeCommand(program);
  registerSearchCommands(program);
  registerCommitmentsCommands(program);
  registerNewsCommands(program);
  registerControlsCommands(program);
  registerImpactCommands(program);
  registerEntriesCommands(program);
  registerHtsCommands(program);
  addExamples(program); // after every command is registered
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.configureOutput({ writeErr: (s) => process.stderr.write(clipMessage(s)) });
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return 0;
      return 2;
    }
    if (err instanceof UserInputError) {
      process.stderr.write(`tradewar: ${clipMessage(err.message)}\n`);
      return 2;
    }
    process.stderr.write(`tradewar: internal error: ${clipMessage((err as Error).message ?? String(err))}\n`);
    if (process.env.TRADEWAR_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 1;
  }
}
