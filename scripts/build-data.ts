// Data build: derives the compact datasets in data/ from the raw data mirror (default ../shared/data).
//   npm run data:build [-- --source DIR] [-- --out DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import type { BuildContext } from './data-build/context.js';
import { checkSources, SourceError } from './data-build/source-files.js';
import { buildUsProducts } from './data-build/us-products.js';
import { buildUsMfn } from './data-build/us-mfn.js';
import { stageCnTariffLines } from './data-build/cn-tariff-lines.js';
import { buildCnProducts } from './data-build/cn-products.js';
import { buildCnMfn } from './data-build/cn-mfn.js';
import { createCodeListTable, writeCodeLists } from './data-build/code-lists.js';
import { buildUsS301Lists } from './data-build/code-lists-us-s301.js';
import { buildUsOtherLists } from './data-build/code-lists-us-other.js';
import { buildCnLists } from './data-build/code-lists-cn.js';
import { buildMeasures2026 } from './data-build/measures-2026.js';
import { deriveCnSept2019 } from './data-build/cn-sept-2019-derivation.js';
import { buildCountries } from './data-build/countries.js';
import { buildHsConcordance } from './data-build/hs-concordance.js';
import { buildTradeWeights } from './data-build/trade-weights.js';
import { buildCommitments, COMMITMENT_FILES } from './data-build/commitments.js';
import { writeSourcesDoc } from './data-build/sources-doc.js';
import { writeManifest } from './data-build/manifest.js';
import { buildControlsLists, CONTROLS_OUTPUT_FILES } from './data-build/controls-lists.js';
import { buildImpactInputs, IMPACT_FILES } from './data-build/impact-inputs.js';
import { buildImpactDemand, IMPACT_DEMAND_FILES } from './data-build/impact-demand.js';
import { buildHtsArchives, HTS_FILES } from './data-build/hts-archives.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const OUTPUT_FILES = [
  'us_products.parquet',
  'us_mfn.parquet',
  'cn_products.parquet',
  'cn_mfn.parquet',
  'code_lists.parquet',
  'trade_weights.parquet',
  'countries.parquet',
  'hs_concordance.parquet',
  ...COMMITMENT_FILES,
  'content_shares.parquet',
  ...CONTROLS_OUTPUT_FILES,
  'SOURCES.md',
  ...IMPACT_FILES,
  ...IMPACT_DEMAND_FILES,
  ...HTS_FILES,
];

function parseArgs(argv: string[]): { source: string; out: string } {
  let source = path.join(PROJECT_ROOT, '..', 'shared', 'data');
  let out = path.join(PROJECT_ROOT, 'data');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (!v) throw new SourceError(`${a} needs a directory argument`);
      return path.resolve(v);
    };
    if (a === '--source') source = next();
    else if (a === '--out') out = next();
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run data:build [-- --source DIR] [-- --out DIR]');
      process.exit(0);
    } else throw new SourceError(`unknown argument ${a} (usage: npm run data:build [-- --source DIR] [-- --out DIR])`);
  }
  return { source, out };
}

async function main(): Promise<void> {
  const { source, out } = parseArgs(process.argv.slice(2));
  checkSources(source);
  fs.mkdirSync(out, { recursive: true });

  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  // one thread and a full ORDER BY on every output make rebuilds byte-identical
  await conn.run(`SET threads = 1`);
  await conn.run(`SET preserve_insertion_order = true`);
  const ctx: BuildContext = { conn, sourceDir: source, outDir: out, facts: {} };

  const t0 = Date.now();
  const steps: Array<[string, () => Promise<unknown>]> = [
    ['HS concordance', () => buildHsConcordance(ctx)],
    ['US products (HTS 2025 + legacy codes)', () => buildUsProducts(ctx)],
    ['US MFN rates 2017/2024/2025', () => buildUsMfn(ctx)],
    ['China tariff lines (staging)', () => stageCnTariffLines(ctx)],
    ['China products', () => buildCnProducts(ctx)],
    ['China MFN steps', () => buildCnMfn(ctx)],
    ['Code lists: US Section 301', async () => (await createCodeListTable(ctx), buildUsS301Lists(ctx))],
    ['Code lists: US IEEPA / 232 / 122 / 201', () => buildUsOtherLists(ctx)],
    ['Code lists: China', () => buildCnLists(ctx)],
    ['Code lists: China Sept-2019 and Feb-2025 derivation', () => deriveCnSept2019(ctx)],
    ['2026 measures: code lists and metal content shares', () => buildMeasures2026(ctx)],
    ['Code lists: write', () => writeCodeLists(ctx)],
    ['Countries', () => buildCountries(ctx)],
    ['Trade weights', () => buildTradeWeights(ctx)],
    ['Commitments: Phase One coverage, US exports to China', () => buildCommitments(ctx)],
    ['Controls: restricted-party lists, USGS rare earths', () => buildControlsLists(ctx)],
    ['HTS revisions: lines, Chapter 99 headings, footnotes', () => buildHtsArchives(ctx)],
    ['SOURCES.md', () => writeSourcesDoc(ctx)],
    ['Impact-model inputs (σ by HS3, the 194-country world)', () => buildImpactInputs(ctx)],
    ['Impact-model inputs (import demand by NAICS, Hauk 2012)', () => buildImpactDemand(ctx)],
    ['manifest.json', () => writeManifest(ctx, OUTPUT_FILES)],
  ];
  for (const [i, [label, fn]] of steps.entries()) {
    const t = Date.now();
    await fn();
    const el = ((Date.now() - t) / 1000).toFixed(1);
    const tot = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(
      `[${String(i + 1).padStart(2)}/${steps.length}] ${label.padEnd(52)} ${el.padStart(5)}s  (total ${tot}s)`,
    );
  }
  const total = OUTPUT_FILES.reduce((s, f) => s + fs.statSync(path.join(out, f)).size, 0);
  console.log(`done: ${OUTPUT_FILES.length + 1} files, ${(total / 1e6).toFixed(2)} MB in ${out}`);
  if (process.env.DATA_BUILD_FACTS) fs.writeFileSync(process.env.DATA_BUILD_FACTS, JSON.stringify(ctx.facts, null, 2));
  conn.closeSync();
  instance.closeSync();
}

main().catch((err: unknown) => {
  if (err instanceof SourceError) {
    console.error(`data:build: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
