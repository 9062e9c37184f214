// Shared option handling for commands: global folders, output format, the context.
import type { Command } from 'commander';
import type { TradewarContext } from '../service/context.js';
import { parseChoice } from '../service/inputs.js';
import type { OutputFormat } from './format.js';

export interface GlobalOptions {
  ledger?: string;
  data?: string;
  scenario?: string;
}

export function globalsOf(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

export async function contextFor(cmd: Command): Promise<TradewarContext> {
  const g = globalsOf(cmd);
  // loaded here, not at the top: the ledger's schema, YAML parser and DuckDB are not needed for --help
  const { openContext } = await import('../service/context.js');
  const { contextForScenario } = await import('../service/scenarios.js');
  const ctx = await openContext({ ledgerDir: g.ledger, dataDir: g.data });
  return contextForScenario(ctx, g.scenario);
}

export function formatOf(
  value: string | undefined,
  allowed: readonly OutputFormat[] = ['table', 'csv', 'json'],
): OutputFormat {
  return parseChoice<OutputFormat>(value, 'format', allowed, 'table');
}

export function print(text: string): void {
  process.stdout.write(text);
}
