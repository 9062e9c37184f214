// Builds the dashboard (web/) with Vite when web/dist is missing or older than any source file under web/.
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

/** Builds web/ into web/dist when stale; `say` receives progress messages. Returns true when it built. */
export async function ensureDashboard(
  say: (msg: string) => void = () => {},
  force = false,
  webDir = WEB_DIR,
): Promise<boolean> {
  const reason = force ? 'rebuild requested' : dashboardStaleReason(webDir);
  if (!reason) return false;
  say(`building the dashboard (${reason})…`);
  const started = Date.now();
  const { build } = await import('vite');
  let modules = 0;
  await build({
    root: webDir,
    configFile: join(webDir, 'vite.config.ts'),
    logLevel: 'warn',
    plugins: [
      {
        name: 'tradewar-progress',
        transform() {
          if (++modules % 200 === 0) say(`  transformed ${modules} modules…`);
          return null;
        },
      },
    ],
  });
  say(`dashboard built in ${((Date.now() - started) / 1000).toFixed(1)} s (${modules} modules) → web/dist`);
  return true;
}
