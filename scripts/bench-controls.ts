// Benchmark section for export controls: load the shipped lists and build the screening index, then screen
// single names against all lists (names of listed parties with case, word-order and one-letter changes, and
// names that are on no list), reporting queries a second and latency percentiles. Target ≥ 10,000 a second.
import { performance } from 'node:perf_hooks';
import type { TradewarContext } from '../src/service/context.js';
import { listsFor } from '../src/service/controls.js';
import { screenParty } from '../src/controls/screening/screen.js';

/** A deterministic variant of a listed name: as written, upper-cased, words reversed, or one letter dropped. */
function variant(name: string, k: number): string {
  switch (k % 4) {
    case 0:
      return name;
    case 1:
      return name.toUpperCase();
    case 2:
      return name.split(/\s+/).reverse().join(' ');
    default: {
      const i = Math.floor(name.length / 2);
      return name.slice(0, i) + name.slice(i + 1);
    }
  }
}

const UNLISTED = [
  'Plainfield Widgets Inc',
  'Nordlicht Maschinenbau GmbH',
  'Riverside Dental Clinic LLC',
  'Kowloon Harbour Textiles Ltd',
  'Anna Schmidt',
  'Juan Pérez García',
  'Sunrise Bakery Co.',
  '北京晨光文具有限公司',
];

export async function benchControls(ctx: TradewarContext): Promise<void> {
  const t0 = performance.now();
  const { set, index } = await listsFor(ctx);
  const loadSecs = (performance.now() - t0) / 1000;
  console.log(
    `controls: load ${set.parties.length.toLocaleString('en-US')} parties (${index.names.length.toLocaleString('en-US')} names and aliases, ${set.lists.length} lists) and build the index: ${loadSecs.toFixed(2)} s`,
  );
  const queries: string[] = [];
  for (let k = 0; queries.length < 20_000; k++) {
    if (k % 5 === 4) queries.push(`${UNLISTED[k % UNLISTED.length]!} ${k % 97}`);
    else queries.push(variant(index.names[(k * 7919) % index.names.length]!.name, k));
  }
  for (let i = 0; i < 5000; i++) screenParty(index, { name: queries[i]! });
  const samples: number[] = [];
  let hits = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (const q of queries) {
    const s = performance.now();
    hits += screenParty(index, { name: q }).hits.length > 0 ? 1 : 0;
    samples.push(performance.now() - s);
  }
  const secs = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  samples.sort((a, b) => a - b);
  const p = (x: number) => (samples[Math.floor(x * (samples.length - 1))]! * 1000).toFixed(0);
  console.log(
    `controls: screen ${queries.length.toLocaleString('en-US')} single names against all lists: ${Math.round(queries.length / secs).toLocaleString('en-US')} queries/s (p50 ${p(0.5)} µs, p99 ${p(0.99)} µs); ${hits.toLocaleString('en-US')} with a hit; ${Math.round(queries.length / cpuSecs).toLocaleString('en-US')} queries per CPU-second (wall time depends on what else runs on the machine)`,
  );
}
