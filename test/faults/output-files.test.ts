// Output is whole or absent, and lands where it should (issue 17, items 8, 9 and 11):
// - item 8: `entries --out` killed (SIGKILL) at random moments leaves no output or a complete one, and the next
//   run removes the temporary files and folders the killed runs left;
// - item 9: --out writes through a symbolic link to its file, refuses a path that exists and is not a regular
//   file (a named pipe, a device), and reports a full disk as one line, leaving the old file as it was;
// - item 11: an unwritable cache, temporary or output folder is named with the reason and the variable that
//   moves it (exit 2 on the command line, 503 from the API), never an internal error.
// Runs as root in CI, so folders are made unwritable by putting a regular file where a folder is expected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryRows, sqlString } from '../../src/datasets/duckdb.js';
import { openContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';
import { cacheRoot } from '../../src/util/cache-root.js';
import { projectPath } from '../../src/util/paths.js';
import { makeDevProject } from '../api/dev-fixture.js';

const work = mkdtempSync(join(tmpdir(), 'tradewar-output-files-'));
const cache = join(work, 'cache');
const scratch = join(work, 'tmp'); // TMPDIR of the spawned commands
const LINES = 200_000;
const bigFile = join(work, 'big.csv');

beforeAll(() => {
  mkdirSync(scratch);
  const rows = ['Entry Number,Entry Date,HTS Number,Country of Origin,Line Entered Value'];
  for (let i = 0; i < LINES; i++) rows.push(`E${i},2025-11-05,8517.13.0000,CN,${1000 + i}`);
  writeFileSync(bigFile, rows.join('\n') + '\n');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env = (extra: Record<string, string> = {}) => ({
  ...process.env,
  TRADEWAR_CACHE_DIR: cache,
  TMPDIR: scratch,
  ...extra,
});

function cli(args: string[], extra?: Record<string, string>) {
  const r = spawnSync(process.execPath, [projectPath('bin', 'tradewar.js'), ...args], {
    encoding: 'utf8',
    env: env(extra),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs `entries` and kills it with SIGKILL after `ms` (or lets it finish); resolves with its exit status. */
function entriesKilledAfter(out: string, format: string, ms: number): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [projectPath('bin', 'tradewar.js'), 'entries', bigFile, '--out', out, '--format', format],
      { env: env(), stdio: 'ignore' },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
}

/** Whether `file` is a complete output of the big file: parseable, one line per entry line. */
async function complete(file: string, format: string): Promise<boolean> {
  if (format === 'csv') {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    return text.endsWith('\n') && lines.length === LINES + 2 && lines[LINES]!.startsWith(`${LINES},E${LINES - 1},`);
  }
  const [r] = await queryRows<{ n: bigint }>(`SELECT count(*) AS n FROM read_parquet(${sqlString(file)})`);
  return Number(r!.n) === LINES;
}

const oneLine = (s: string) => s.trim().split('\n');

describe('output files', () => {
  it('entries --out killed at 10 random moments leaves no output or a complete one, and no temporaries after the next run', async () => {
    const outDir = join(work, 'out');
    mkdirSync(outDir);
    // a first full run builds the panel, a second times the job
    expect(await entriesKilledAfter(join(outDir, 'warm.csv'), 'csv', 600_000)).toBe(0);
    const started = Date.now();
    expect(await entriesKilledAfter(join(outDir, 'warm.csv'), 'csv', 600_000)).toBe(0);
    const full = Date.now() - started;
    rmSync(join(outDir, 'warm.csv'));
    let seed = 17;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let killedWithoutOutput = 0;
    const left = new Set<string>(); // temporaries seen after a kill
    for (let i = 0; i < 10; i++) {
      const format = i % 2 ? 'parquet' : 'csv';
      const out = join(outDir, `lines.${format}`);
      rmSync(out, { force: true });
      const code = await entriesKilledAfter(out, format, Math.round((0.2 + random()) * full));
      for (const f of [...readdirSync(outDir), ...readdirSync(scratch)]) if (/tradewar-/.test(f)) left.add(f);
      if (!existsSync(out)) {
        killedWithoutOutput++;
        continue;
      }
      expect(await complete(out, format), `run ${i} (${format}, exit ${code}): a cut ${out}`).toBe(true);
    }
    expect(killedWithoutOutput).toBeGreaterThan(0); // some kills landed while the job was running
    // the next run removes what the killed runs left: no temporary file beside the output, no work folder
    expect(left.size, 'the killed runs left temporaries for the next run to remove').toBeGreaterThan(0);
    expect(await entriesKilledAfter(join(outDir, 'lines.csv'), 'csv', 600_000)).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(
      ['lines.csv', 'lines.parquet'].filter((f) => existsSync(join(outDir, f))),
    );
    expect(readdirSync(scratch).filter((f) => f.startsWith('tradewar-'))).toEqual([]);
  }, 300_000);

  it('--out writes through a symbolic link, refuses a pipe or device, and reports a full disk without touching the old file', async () => {
    const dir = join(work, 'links');
    mkdirSync(dir);
    const target = join(dir, 'target.csv');
    writeFileSync(target, 'old\n');
    const link = join(dir, 'link.csv');
    symlinkSync('target.csv', link);
    const panel = (out: string) =>
      cli(['panel', '--importer', 'US', '--exporter', 'CN', '--at', '2025-11-05', '--out', out]);
    let r = panel(link);
    expect(r.code, r.err).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('target.csv');
    expect(readFileSync(target, 'utf8')).toMatch(/^product,/);

    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    r = panel(fifo);
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toEqual([`tradewar: cannot write --out ${fifo}: it is a named pipe, not a regular file`]);
    expect(statSync(fifo).isFIFO()).toBe(true);
    const toDevice = join(dir, 'null-link');
    symlinkSync('/dev/null', toDevice);
    r = cli(['entries', bigFile, '--out', toDevice]);
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toEqual([
      `tradewar: cannot write --out ${toDevice}: it links to /dev/null, a device, not a regular file`,
    ]);
    expect(readlinkSync(toDevice)).toBe('/dev/null');

    // a full disk: a 64 KiB tmpfs (needs mount rights; skipped where there are none)
    const small = join(dir, 'small');
    mkdirSync(small);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small]).status === 0)
      try {
        writeFileSync(join(small, 'out.csv'), 'old\n');
        writeFileSync(join(small, 'filler'), Buffer.alloc(40 * 1024));
        r = panel(join(small, 'out.csv'));
        expect(r.code).toBe(2);
        expect(oneLine(r.err)).toEqual([`tradewar: cannot write --out ${join(small, 'out.csv')}: the disk is full`]);
        expect(readFileSync(join(small, 'out.csv'), 'utf8')).toBe('old\n');
        expect(readdirSync(small).sort()).toEqual(['filler', 'out.csv']);
      } finally {
        spawnSync('umount', [small]);
      }
  }, 120_000);

  it('an unwritable cache, temporary or output folder is named with the reason and its variable (exit 2, HTTP 503)', async () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'not a folder\n');
    const entries = projectPath('test', 'fixtures', 'entries', 'broker.csv');
    let r = cli(['entries', entries, '--out', join(work, 'x.csv')], { TRADEWAR_CACHE_DIR: join(file, 'cache') });
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toEqual([
      `tradewar: cannot write the cache folder ${join(file, 'cache', 'entries-panel')}: a part of the path is not a folder; set TRADEWAR_CACHE_DIR to a writable folder`,
    ]);
    r = cli(['entries', entries], { TMPDIR: file });
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toEqual([
      `tradewar: cannot write the temporary folder ${file}: a part of the path is not a folder; set TMPDIR to a writable folder`,
    ]);
    r = cli(['entries', entries, '--out', join(file, 'x.csv')]);
    expect(r.code).toBe(2);
    expect(oneLine(r.err)).toEqual([
      `tradewar: cannot write --out ${join(file, 'x.csv')}: a part of the path is not a folder`,
    ]);

    // the API: 503 with the same words
    const project = await makeDevProject();
    const app = await buildServer(await openContext({ dataDir: project.dataDir, ledgerDir: project.ledgerDir }), {
      dashboardDir: false,
    });
    const saved = { cache: process.env.TRADEWAR_CACHE_DIR, tmp: process.env.TMPDIR };
    try {
      const post = () =>
        app.inject({
          method: 'POST',
          url: '/api/entries',
          headers: { 'content-type': 'text/csv' },
          payload: 'Entry Date,HTS,Origin,Value\n2025-11-05,8517130000,CN,1000\n',
        });
      process.env.TRADEWAR_CACHE_DIR = join(file, 'cache');
      let res = await post();
      expect(res.statusCode).toBe(503);
      expect(JSON.parse(res.body)).toEqual({
        error: `cannot write the cache folder ${join(file, 'cache', 'entries-panel')}: a part of the path is not a folder; set TRADEWAR_CACHE_DIR to a writable folder`,
        field: 'TRADEWAR_CACHE_DIR',
      });
      process.env.TRADEWAR_CACHE_DIR = cache;
      process.env.TMPDIR = file;
      res = await post();
      expect(res.statusCode).toBe(503);
      expect(JSON.parse(res.body).error).toMatch(
        /^cannot write the temporary folder .*; set TMPDIR to a writable folder$/,
      );
    } finally {
      for (const [k, v] of [
        ['TRADEWAR_CACHE_DIR', saved.cache],
        ['TMPDIR', saved.tmp],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      await app.close();
    }

    // one variable for every cache; TRADEWAR_CACHE still works as its deprecated alias, `off` included
    expect(cacheRoot({ TRADEWAR_CACHE_DIR: '/c/new' })).toBe('/c/new');
    expect(cacheRoot({ TRADEWAR_CACHE: '/c/old' })).toBe('/c/old');
    expect(cacheRoot({ TRADEWAR_CACHE_DIR: '/c/new', TRADEWAR_CACHE: '/c/old' })).toBe('/c/new');
    expect(cacheRoot({ TRADEWAR_CACHE: 'off' })).toBeNull();
    expect(cacheRoot({ TRADEWAR_CACHE_DIR: 'off' })).toBeNull();
    expect(cacheRoot({ XDG_CACHE_HOME: '/x' })).toBe('/x/tradewar');
  }, 180_000);
});
