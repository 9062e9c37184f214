// Two first-time entries jobs must not collide (issue 17, item 4): with an empty panel cache, two concurrent
// POST /api/entries both build-or-wait for the one panel (one process shares the build in flight), and two
// concurrent `tradewar entries` processes both finish (each builds into its own folder; the loser of the
// rename uses the winner's panel). Shipped data: its panel is cached under TRADEWAR_CACHE_DIR.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';
import { projectPath } from '../../src/util/paths.js';

const work = mkdtempSync(join(tmpdir(), 'tradewar-first-jobs-'));
const BODY = readFileSync(projectPath('test', 'fixtures', 'entries', 'broker.csv'), 'utf8');
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildServer(await openContext(), { dashboardDir: false });
}, 180_000);
afterAll(async () => {
  await app?.close();
  delete process.env.TRADEWAR_CACHE_DIR;
  rmSync(work, { recursive: true, force: true });
});

const panelFolders = (cache: string) => readdirSync(join(cache, 'entries-panel')).sort();

function runCli(args: string[], cache: string): Promise<{ code: number | null; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [projectPath('bin', 'tradewar.js'), ...args], {
      env: { ...process.env, TRADEWAR_CACHE_DIR: cache },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => done({ code, err }));
  });
}

describe('two first-time entries jobs', () => {
  it('do not collide on an empty panel cache: both answer 200 (API) and both finish (two processes)', async () => {
    const apiCache = join(work, 'api-cache');
    process.env.TRADEWAR_CACHE_DIR = apiCache;
    const post = () =>
      app.inject({ method: 'POST', url: '/api/entries', headers: { 'content-type': 'text/csv' }, payload: BODY });
    const answers = await Promise.all([post(), post()]);
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    const [a, b] = answers.map((r) => JSON.parse(r.body));
    expect(b.summary.totals).toEqual(a.summary.totals);
    expect(b.lines).toEqual(a.lines);
    expect(panelFolders(apiCache)).toHaveLength(1); // one panel, no temporary folder left

    const cliCache = join(work, 'cli-cache');
    const file = projectPath('test', 'fixtures', 'entries', 'broker.csv');
    const runs = await Promise.all(
      [0, 1].map((i) => runCli(['entries', file, '--out', join(work, `${i}.csv`)], cliCache)),
    );
    for (const r of runs) expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(work, '0.csv'), 'utf8')).toBe(readFileSync(join(work, '1.csv'), 'utf8'));
    expect(panelFolders(cliCache)).toHaveLength(1);
  }, 240_000);
});
