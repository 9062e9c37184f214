// Writing a command's result to --out FILE: first to a temporary file beside it, then renamed over FILE, so an
// interrupted or failed run never leaves a complete-looking partial file. A path that cannot be written is a
// plain one-line error (exit 2), checked before the work starts.
import { accessSync, constants, existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserInputError } from '../util/errors.js';
import { echo } from '../service/inputs.js';

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'the folder does not exist';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return (err as Error).message;
  }
}

/** Refuses an --out path that cannot be written (missing or unwritable folder, a folder named like the file). */
export function checkOutputPath(file: string, field = 'out'): string {
  const path = resolve(file);
  const dir = dirname(path);
  const fail = (why: string) => {
    throw new UserInputError(`cannot write --${field} ${echo(file)}: ${why}`, field);
  };
  if (!existsSync(dir)) fail('the folder does not exist');
  if (!statSync(dir).isDirectory()) fail('a part of the path is not a folder');
  if (existsSync(path) && statSync(path).isDirectory()) fail('it is a folder');
  try {
    accessSync(dir, constants.W_OK);
  } catch (err) {
    fail(reason(err));
  }
  return path;
}

/**
 * Writes through a temporary file in the same folder, then renames it over `file`. `write` receives the
 * temporary path (text outputs: writeFileSync; Parquet: DuckDB's COPY).
 */
export async function writeOutputAtomically(
  file: string,
  write: (tmpPath: string) => Promise<void> | void,
  field = 'out',
): Promise<void> {
  const path = checkOutputPath(file, field);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const cleanup = () => rmSync(tmp, { force: true });
  process.once('exit', cleanup); // an interrupted run leaves no temporary file either
  try {
    await write(tmp);
    renameSync(tmp, path);
  } catch (err) {
    cleanup();
    if (err instanceof UserInputError) throw err;
    throw new UserInputError(`cannot write --${field} ${echo(file)}: ${reason(err)}`, field);
  } finally {
    process.removeListener('exit', cleanup);
  }
}

export function writeTextOutput(file: string, text: string, field = 'out'): Promise<void> {
  return writeOutputAtomically(file, (tmp) => writeFileSync(tmp, text), field);
}
