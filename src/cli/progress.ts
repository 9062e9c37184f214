// Progress bars on stderr for work a person would wait on (cli-progress); silent when stderr is not a terminal
// unless TRADEWAR_PROGRESS=1.
import { createRequire } from 'node:module';
import type CliProgress from 'cli-progress';

// loaded on first use: most commands never draw a bar
const load = () => createRequire(import.meta.url)('cli-progress') as typeof CliProgress;

export function progressBar(label: string): { update: (done: number, total: number) => void; stop: () => void } {
  const enabled = process.stderr.isTTY || process.env.TRADEWAR_PROGRESS === '1';
  if (!enabled) return { update: () => {}, stop: () => {} };
  const cliProgress = load();
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
