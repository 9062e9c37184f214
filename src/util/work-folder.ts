// Scratch folders under the system's temporary folder (os.tmpdir(): TMPDIR), named tradewar-<use>-<pid>-XXXXXX
// so that the next run removes those of killed runs (stale-temp.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fsFailure, UnwritableFolderError } from './fs-errors.js';
import { removeStaleTemporaries } from './stale-temp.js';

const USES = ['entries', 'entries-out', 'upload'] as const;
export type WorkFolderUse = (typeof USES)[number];

const STALE = new RegExp(`^tradewar-(?:${USES.join('|')})-(\\d+)-[A-Za-z0-9]{6}$`);

/** A new scratch folder for `use`; leftovers of killed runs are removed first. */
export function makeWorkFolder(use: WorkFolderUse): string {
  const root = tmpdir();
  removeStaleTemporaries(root, STALE);
  try {
    return mkdtempSync(join(root, `tradewar-${use}-${process.pid}-`));
  } catch (err) {
    throw new UnwritableFolderError('the temporary folder', root, fsFailure(err) ?? String(err), 'TMPDIR');
  }
}
