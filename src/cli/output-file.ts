// Writing a command's result to --out FILE: first to a temporary file beside it, then renamed over FILE, so an
// interrupted or failed run (even kill -9) never leaves a partial file under FILE. The temporary file is named
// .FILE.tradewar-<pid>-<random>.tmp; a later run removes those whose process is gone.
// FILE may be new, a regular file, or a symbolic link to a regular file (written through: the link stays and
// its target is replaced). Anything else (a folder, a device such as /dev/full, a pipe) is refused before the
// work starts, with a one-line message (exit 2); so are folders that do not exist or cannot be written.
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, lstatSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserInputError } from '../util/errors.js';
import { fsFailure } from '../util/fs-errors.js';
import { removeStaleTemporaries } from '../util/stale-temp.js';
import { echo } from '../service/inputs.js';

/** Temporary files of this module: .NAME.tradewar-<pid>-<hex>.tmp (and DuckDB's .sorted beside it). */
const STALE_OUTPUT = /^\..+\.tradewar-(\d+)-[0-9a-f]+\.tmp(?:\.sorted)?$/;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device, not a regular file';
  if (st.isFIFO()) return 'a named pipe, not a regular file';
  if (st.isSocket()) return 'a socket, not a regular file';
  return 'not a regular file';
}

function statOrUndefined(path: string, link: boolean): Stats | undefined {
  try {
    return link ? lstatSync(path) : statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * The file an --out path will replace: the path itself, or the regular file a symbolic link points to.
 * Refuses (UserInputError, exit 2) a path that exists and is not a regular file, a dangling link, and a
 * folder that is missing or cannot be written. Call it before the work starts.
 */
export function checkOutputPath(file: string, field = 'out'): string {
  const fail = (why: string): never => {
    throw new UserInputError(`cannot write --${field} ${echo(file)}: ${why}`, field);
  };
  let path = resolve(file);
  try {
    const dir = statOrUndefined(dirname(path), false);
    if (!dir) fail('the folder does not exist');
    if (!dir!.isDirectory()) fail('a part of the path is not a folder');
    let st = statOrUndefined(path, true);
    const link = st?.isSymbolicLink();
    if (link) {
      const target = statOrUndefined(path, false);
      if (!target) fail('it is a symbolic link to a file that does not exist');
      path = realpathSync(path);
      st = target;
    }
    if (st && !st.isFile()) fail(link ? `it links to ${echo(path)}, ${kindOf(st)}` : `it is ${kindOf(st)}`);
    accessSync(dirname(path), constants.W_OK);
  } catch (err) {
    if (err instanceof UserInputError) throw err;
    fail(fsFailure(err) ?? String(err));
  }
  return path;
}

/**
 * Writes through a temporary file beside the target (see checkOutputPath), then renames it over the target.
 * `write` receives the temporary path (text outputs: writeFileSync; Parquet, CSV and JSON from DuckDB: COPY).
 * A file-system failure while writing (disk full, read-only) is a one-line UserInputError naming the path;
 * any other error of `write` is passed on as it is.
 */
export async function writeOutputAtomically<T>(
  file: string,
  write: (tmpPath: string) => Promise<T> | T,
  field = 'out',
): Promise<T> {
  const path = checkOutputPath(file, field);
  removeStaleTemporaries(dirname(path), STALE_OUTPUT);
  const tmp = join(dirname(path), `.${basename(path)}.tradewar-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const cleanup = () => rmSync(tmp, { force: true });
  process.once('exit', cleanup); // an interrupted run leaves no temporary file either (kill -9: the next run)
  try {
    const result = await write(tmp);
    const existing = statOrUndefined(path, false);
    if (existing) chmodSync(tmp, existing.mode & 0o7777); // a replaced file keeps its permissions
    renameSync(tmp, path);
    return result;
  } catch (err) {
    cleanup();
    const why = err instanceof UserInputError ? undefined : fsFailure(err);
    if (why === undefined) throw err;
    throw new UserInputError(`cannot write --${field} ${echo(file)}: ${why}`, field);
  } finally {
    process.removeListener('exit', cleanup);
  }
}

export async function writeTextOutput(file: string, text: string, field = 'out'): Promise<void> {
  await writeOutputAtomically(file, (tmp) => writeFileSync(tmp, text), field);
}
