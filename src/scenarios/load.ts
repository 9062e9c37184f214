// Finds and reads scenario files: a name from scenarios/ or a path to the user's own overlay.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readYamlSource, zodIssues } from '../ledger/yaml-source.js';
import { z } from 'zod';
import { operationSchema, scenarioFileSchema, type Operation } from './schema.js';
import type { LoadedScenario } from './overlay.js';
import { LedgerError, UserInputError, type LedgerIssue } from '../util/errors.js';

/** Most operations in one overlay (the shipped ones have under 30). */
export const MAX_OPERATIONS = 5_000;
/** Problems collected before the rest of an overlay is no longer checked. */
export const MAX_REPORTED_ISSUES = 50;

export function scenarioNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => f.replace(/\.ya?ml$/, ''))
    .sort();
}

export function resolveScenarioFile(nameOrPath: string, dir: string): string {
  const looksLikePath = /[\\/]/.test(nameOrPath) || /\.ya?ml$/.test(nameOrPath);
  if (looksLikePath) {
    const p = resolve(nameOrPath);
    if (!existsSync(p)) throw new UserInputError(`scenario file ${nameOrPath} not found`, 'scenario');
    return p;
  }
  for (const ext of ['.yaml', '.yml']) {
    const p = join(dir, nameOrPath + ext);
    if (existsSync(p)) return p;
  }
  throw new UserInputError(
    `unknown scenario "${nameOrPath}": choose one of ${['baseline', ...scenarioNames(dir)].join(', ')}, or pass a path to your own overlay (./my.yaml)`,
    'scenario',
  );
}

/**
 * Reads an overlay. Each operation is checked on its own, so one bad operation does not hide the problems
 * of the others: operations that fail the schema are reported with the reference problems of the rest
 * when the overlay is applied.
 */
export function loadScenarioFile(file: string): LoadedScenario {
  const shown = relative(process.cwd(), file) || file;
  const source = readYamlSource(file, shown.startsWith('..') ? file : shown);
  const head = scenarioFileSchema
    .extend({
      operations: z
        .array(z.unknown())
        .max(MAX_OPERATIONS, { message: `an overlay holds at most ${MAX_OPERATIONS} operations` }),
    })
    .safeParse(source.data);
  if (!head.success) throw new LedgerError(zodIssues(source, head.error));
  const operations: Operation[] = [];
  const opIndex: number[] = [];
  const issues: LedgerIssue[] = [];
  head.data.operations.forEach((raw, i) => {
    if (issues.length >= MAX_REPORTED_ISSUES) return; // the first problems are enough to act on
    const op = operationSchema.safeParse(raw);
    if (op.success) {
      operations.push(op.data);
      opIndex.push(i);
    } else issues.push(...zodIssues(source, op.error, ['operations', i]));
  });
  return { scenario: { ...head.data, operations }, source, opIndex, issues };
}
