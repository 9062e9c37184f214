// `npm run bench:cli`: the real command line (bin/tradewar.js → dist/, a fresh process each run) over 20 runs:
// `--help`, `rate` on a line and on a heading, `search`. Prints min / median / p90 wall time and the median CPU
// time (user + system, from /usr/bin/time when present) as a markdown table for the README, with a bare
// `node -e 0` for the machine's own start-up cost and the load average (wall time on a busy machine is mostly
// waiting for a core; CPU time is not).
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { spawnSync } from 'node:child_process';
import { projectPath } from '../src/util/paths.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const BIN = projectPath('bin', 'tradewar.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const COMMANDS: Array<{ label: string; args: string[]; target?: number }> = [
  { label: 'node -e 0 (start-up of Node itself)', args: ['-e', '0'] },
  { label: 'tradewar --help', args: [BIN, '--help'], target: 0.3 },
  {
    label: 'tradewar rate --product 8517130000 --origin CN --dest US --date 2025-11-05',
    args: [BIN, 'rate', '--product', '8517130000', '--origin', 'CN', '--dest', 'US', '--date', '2025-11-05'],
    target: 1,
  },
  {
    label: 'tradewar rate --product 9403.60.80 --origin CN --dest US --date 2025-11-05 --format json',
    args: [
      BIN,
      'rate',
      '--product',
      '9403.60.80',
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
  { label: 'tradewar search soybeans --importer CN', args: [BIN, 'search', 'soybeans', '--importer', 'CN'] },
];

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const f = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)} s` : 'n/a');

console.log(
  `${RUNS} runs each; load average at start ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}\n`,
);
console.log(
  '| command | wall min | wall median | wall p90 | CPU median | target (wall) |\n|---|---:|---:|---:|---:|---:|',
);
for (const c of COMMANDS) {
  const wall: number[] = [];
  const cpu: number[] = [];
  // one untimed run first: it writes the context snapshot if the data or ledger changed
  spawnSync(process.execPath, c.args, { cwd: projectPath(), stdio: 'ignore' });
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = TIME
      ? spawnSync(TIME, ['-f', '%U %S', process.execPath, ...c.args], {
          cwd: projectPath(),
          stdio: ['ignore', 'ignore', 'pipe'],
        })
      : spawnSync(process.execPath, c.args, { cwd: projectPath(), stdio: ['ignore', 'ignore', 'pipe'] });
    wall.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (r.status !== 0) throw new Error(`${c.label} exited ${r.status}: ${r.stderr.toString()}`);
    const m = TIME ? /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr.toString()) : null;
    if (m) cpu.push(Number(m[1]) + Number(m[2]));
  }
  console.log(
    `| \`${c.label}\` | ${f(quantile(wall, 0))} | ${f(quantile(wall, 0.5))} | ${f(quantile(wall, 0.9))} | ${cpu.length ? f(quantile(cpu, 0.5)) : 'n/a'} | ${c.target ? `< ${c.target} s` : ''} |`,
  );
}
