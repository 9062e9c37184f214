// The entry-file batch as a service: checks the request, resolves the importer and the countries an entry may
// name, and runs src/entries over the context's rules (same code for the command line and the API).
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { TradewarContext } from './context.js';
import { countryName, parseChoice, parseImporter } from './inputs.js';
import { runEntries, type EntriesSummary, type OutputFormat } from '../entries/run.js';
import { DEFAULT_WINDOW } from '../engine/panel.js';
import { UserInputError } from '../util/errors.js';

export type { EntriesSummary, OutputFormat };

export interface EntriesInput {
  file: string;
  out: string;
  format?: string;
  dest?: string;
  strict?: boolean;
  cacheDir?: string;
  listRejected?: number;
  onProgress?: (phase: 'panel' | 'entries', done: number, total: number) => void;
}

let isoCodes: string[] | undefined;

/** Every ISO 3166 alpha-2 code an entry may name: the shipped country table plus every assigned region code. */
export function originCodes(ctx: TradewarContext): string[] {
  if (!isoCodes) {
    const all = new Set(ctx.data.countries.keys());
    for (let a = 65; a <= 90; a++)
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        if (countryName(code) !== undefined) all.add(code);
      }
    isoCodes = [...all].filter((c) => /^[A-Z]{2}$/.test(c)).sort();
  }
  return isoCodes;
}

export async function entriesQuery(ctx: TradewarContext, input: EntriesInput): Promise<EntriesSummary> {
  const dest = parseImporter(input.dest ?? 'US', 'dest', ctx.data);
  const format = parseChoice<OutputFormat>(input.format, 'format', ['csv', 'parquet', 'json'], 'csv');
  if (!existsSync(dirname(resolve(input.out))))
    throw new UserInputError(`the folder of --out ${input.out} does not exist: create it first`, 'out');
  return runEntries({
    file: input.file,
    out: input.out,
    format,
    importer: dest,
    rules: () => ctx.rules(dest),
    ledger: ctx.ledger,
    dataDir: ctx.data.dir,
    origins: originCodes(ctx),
    window: DEFAULT_WINDOW,
    strict: input.strict,
    cacheDir: input.cacheDir,
    listRejected: input.listRejected,
    onProgress: input.onProgress,
  });
}
