// Finds and reads scenario files: a name from scenarios/ or a path to the user's own overlay.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readYamlSource, zodIssues } from '../ledger/yaml-source.js';
import { scenarioFileSchema } from './schema.js';
import type { LoadedScenario } from './overlay.js';
import { LedgerError, UserInputError } from '../util/errors.js';

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

export function loadScenarioFile(file: string): LoadedScenario {
  const shown = relative(process.cwd(), file) || file;
  const source = readYamlSource(file, shown.startsWith('..') ? file : shown);
  const parsed = scenarioFileSchema.safeParse(source.data);
  if (!parsed.success) throw new LedgerError(zodIssues(source, parsed.error));
  return { scenario: parsed.data, source };
}
