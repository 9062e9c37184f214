// Checks the shipped data files against data/manifest.json before anything reads them: every file the manifest
// lists must exist with its recorded size and sha256, and every Parquet file must hold its recorded row count. A
// file that was edited, truncated, damaged or had rows removed would otherwise be served as if it were right
// (a product's rate silently drops to 0%). Generic over the manifest: files added by new build steps are
// checked as soon as the build records them. Each file is hashed once per process and data folder.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { queryRows, sqlString } from './duckdb.js';
import { UserInputError } from '../util/errors.js';

export interface ManifestEntry {
  rows: number | null;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  description?: string;
  files: Record<string, ManifestEntry>;
}

export const MANIFEST = 'manifest.json';
const REBUILD = 'rebuild the shipped data with "npm run data:build" (or restore data/ from git)';

/** Shipped data that does not match its manifest: the CLI exits 2 and the server does not start. */
export class DataIntegrityError extends UserInputError {
  constructor(
    message: string,
    readonly files: string[],
  ) {
    super(message);
    this.name = 'DataIntegrityError';
  }
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST);
  if (!existsSync(path))
    throw new DataIntegrityError(`missing ${path}: the data folder has no manifest to check it against; ${REBUILD}`, [
      MANIFEST,
    ]);
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    if (!m || typeof m.files !== 'object' || m.files === null) throw new Error('no "files" object');
    return m;
  } catch (err) {
    throw new DataIntegrityError(`${path} is not a valid manifest (${(err as Error).message}); ${REBUILD}`, [MANIFEST]);
  }
}

async function parquetRows(file: string): Promise<number> {
  const r = await queryRows<{ n: bigint | number | null }>(
    `select sum(num_rows) n from parquet_file_metadata(${sqlString(file)})`,
  );
  return Number(r[0]?.n ?? 0);
}

/** Size and sha256 of one file against its manifest entry (no DuckDB): null when they match. */
function hashProblem(dir: string, name: string, entry: ManifestEntry): string | null {
  const path = join(dir, name);
  if (!existsSync(path)) return 'is missing';
  const bytes = statSync(path).size;
  if (bytes !== entry.bytes) return `has ${bytes} bytes, the manifest records ${entry.bytes} (truncated or changed)`;
  if (sha256File(path) !== entry.sha256) return 'has a different sha256 than the manifest records (changed or damaged)';
  return null;
}

/**
 * The quick check for a load served from a snapshot: every manifest file present with its size and sha256 (the
 * row counts were checked when the snapshot was made from these same bytes). Throws like verifyDataDir.
 */
export function verifyDataHashes(dir: string): void {
  const manifest = readManifest(dir);
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(manifest.files)) {
    const p = hashProblem(dir, name, entry);
    if (p) problems.push(`${join(dir, name)} ${p}`);
  }
  if (problems.length) {
    const shown = problems.slice(0, 5).join('; ');
    const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
    throw new DataIntegrityError(
      `shipped data does not match ${join(dir, MANIFEST)}: ${shown}${more}. Refusing to compute from it: ${REBUILD}`,
      problems,
    );
  }
}

/** What is wrong with one file, or null when it matches its manifest entry. */
async function fileProblem(dir: string, name: string, entry: ManifestEntry): Promise<string | null> {
  const path = join(dir, name);
  const quick = hashProblem(dir, name, entry);
  if (quick) return quick;
  if (entry.rows !== null && name.endsWith('.parquet')) {
    let rows: number;
    try {
      rows = await parquetRows(path);
    } catch (err) {
      return `is not a readable Parquet file (${(err as Error).message.split('\n')[0]})`;
    }
    if (rows !== entry.rows) return `holds ${rows} rows, the manifest records ${entry.rows}`;
  }
  return null;
}

const verified = new Map<string, Promise<void>>();

/**
 * Verifies every file of `dir`'s manifest (once per folder per process). Throws DataIntegrityError naming each
 * file that does not match (the first few) and how to rebuild them.
 */
export function verifyDataDir(dir: string): Promise<void> {
  let done = verified.get(dir);
  if (!done) {
    done = verifyNow(dir);
    verified.set(dir, done);
    done.catch(() => verified.delete(dir)); // a failed check is repeated next time (the files may be fixed)
  }
  return done;
}

async function verifyNow(dir: string): Promise<void> {
  const manifest = readManifest(dir);
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(manifest.files)) {
    const p = await fileProblem(dir, name, entry);
    if (p) problems.push(`${join(dir, name)} ${p}`);
  }
  if (problems.length) {
    const shown = problems.slice(0, 5).join('; ');
    const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
    throw new DataIntegrityError(
      `shipped data does not match ${join(dir, MANIFEST)}: ${shown}${more}. Refusing to compute from it: ${REBUILD}`,
      problems,
    );
  }
}

/** Writes a manifest for every file in `dir` (test fixtures; the data build writes the real one). */
export async function writeManifestFor(dir: string, description = 'test fixture'): Promise<Manifest> {
  const files: Record<string, ManifestEntry> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name === MANIFEST) continue;
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    files[name] = {
      rows: name.endsWith('.parquet') ? await parquetRows(path) : null,
      bytes: statSync(path).size,
      sha256: sha256File(path),
    };
  }
  const manifest = { description, files };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  verified.delete(dir);
  return manifest;
}
