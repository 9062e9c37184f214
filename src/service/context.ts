// Loads what every command and API route needs — ledger (with an optional scenario overlay), shipped
// datasets, cross-checks — and compiles rules per importer on first use.
import { loadLedger } from '../ledger/load.js';
import { assertLedgerValid, type CheckContext } from '../ledger/check.js';
import type { Ledger } from '../ledger/ledger.js';
import { loadDatasets, type Datasets } from '../datasets/datasets.js';
import { projectPath } from '../util/paths.js';
import { compileImporter, type ImporterRules } from '../engine/compile.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadWithSnapshot } from './snapshot.js';
import { MANIFEST, verifyDataHashes } from '../datasets/verify.js';

export interface ContextOptions {
  ledgerDir?: string;
  dataDir?: string;
}

export class TradewarContext {
  private readonly compiled = new Map<string, ImporterRules>();
  constructor(
    readonly ledger: Ledger,
    readonly data: Datasets,
    readonly label = 'baseline',
  ) {}

  rules(importer: string): ImporterRules {
    let r = this.compiled.get(importer);
    if (!r) this.compiled.set(importer, (r = compileImporter(this.ledger, this.data, importer)));
    return r;
  }

  /** The same data with another ledger (a scenario), checked the same way. */
  withLedger(ledger: Ledger, label: string): TradewarContext {
    assertLedgerValid(ledger, checkContextOf(this.data));
    return new TradewarContext(ledger, this.data, label);
  }
}

export function checkContextOf(data: Datasets): CheckContext {
  return {
    knownLists: new Set(data.lists.keys()),
    knownBaseTables: new Set(data.baseTables.keys()),
    lists: data.lists,
    // re-iterable: each exclusive set walks the importer's codes afresh
    products: new Map(
      [...data.products].map(([importer, codes]) => [importer, { [Symbol.iterator]: () => codes.keys() }] as const),
    ),
  };
}

export const DEFAULT_LEDGER_DIR = projectPath('ledger');
export const DEFAULT_DATA_DIR = projectPath('data');

export async function openContext(opts: ContextOptions = {}): Promise<TradewarContext> {
  const ledgerDir = opts.ledgerDir ?? DEFAULT_LEDGER_DIR;
  const dataDir = opts.dataDir ?? DEFAULT_DATA_DIR;
  // a snapshot holds only inputs that passed these checks, under a key of every file they came from; the data
  // files are still checked against the manifest on every load (size and sha256), snapshot or not
  if (existsSync(join(dataDir, MANIFEST))) verifyDataHashes(dataDir);
  const { ledger, data } = await loadWithSnapshot(ledgerDir, dataDir, async () => {
    const data = await loadDatasets(dataDir);
    const ledger = loadLedger(ledgerDir);
    assertLedgerValid(ledger, checkContextOf(data));
    return { ledger, data };
  });
  return new TradewarContext(ledger, data);
}
