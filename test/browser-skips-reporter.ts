// Prints one clear line at the end of the run when browser tests were skipped (no Chromium here), so a skip is
// never silent. Under CI=true the browser tests fail instead (test/e2e/harness.ts).
import type { Reporter } from 'vitest/reporters';
import { BROWSER_SKIP_PREFIX } from './e2e/skip.js';

interface TaskLike {
  name: string;
  mode?: string;
  tasks?: TaskLike[];
}

function skipped(tasks: readonly TaskLike[] | undefined, out: string[]): string[] {
  for (const t of tasks ?? []) {
    if (t.name.startsWith(BROWSER_SKIP_PREFIX)) out.push(t.name.slice(BROWSER_SKIP_PREFIX.length));
    skipped(t.tasks, out);
  }
  return out;
}

export default class BrowserSkipsReporter implements Reporter {
  onFinished(files: readonly TaskLike[] = []): void {
    const reasons = [...new Set(skipped(files, []))];
    for (const r of reasons) process.stdout.write(`\n  BROWSER TESTS SKIPPED: ${r}\n`);
  }
}
