// Parses a YAML file while keeping source positions, so that schema and cross-check errors can point at
// file:line:column of the offending node.
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, visit, type Document } from 'yaml';
import type { ZodError } from 'zod';
import { LedgerError, type LedgerIssue, type SourcePosition } from '../util/errors.js';

export type YamlPath = ReadonlyArray<string | number>;

export interface YamlSource {
  file: string;
  data: unknown;
  /** Position of the node at `path`, or of its nearest existing ancestor. */
  positionOf(path: YamlPath): SourcePosition;
}

/** Largest ledger or scenario file read (the whole ledger is ~0.5 MB; a larger file is a mistake or an attack). */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;
/** Most aliases (*name) expanded in one file: enough for shared scopes, far too few for an alias bomb. */
export const MAX_YAML_ALIASES = 100;

export function readYamlSource(file: string, displayName = file): YamlSource {
  let text: string;
  try {
    const bytes = statSync(file).size;
    if (bytes > MAX_YAML_BYTES)
      throw new LedgerError([
        {
          file: displayName,
          line: 1,
          column: 1,
          message: `file is ${(bytes / 1024 / 1024).toFixed(1)} MB: at most ${MAX_YAML_BYTES / 1024 / 1024} MB is read (split it, or check it is the right file)`,
        },
      ]);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof LedgerError) throw err;
    throw new LedgerError([{ file: displayName, line: 1, column: 1, message: `cannot read file: ${(err as Error).message}` }]);
  }
  return parseYamlSource(text, displayName);
}

export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues: LedgerIssue[] = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      const firstLine = e.message.split('\n')[0] ?? e.message;
      return { file, line: pos.line, column: pos.col, message: `YAML syntax: ${firstLine}` };
    });
    throw new LedgerError(issues);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
  } catch (err) {
    // the yaml library refuses alias expansion beyond maxAliasCount ("resource exhaustion"): point at the first alias
    let at = 0;
    visit(doc, {
      Alias(_key, node) {
        at = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const pos = lineCounter.linePos(at);
    throw new LedgerError([
      {
        file,
        line: pos.line,
        column: pos.col,
        message: `YAML aliases expand too far (${(err as Error).message.split('\n')[0]}): write the values out, or use fewer nested aliases (at most ${MAX_YAML_ALIASES})`,
      },
    ]);
  }
  const positionOf = (path: YamlPath): SourcePosition => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { file, line: pos.line, column: pos.col };
      }
    }
    return { file, line: 1, column: 1 };
  };
  return { file, data, positionOf };
}

/** Turns zod issues into positioned ledger issues. */
export function zodIssues(source: YamlSource, error: ZodError, prefix: YamlPath = []): LedgerIssue[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...(issue.path as Array<string | number>)];
    const where = path.length ? ` (at ${path.join('.')})` : '';
    return { ...source.positionOf(path), message: `${issue.message}${where}` };
  });
}
