// Fault injection: damaged data files, ledger date typos, hostile YAML, far dates, unwritable outputs and huge
// arguments. Each must end in a clear refusal (exit 2 / HTTP 400 / a named error), never a silently wrong figure.
// Works on temporary copies of data/ and ledger/; the project's own files are never touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { projectPath } from '../../src/util/paths.js';
import { DataIntegrityError, sha256File, verifyDataDir } from '../../src/datasets/verify.js';
import { loadDatasets } from '../../src/datasets/datasets.js';
import { queryRows, sqlString } from '../../src/datasets/duckdb.js';
import { loadLedger } from '../../src/ledger/load.js';
import { checkLedger } from '../../src/ledger/check.js';
import { checkContextOf, openContext, type TradewarContext } from '../../src/service/context.js';
import { rateQuery } from '../../src/service/queries.js';
import { parseYamlSource } from '../../src/ledger/yaml-source.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { buildServer } from '../../src/api/server.js';
import { addDays, DATE_MAX, DATE_MIN, isDateInRange, isValidIsoDate } from '../../src/util/dates.js';
import { LedgerError } from '../../src/util/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'tradewar-faults-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(
    process.execPath,
    [projectPath('node_modules', 'tsx', 'dist', 'cli.mjs'), projectPath('src', 'cli', 'main.ts'), ...args],
    { encoding: 'utf8', cwd: projectPath() },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A fresh copy of data/ with `damage` applied to it. */
function damagedData(name: string, damage: (dir: string) => void | Promise<void>): Promise<string> {
  const dir = join(tmp, name);
  cpSync(projectPath('data'), dir, { recursive: true });
  return Promise.resolve(damage(dir)).then(() => dir);
}

async function integrityError(dir: string): Promise<DataIntegrityError> {
  const err = await verifyDataDir(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataIntegrityError);
  return err as DataIntegrityError;
}

describe('damaged data files are refused at load', () => {
  it('the shipped data/ matches its manifest', async () => {
    await expect(verifyDataDir(projectPath('data'))).resolves.toBeUndefined();
  });

  it('a corrupted Parquet file (bytes overwritten) is named, with how to rebuild', async () => {
    const dir = await damagedData('corrupt', (d) => {
      const f = join(d, 'code_lists.parquet');
      const buf = readFileSync(f);
      buf.fill(0x5a, buf.length >> 1, (buf.length >> 1) + 64);
      writeFileSync(f, buf);
    });
    const err = await integrityError(dir);
    expect(err.message).toMatch(/code_lists\.parquet has a different sha256/);
    expect(err.message).toMatch(/npm run data:build/);
  });

  it('a truncated Parquet file is named', async () => {
    const dir = await damagedData('truncated', (d) => {
      const f = join(d, 'us_products.parquet');
      truncateSync(f, Math.floor(statSync(f).size / 2));
    });
    const err = await integrityError(dir);
    expect(err.message).toMatch(/us_products\.parquet has \d+ bytes, the manifest records \d+/);
    await expect(loadDatasets(dir)).rejects.toThrow(/us_products\.parquet/);
  });

  it('a valid Parquet file with rows removed is refused (sha256), and so is one whose manifest hash was forged (rows)', async () => {
    const dir = await damagedData('rows-dropped', async (d) => {
      const f = join(d, 'code_lists.parquet');
      const copy = join(d, 'code_lists.tmp.parquet');
      await queryRows(
        `copy (select * from read_parquet(${sqlString(f)}) where list_id <> 'us_s301_list1') to ${sqlString(copy)} (format parquet)`,
      );
      cpSync(copy, f);
      rmSync(copy);
    });
    expect((await integrityError(dir)).message).toMatch(/code_lists\.parquet (has \d+ bytes|has a different sha256)/);
    // forge size and hash in the manifest: the row count still gives it away
    const manifestFile = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const f = join(dir, 'code_lists.parquet');
    manifest.files['code_lists.parquet'].sha256 = sha256File(f);
    manifest.files['code_lists.parquet'].bytes = statSync(f).size;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    expect((await integrityError(dir)).message).toMatch(
      /code_lists\.parquet holds \d+ rows, the manifest records 40241|code_lists\.parquet holds \d+ rows/,
    );
  });

  it('a missing manifest or missing file is refused', async () => {
    const noManifest = await damagedData('no-manifest', (d) => rmSync(join(d, 'manifest.json')));
    expect((await integrityError(noManifest)).message).toMatch(/missing .*manifest\.json/);
    const noFile = await damagedData('no-file', (d) => rmSync(join(d, 'hs_concordance.parquet')));
    expect((await integrityError(noFile)).message).toMatch(/hs_concordance\.parquet is missing/);
  });

  it('the command line exits 2 naming the file (ledger check on damaged data)', async () => {
    const dir = await damagedData('cli', (d) => {
      const f = join(d, 'trade_weights.parquet');
      truncateSync(f, statSync(f).size - 100);
    });
    const r = cli(['--data', dir, 'ledger', 'check']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/trade_weights\.parquet.*npm run data:build/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('ledger date typos', () => {
  const LIST1_STEP = '- { date: 2018-07-06, event: effective, rate: 25, instrument: fr-83-28710 }';
  function ledgerWith(name: string, replacement: string): string {
    const dir = join(tmp, name);
    cpSync(projectPath('ledger'), dir, { recursive: true });
    const f = join(dir, 'us', 'section-301.yaml');
    const text = readFileSync(f, 'utf8');
    expect(text).toContain(LIST1_STEP);
    writeFileSync(f, text.replace(LIST1_STEP, replacement));
    return dir;
  }
  let data: Awaited<ReturnType<typeof loadDatasets>>;
  beforeAll(async () => {
    data = await loadDatasets(projectPath('data'));
  });

  it('List 1 effective 2081-07-06 instead of 2018-07-06 is caught by ledger check, at its file:line', () => {
    const dir = ledgerWith('typo-2081', LIST1_STEP.replace('2018-07-06', '2081-07-06'));
    const issues = checkLedger(loadLedger(dir), checkContextOf(data));
    const hit = issues.find((i) => /2081-07-06/.test(i.message));
    expect(hit?.file).toMatch(/section-301\.yaml$/);
    expect(hit?.message).toMatch(/outside the period the ledger covers|days after its instrument/);
  });

  it('a year typo backwards (2008) is caught too', () => {
    const dir = ledgerWith('typo-2008', LIST1_STEP.replace('2018-07-06', '2008-07-06'));
    const issues = checkLedger(loadLedger(dir), checkContextOf(data));
    expect(issues.some((i) => /2008-07-06/.test(i.message))).toBe(true);
  });

  it('a plausible one-year typo (2019-07-06) passes ledger check but the golden List 1 case catches it', async () => {
    const dir = ledgerWith('typo-2019', LIST1_STEP.replace('2018-07-06', '2019-07-06'));
    const ledger = loadLedger(dir);
    expect(checkLedger(ledger, checkContextOf(data)).filter((i) => /2019-07-06/.test(i.message))).toEqual([]);
    const ctx = await openContext({ ledgerDir: dir });
    const s = rateQuery(ctx, { product: '8481100020', origin: 'CN', dest: 'US', date: '2018-07-06' });
    // golden: List 1 adds 25 on 2018-07-06 (test/golden/cases.yaml); with the typo it does not
    expect(s.layers.find((l) => l.measure === 'us-s301-list1')?.applies).toBe(false);
    expect(s.total_pct).not.toBe(27);
  });

  it('a date outside 1900..2100 is refused by the schema', () => {
    const dir = ledgerWith('typo-far', LIST1_STEP.replace('2018-07-06', '9018-07-06'));
    expect(() => loadLedger(dir)).toThrow(/outside the supported range 1900-01-01\.\.2100-12-31/);
  });
});

describe('hostile YAML', () => {
  it('an alias bomb is refused with file:line, quickly', () => {
    const lines = ['name: bomb', 'a: &a [x, x, x, x, x, x, x, x, x]'];
    let prev = 'a';
    for (const n of 'bcdefghij') {
      lines.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(', ')}]`);
      prev = n;
    }
    lines.push(`operations: [*${prev}]`);
    const started = Date.now();
    let err: unknown;
    try {
      parseYamlSource(lines.join('\n'), 'bomb.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).message).toMatch(/^bomb\.yaml:\d+:\d+: YAML aliases expand too far/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('an overlay of 200,000 operations is refused (size), one of 6,000 too (count); 3,000 bad ones show the first 20', () => {
    const head = 'name: big\ntitle: big overlay\ndescription: a very large overlay\nsources: [https://example.org]\n';
    const write = (name: string, n: number, op: (i: number) => string) => {
      const f = join(tmp, name);
      writeFileSync(f, head + 'operations:\n' + Array.from({ length: n }, (_, i) => `  - ${op(i)}`).join('\n') + '\n');
      return f;
    };
    const huge = write('huge.yaml', 200_000, (i) => `{ op: disable, measure: no-such-${i} }`);
    expect(() => loadScenarioFile(huge)).toThrow(/huge\.yaml:1:1: file is \d+\.\d MB: at most 2 MB/);
    const many = write('many.yaml', 6_000, (i) => `{ op: disable, measure: m${i} }`);
    expect(() => loadScenarioFile(many)).toThrow(/many\.yaml:\d+:\d+: an overlay holds at most 5000 operations/);
    const bad = write('bad.yaml', 3_000, (i) => `{ op: disable, measure: m${i}, bogus: 1 }`);
    const issues = loadScenarioFile(bad).issues ?? [];
    expect(issues.length).toBeLessThanOrEqual(50);
    const msg = new LedgerError(issues).message.split('\n');
    expect(msg).toHaveLength(21);
    expect(msg[20]).toMatch(/and \d+ more problems/);
  });

  it('the command line exits 2 with file:line for an alias-bomb overlay', () => {
    const f = join(tmp, 'bomb.yaml');
    const lines = ['name: bomb', 'title: alias bomb', 'description: an alias bomb', 'sources: [https://example.org]'];
    lines.push('a: &a [x, x, x, x, x, x, x, x, x]');
    let prev = 'a';
    for (const n of 'bcdefghij') {
      lines.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(', ')}]`);
      prev = n;
    }
    lines.push(`operations: [*${prev}]`);
    writeFileSync(f, lines.join('\n'));
    const r = cli([
      'rate',
      '--product',
      '8517130000',
      '--origin',
      'CN',
      '--dest',
      'US',
      '--date',
      '2025-11-05',
      '--scenario',
      f,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bomb\.yaml:\d+:\d+: YAML aliases expand too far/);
  });
});

describe('far dates and command-line edges', () => {
  let app: FastifyInstance;
  let ctx: TradewarContext;
  beforeAll(async () => {
    ctx = await openContext();
    app = await buildServer(ctx, { dashboardDir: false });
  });
  afterAll(() => app?.close());

  it('one stated range 1900-01-01..2100-12-31; arithmetic at the ends stays four-digit or refuses', () => {
    expect([DATE_MIN, DATE_MAX]).toEqual(['1900-01-01', '2100-12-31']);
    expect(isValidIsoDate('0050-01-01')).toBe(true); // a real date, just outside the range
    expect(isDateInRange('0050-01-01')).toBe(false);
    expect(isDateInRange('1000-01-01')).toBe(false);
    expect(addDays('2100-12-31', 1)).toBe('2101-01-01');
    expect(addDays('0001-01-01', -1)).toBe('0000-12-31');
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it.each([
    ['/api/series?importer=US&exporter=CN&to=9999-12-31', 'to'],
    ['/api/series?importer=US&exporter=CN&from=0050-01-01', 'from'],
    ['/api/rate?product=8517130000&origin=CN&dest=US&date=1000-01-01', 'date'],
    ['/api/panel?importer=CN&exporter=US&at=2101-01-01', 'at'],
    ['/api/events?from=2026-01-01&to=2025-01-01', 'to'],
  ])('%s → 400 naming %s and the range', async (url, field) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.field).toBe(field);
    expect(body.error).toMatch(/1900-01-01\.\.2100-12-31|before/);
  });

  it('a series to 2100-12-31 keeps every change point up to 2026 (no truncation)', async () => {
    const short = JSON.parse((await app.inject('/api/series?importer=US&exporter=CN&to=2026-12-31')).body);
    const long = JSON.parse((await app.inject('/api/series?importer=US&exporter=CN&to=2100-12-31')).body);
    expect(short.length).toBeGreaterThan(20);
    expect(long.slice(0, short.length).map((p: { date: string }) => p.date)).toEqual(
      short.map((p: { date: string }) => p.date),
    );
  });

  it('--out to an unwritable path: exit 2, one plain line, before any work', () => {
    const r = cli([
      'panel',
      '--importer',
      'CN',
      '--exporter',
      'US',
      '--at',
      '2020-01-01',
      '--out',
      '/proc/no/such/x.csv',
    ]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('tradewar: cannot write --out /proc/no/such/x.csv: the folder does not exist');
  });

  it('a 100 KB argument is echoed clipped', () => {
    const r = cli([
      'rate',
      '--product',
      '8517130000',
      '--origin',
      'A'.repeat(100_000),
      '--dest',
      'US',
      '--date',
      '2025-11-05',
    ]);
    expect(r.code).toBe(2);
    expect(r.err.length).toBeLessThan(500);
    expect(r.err).toMatch(/\(100000 characters\)/);
  });
});

describe('one validation layer for the command line and the API', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildServer(await openContext(), { dashboardDir: false });
  });
  afterAll(() => app?.close());

  it.each([
    ['/api/panel?importer=US&exporter=US&at=2025-01-01', 'exporter', /importer and exporter are both US/],
    ['/api/events?from=2025-06-01&to=2025-01-01', 'to', /to 2025-01-01 is before from 2025-06-01/],
    ['/api/events?kind=tariff', 'kind', /kind "tariff" is not one of: ad_valorem/],
    ['/api/changes?upcoming=1&dest=XX', 'dest', /unknown country XX in dest/],
    ['/api/changes?upcoming=1&dest=DE', 'dest', /dest DE has no tariff schedule/],
    ['/api/changes?upcoming=1&origin=SU', 'origin', /SU is a retired ISO 3166 code; use RU/],
    ['/api/rate?product=8517130000&origin=ZZ&dest=US&date=2025-11-05', 'origin', /ZZ is a reserved or placeholder/],
    ['/api/rate?product=8517130000&origin=YU&dest=US&date=2025-11-05', 'origin', /retired/],
    ['/api/average?importer=US&exporter=EZ&at=2025-11-05', 'exporter', /EZ is a reserved or placeholder/],
    ['/api/average?importer=US&exporter=XA&at=2025-11-05', 'exporter', /placeholder/],
  ])('%s → 400 on %s', async (url, field, message) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.field).toBe(field);
    expect(body.error).toMatch(message);
  });

  it('EU and Kosovo (XK) are still accepted as partners', async () => {
    expect((await app.inject('/api/rate?product=8517130000&origin=EU&dest=US&date=2025-11-05')).statusCode).toBe(200);
    expect((await app.inject('/api/rate?product=8517130000&origin=XK&dest=US&date=2025-11-05')).statusCode).toBe(200);
  });

  it('a list of 201 dates is refused with the limit', async () => {
    const at = Array.from({ length: 201 }, (_, i) => `2019-01-${String((i % 28) + 1).padStart(2, '0')}`).join(',');
    const res = await app.inject(`/api/average?importer=US&exporter=CN&at=${at}`);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).field).toBe('at');
  });

  it('tradewar events --side XX exits 2 with the choices', () => {
    const r = cli(['events', '--side', 'XX']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/side "XX" is not one of: US, CN, both/);
  });
});
