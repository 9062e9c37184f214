// The context snapshot gives back exactly what loading the ledger and data gives, and is rebuilt when an input changes.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWithSnapshot, type LoadedInputs } from '../../src/service/snapshot.js';
import { loadDatasets } from '../../src/datasets/datasets.js';
import { loadLedger } from '../../src/ledger/load.js';
import { DEFAULT_DATA_DIR, DEFAULT_LEDGER_DIR } from '../../src/service/context.js';

describe('context snapshot', () => {
  it('round-trips the shipped inputs exactly and reloads when a file changes', async () => {
    process.env.TRADEWAR_CACHE = mkdtempSync(join(tmpdir(), 'tradewar-snapshot-'));
    try {
      let loads = 0;
      const load = async (): Promise<LoadedInputs> => {
        loads++;
        return { ledger: loadLedger(DEFAULT_LEDGER_DIR), data: await loadDatasets(DEFAULT_DATA_DIR) };
      };
      const fresh = await loadWithSnapshot(DEFAULT_LEDGER_DIR, DEFAULT_DATA_DIR, load);
      expect(readdirSync(process.env.TRADEWAR_CACHE).filter((f) => f.endsWith('.v8'))).toHaveLength(1);
      const again = await loadWithSnapshot(DEFAULT_LEDGER_DIR, DEFAULT_DATA_DIR, load);
      expect(loads).toBe(1);
      expect(again.data).toEqual(fresh.data);
      expect(again.ledger).toEqual(fresh.ledger);
      // touching one ledger file invalidates the snapshot
      const file = fresh.ledger.files[0]!;
      const now = new Date();
      utimesSync(file, now, now);
      await loadWithSnapshot(DEFAULT_LEDGER_DIR, DEFAULT_DATA_DIR, load);
      expect(loads).toBe(2);
    } finally {
      delete process.env.TRADEWAR_CACHE;
    }
  }, 120_000);
});
