#!/usr/bin/env node
// Launcher: runs the compiled command line in dist/ (built by `npm run build`; `npm ci` builds it via `prepare`).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('tradewar: the command line is not built yet: run "npm run build" (npm ci does it too)\n');
  process.exit(1);
}
await import(main.href);
