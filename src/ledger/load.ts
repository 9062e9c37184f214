// Loads every ledger/**/*.yaml file, validates it against the zod schema and merges the records.
// All problems of all files are collected and reported together, each with file:line:column.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ledgerFileSchema, type LedgerFile } from './schema.js';
import { readYamlSource, zodIssues, type YamlSource } from './yaml-source.js';
import { emptyLedger, type Ledger } from './ledger.js';
import { LedgerError, type LedgerIssue } from '../util/errors.js';

export function listYamlFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    throw new LedgerError([{ file: dir, line: 1, column: 1, message: 'ledger folder not found (pass --ledger DIR)' }]);
  }
  const files: string[] = [];
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) files.push(...listYamlFiles(full));
    // hts-audit.yaml holds reviewed reasons for `tradewar hts audit` (src/service/hts.ts), not ledger records
    else if (/\.ya?ml$/.test(name) && name !== 'hts-audit.yaml') files.push(full);
  }
  return files;
}

export interface ParsedLedgerFile {
  source: YamlSource;
  content: LedgerFile;
}

export function parseLedgerFile(file: string, displayName: string): ParsedLedgerFile {
  const source = readYamlSource(file, displayName);
  const parsed = ledgerFileSchema.safeParse(source.data);
  if (!parsed.success) throw new LedgerError(zodIssues(source, parsed.error));
  return { source, content: parsed.data };
}

/** Merges parsed files into one ledger, recording the position of every record. */
export function mergeLedgerFiles(parsed: ParsedLedgerFile[]): Ledger {
  const ledger = emptyLedger();
  const issues: LedgerIssue[] = [];
  const seen = new Map<string, string>();
  for (const { source, content } of parsed) {
    ledger.files.push(source.file);
    const record = (section: string, index: number, recordId: string) => {
      const pos = source.positionOf([section, index, 'id']);
      const prior = seen.get(recordId);
      if (prior) issues.push({ ...pos, message: `duplicate id "${recordId}" (first defined at ${prior})` });
      else seen.set(recordId, `${pos.file}:${pos.line}:${pos.column}`);
      ledger.positions.set(recordId, pos);
      return pos;
    };
    const registerFieldPositions = (section: string, index: number, recordId: string, fields: string[]) => {
      for (const f of fields) ledger.positions.set(`${recordId}.${f}`, source.positionOf([section, index, f]));
    };
    (content.instruments ?? []).forEach((r, i) => {
      record('instruments', i, r.id);
      ledger.instruments.set(r.id, r);
    });
    (content.measures ?? []).forEach((r, i) => {
      record('measures', i, r.id);
      registerFieldPositions('measures', i, r.id, ['products', 'schedule', 'targets', 'base_table']);
      r.schedule.forEach((_, j) =>
        ledger.positions.set(`${r.id}.schedule.${j}`, source.positionOf(['measures', i, 'schedule', j])),
      );
      (r.products?.include ?? []).forEach((_, j) =>
        ledger.positions.set(`${r.id}.products.include.${j}`, source.positionOf(['measures', i, 'products', 'include', j])),
      );
      (r.products?.exclude ?? []).forEach((_, j) =>
        ledger.positions.set(`${r.id}.products.exclude.${j}`, source.positionOf(['measures', i, 'products', 'exclude', j])),
      );
      ledger.measures.push(r);
    });
    (content.suspensions ?? []).forEach((r, i) => {
      record('suspensions', i, r.id);
      registerFieldPositions('suspensions', i, r.id, ['measures', 'periods', 'products']);
      ledger.suspensions.push(r);
    });
    (content.stacking ?? []).forEach((r, i) => {
      record('stacking', i, r.id);
      registerFieldPositions('stacking', i, r.id, ['when', 'excludes']);
      ledger.stacking.push(r);
    });
    (content.exclusive_lists ?? []).forEach((r, i) => {
      record('exclusive_lists', i, r.id);
      registerFieldPositions('exclusive_lists', i, r.id, ['lists']);
      ledger.exclusiveLists.push(r);
    });
    (content.events ?? []).forEach((r, i) => {
      record('events', i, r.id);
      registerFieldPositions('events', i, r.id, ['related']);
      ledger.events.push(r);
    });
    ledger.unmodelled.push(...(content.unmodelled ?? []));
    (content.groups ?? []).forEach((r, i) => {
      record('groups', i, r.id);
      ledger.groups.push(r);
    });
    (content.commitments ?? []).forEach((r, i) => {
      record('commitments', i, r.id);
      ledger.commitments.push(r);
    });
  }
  if (issues.length) throw new LedgerError(issues);
  return ledger;
}

/** Reads and validates every YAML file under `dir` (schema only; see checkLedger for cross-checks). */
export function loadLedger(dir: string, cwd = process.cwd()): Ledger {
  const files = listYamlFiles(dir);
  const issues: LedgerIssue[] = [];
  const parsed: ParsedLedgerFile[] = [];
  for (const file of files) {
    try {
      parsed.push(parseLedgerFile(file, relative(cwd, file) || file));
    } catch (err) {
      if (err instanceof LedgerError) issues.push(...err.issues);
      else throw err;
    }
  }
  if (issues.length) throw new LedgerError(issues);
  return mergeLedgerFiles(parsed);
}
