// `npm run bench:cli`: wall time of the real command line (bin/tradewar.js, a fresh process each run) over 20 runs:
// `--help` and a `rate` query. Prints min / median / p90 per command as a markdown table for the README.
import { spawnSync } from 'node:child_process';
import { projectPath } from '../src/util/paths.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const BIN = projectPath('bin', 'tradewar.js');

const COMMANDS: Array<{ label: string; args: string[]; target: number }> = [
  { label: 'tradewar --help', args: ['--help'], target: 0.3 },
  {
    label: 'tradewar rate --product 8517130000 --origin CN --dest US --date 2025-11-05',
    args: ['rate', '--product', '8517130000', '--origin', 'CN', '--dest', 'US', '--date', '2025-11-05'],
    target: 1,
  },
  {
    label: 'tradewar rate --product 94036080 --origin CN --dest US --date 2025-11-05 --format json',
    args: [
      'rate',
      '--product',
      '94036080',
      '--origin',
      'CN',
      '--dest',
      'US',
      '--date',
      '2025-11-05',
      '--format',
      'json',
    ],
    target: 1,
  },
];

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

console.log(`| command | min | median | p90 | target |\n|---|---:|---:|---:|---:|`);
for (const c of COMMANDS) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, ...c.args], {
      cwd: projectPath(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const dt = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`${c.label} exited ${r.status}: ${r.stderr.toString()}`);
    times.push(dt);
  }
  const f = (x: number) => `${x.toFixed(2)} s`;
  console.log(
    `| \`${c.label}\` | ${f(quantile(times, 0))} | ${f(quantile(times, 0.5))} | ${f(quantile(times, 0.9))} | < ${c.target} s |`,
  );
}
