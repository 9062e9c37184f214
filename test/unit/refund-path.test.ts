// The refund path of an IEEPA refund (issue 18): CAPE, protest or court order from the liquidation date, the same
// rule in TypeScript (tradewar refund) and in SQL (tradewar entries).
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { refundPath } from '../../src/engine/refunds.js';
import { refundPathSql } from '../../src/entries/sql.js';

const AT = '2026-06-01';
const cases: Array<[string | null, 'cape' | 'protest' | 'court']> = [
  [null, 'cape'], // unliquidated
  ['2026-07-01', 'cape'], // liquidates after the date asked
  ['2026-06-01', 'cape'],
  ['2026-03-13', 'cape'], // 80 days
  ['2026-03-12', 'protest'], // 81 days
  ['2025-12-04', 'protest'], // 179 days
  ['2025-12-03', 'court'], // 180 days: final
  ['2025-06-01', 'court'],
];

describe('refund path', () => {
  it.each(cases)('liquidated %s → %s', (liq, path) => {
    expect(refundPath(liq, AT)).toBe(path);
  });

  it('the SQL of the entry batch gives the same paths, and none without refundable duty', async () => {
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    try {
      const values = cases.map(([d], i) => `(${i}, ${d ? `DATE '${d}'` : 'NULL::DATE'}, 10.0)`).join(', ');
      const r = await conn.runAndReadAll(
        `SELECT i, ${refundPathSql('liq', 'refundable', AT)} AS path FROM (VALUES ${values}, (99, NULL::DATE, 0.0)) t(i, liq, refundable) ORDER BY i`,
      );
      const got = r.getRowObjectsJS().map((x) => x.path);
      expect(got).toEqual([...cases.map(([, p]) => p), null]);
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
  });
});
