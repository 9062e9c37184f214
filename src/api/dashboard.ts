// Builds the dashboard (web/) with Vite, in a child process, when web/dist is missing or older than any source file
// under web/.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../util/paths.js';

export const WEB_DIR = projectPath('web');
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'public'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why the dashboard must be rebuilt, or null when web/dist is up to date. */
export function dashboardStaleReason(webDir = WEB_DIR): string | null {
  const index = join(webDir, 'dist', 'index.html');
  if (!existsSync(index)) return 'web/dist is missing';
  const built = statSync(index).mtimeMs;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(webDir, s))));
  return newest > built ? 'web/ has changed since the last build' : null;
}

/** Builds web/ into web/dist when stale, in a separate process (scripts/build.mjs runs Vite), so the server
 * never holds the build's memory. `say` receives progress messages. Returns true when it built. */
export async function ensureDashboard(
  say: (msg: string) => void = () => {},
  force = false,
  webDir = WEB_DIR,
): Promise<boolean> {
  const reason = force ? 'rebuild requested' : dashboardStaleReason(webDir);
  if (!reason) return false;
  say(`building the dashboard (${reason}) in a separate process…`);
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [projectPath('scripts', 'build.mjs'), '--only', 'web', ...(force ? ['--force'] : [])],
    {
      cwd: projectPath(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (b: Buffer) => {
    output += b.toString();
    for (const line of b.toString().split('\n')) if (line.trim()) say(`  ${line.trim()}`);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`the dashboard build failed (exit ${code}): ${output.trim().split('\n').pop()}`);
  say(`dashboard built in ${((Date.now() - started) / 1000).toFixed(1)} s → web/dist`);
  return true;
}
