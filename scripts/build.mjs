#!/usr/bin/env node
// Builds what tradewar runs, each step in its own process: the TypeScript sources (src/ → dist/, tsc) and the
// dashboard (web/ → web/dist, Vite). A step runs only when its output is missing or older than its sources.
// Plain JavaScript so it runs before anything is compiled: `npm run build` (stale steps), `prepare` (at
// `npm ci`), `npm start` (then serves the compiled server), `tradewar serve` (the dashboard step).
//   node scripts/build.mjs [--force] [--only server|web]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const force = args.includes('--force');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
if (only !== undefined && only !== 'server' && only !== 'web') {
  process.stderr.write('build: --only takes "server" or "web"\n');
  process.exit(2);
}
const say = (msg) => process.stderr.write(`build: ${msg}\n`);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why `stamp` must be rebuilt from `sources`, or null when it is newer than all of them. */
function staleReason(stamp, sources, what) {
  if (force) return 'rebuild requested';
  if (!existsSync(stamp)) return `${what} is missing`;
  const built = statSync(stamp).mtimeMs;
  return Math.max(...sources.map(newestMtime)) > built ? 'sources changed since the last build' : null;
}

function run(label, bin, binArgs) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, ...binArgs], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    say(`${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  say(`${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A package's command-line script, found through its package.json (works wherever npm put it). */
function binOf(pkg, name) {
  const manifest = require.resolve(`${pkg}/package.json`);
  const bin = require(manifest).bin;
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin[name]);
}

if (only !== 'web') {
  const stamp = join(ROOT, 'dist', '.build-stamp');
  const reason = staleReason(
    stamp,
    ['src', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(ROOT, p)),
    'dist/',
  );
  if (reason) {
    say(`compiling src/ → dist/ (${reason})…`);
    rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
    run('tsc', binOf('typescript', 'tsc'), ['-p', 'tsconfig.build.json']);
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
  }
}

if (only !== 'server') {
  const web = join(ROOT, 'web');
  const reason = staleReason(
    join(web, 'dist', 'index.html'),
    ['src', 'index.html', 'vite.config.ts', 'public'].map((p) => join(web, p)),
    'web/dist',
  );
  if (reason) {
    say(`building the dashboard web/ → web/dist (${reason})…`);
    run('vite build', binOf('vite', 'vite'), ['build', web, '--logLevel', 'warn']);
  }
}
