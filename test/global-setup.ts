// Before any test: build what is stale (src/ → dist/, web/ → web/dist) in a child process, so the CLI and
// browser tests run the real compiled command line (bin/tradewar.js), as users do.
import { spawnSync } from 'node:child_process';
import { projectPath } from '../src/util/paths.js';

export default function setup(): void {
  const r = spawnSync(process.execPath, [projectPath('scripts', 'build.mjs')], {
    cwd: projectPath(),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`scripts/build.mjs failed (exit ${r.status}): the tests need a built dist/`);
}
