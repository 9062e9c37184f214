// Benchmark: the full US and China interval panels (every current tariff line × every partner with trade
// data × every breakpoint 2018-01-01..2026-12-31), wall time and peak RSS; then warm evaluate() latency.
// Usage: npm run bench [-- --out DIR]  (with --out, the panels are also written as Parquet)
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { openContext } from '../src/service/context.js';
import { buildIntervalPanel, intervalRows, panelUniverse, DEFAULT_WINDOW } from '../src/engine/panel.js';
import { evaluate } from '../src/engine/evaluate.js';
import { writeParquet } from '../src/datasets/write-parquet.js';
import { benchControls } from './bench-controls.js';
import { benchImpact } from './bench-impact.js';

const outIdx = process.argv.indexOf('--out');
const outDir = outIdx > 0 ? process.argv[outIdx + 1] : undefined;
const mb = (kb: number) => (kb / 1024).toFixed(0);

const t0 = performance.now();
const ctx = await openContext();
console.log(`load ledger + datasets: ${((performance.now() - t0) / 1000).toFixed(2)} s`);

for (const importer of ['US', 'CN']) {
  const partners = (ctx.data.partners.get(importer) ?? []).filter((p) => p !== importer);
  const start = performance.now();
  const rules = ctx.rules(importer);
  const panel = buildIntervalPanel(rules, partners, DEFAULT_WINDOW);
  const secs = (performance.now() - start) / 1000;
  console.log(
    `${importer} panel: ${panel.products} lines × ${partners.length} partners (${panel.classes.size} partner classes) → ${panel.rowCount.toLocaleString('en-US')} interval rows in ${secs.toFixed(2)} s; peak RSS ${mb(process.resourceUsage().maxRSS)} MB`,
  );
  if (outDir) {
    const file = join(outDir, `panel-${importer.toLowerCase()}.parquet`);
    await writeParquet([...intervalRows(panel)] as unknown as Record<string, unknown>[], file);
    console.log(`  wrote ${file}`);
  }
}

// warm evaluate() latency on a spread of real lines and dates
const rules = ctx.rules('US');
const codes = panelUniverse(rules);
const dates = [
  '2018-01-01',
  '2018-09-24',
  '2019-06-01',
  '2020-02-14',
  '2025-04-10',
  '2025-05-14',
  '2025-11-10',
  '2026-03-01',
];
for (let i = 0; i < 20000; i++) evaluate(rules, codes[i % codes.length]!, 'CN', dates[i % dates.length]!);
const samples: number[] = [];
for (let i = 0; i < 50000; i++) {
  const code = codes[(i * 7919) % codes.length]!;
  const date = dates[i % dates.length]!;
  const s = performance.now();
  evaluate(rules, code, 'CN', date);
  samples.push(performance.now() - s);
}
samples.sort((a, b) => a - b);
const q = (p: number) => (samples[Math.floor(p * (samples.length - 1))]! * 1000).toFixed(1);
console.log(
  `evaluate() warm latency over ${samples.length} calls: p50 ${q(0.5)} µs, p90 ${q(0.9)} µs, p99 ${q(0.99)} µs`,
);
console.log(`peak RSS overall: ${mb(process.resourceUsage().maxRSS)} MB`);
await benchControls(ctx);

await benchImpact();
