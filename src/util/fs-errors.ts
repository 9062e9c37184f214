// File-system failures in words, for one-line messages ("cannot write X: the disk is full"). Works on Node's
// errno errors and on DuckDB's IO errors, which carry the operating system's text instead of a code.
import { UserInputError } from './errors.js';

const BY_CODE: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'a file is in the way',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EIO: 'input/output error',
};

const BY_TEXT: Array<[RegExp, string]> = [
  [/no space left on device/i, 'the disk is full'],
  [/permission denied|operation not permitted/i, 'permission denied'],
  [/read-only file system/i, 'the file system is read-only'],
  [/not a directory/i, 'a part of the path is not a folder'],
  [/no such file or directory/i, 'the folder does not exist'],
  [/disk quota exceeded/i, 'the disk quota is used up'],
];

/** Why a file-system call failed, in words; undefined when `err` is not a file-system failure. */
export function fsFailure(err: unknown): string | undefined {
  const raw = (err as NodeJS.ErrnoException | null)?.code;
  const code = typeof raw === 'string' && /^E[A-Z]+$/.test(raw) ? raw : undefined; // errno codes, not ERR_*
  if (code && BY_CODE[code]) return BY_CODE[code];
  const message = String((err as Error | null)?.message ?? '');
  if (/^IO Error/.test(message) || code) return BY_TEXT.find(([re]) => re.test(message))?.[1] ?? message.split('\n')[0];
  return undefined;
}

/**
 * A folder the program must write to (a cache, the temporary folder) cannot be used: the operator's setup,
 * not the request, is at fault. The command line exits 2 with the message; the API answers 503.
 */
export class UnwritableFolderError extends UserInputError {
  readonly httpStatus = 503;
  constructor(what: string, path: string, why: string, variable: string) {
    super(`cannot write ${what} ${path}: ${why}; set ${variable} to a writable folder`, variable);
    this.name = 'UnwritableFolderError';
  }
}
