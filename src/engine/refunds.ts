// What a court ruling puts in question on one stretch of a duty stack: the layers of measures the ledger marks
// struck down (assessed at entry, not owed). `tradewar refund` and the entry-file batch both price refunds
// with this one rule (ADR 4).
import type { LayerContribution } from '../contract/answers.js';

export interface StruckDown {
  /** Sum of the struck-down layers' contributions, percentage points of the customs value. */
  pct: number;
  measures: string[];
}

export function struckDownLayers(layers: readonly LayerContribution[]): StruckDown {
  const struck = layers.filter((l) => !l.owed);
  return { pct: struck.reduce((s, l) => s + l.pct, 0), measures: struck.map((l) => l.measure) };
}
