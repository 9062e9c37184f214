// What a court ruling puts in question on one stretch of a duty stack: the layers of measures the ledger marks
// struck down (assessed at entry, not owed). `tradewar refund` and the entry-file batch both price refunds
// with this one rule (ADR 4), and both name the refund path of an entry from its liquidation date with
// `refundPath` below (the entry batch runs the same rule as SQL: `refundPathSql` in src/entries/sql.ts).
import type { LayerContribution } from '../contract/answers.js';
import { daysBetween } from '../util/dates.js';

export interface StruckDown {
  /** Sum of the struck-down layers' contributions, percentage points of the customs value. */
  pct: number;
  measures: string[];
}

export function struckDownLayers(layers: readonly LayerContribution[]): StruckDown {
  const struck = layers.filter((l) => !l.owed);
  return { pct: struck.reduce((s, l) => s + l.pct, 0), measures: struck.map((l) => l.measure) };
}

/**
 * How an IEEPA refund is obtained for an entry (ledger: us-ieepa refund events of 2026):
 * - `cape`: CBP's CAPE portal (ACE), open from 2026-04-20, phase 1 for unliquidated entries and entries
 *   liquidated within the preceding 80 days (CBP CSMS guidance of 2026-04-13);
 * - `protest`: a protest under 19 U.S.C. 1514, within 180 days of liquidation;
 * - `court`: liquidation is final (180 days passed unprotested): the government's position, which it told the CIT on
 *   2026-05-29 it would appeal, is that each importer needs its own court order.
 */
export type RefundPath = 'cape' | 'protest' | 'court';

export const CAPE_LIQUIDATED_DAYS = 80;
export const PROTEST_DAYS = 180;
export const CAPE_OPENED = '2026-04-20';

/** The refund path of an entry liquidated on `liquidation` (null: unliquidated), as of the date `asOf`. */
export function refundPath(liquidation: string | null | undefined, asOf: string): RefundPath {
  if (!liquidation || liquidation > asOf) return 'cape';
  const days = daysBetween(liquidation, asOf);
  if (days <= CAPE_LIQUIDATED_DAYS) return 'cape';
  if (days < PROTEST_DAYS) return 'protest';
  return 'court';
}

export const REFUND_PATH_TEXT: Record<RefundPath, string> = {
  cape: `CBP's CAPE portal (open from ${CAPE_OPENED}; phase 1 takes unliquidated entries and entries liquidated within ${CAPE_LIQUIDATED_DAYS} days)`,
  protest: `a protest to CBP (19 U.S.C. 1514) within ${PROTEST_DAYS} days of liquidation: outside CAPE phase 1`,
  court: `liquidation is final (${PROTEST_DAYS} days passed): a court order for the importer (the government told the CIT on 2026-05-29 it would appeal the order to refund finally liquidated entries)`,
};
