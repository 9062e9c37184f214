// The loaded ledger: every record of every family file, with where it was written.
import type {
  Commitment,
  ExclusiveLists,
  LedgerEvent,
  LegalInstrument,
  Measure,
  PartnerGroup,
  StackingRule,
  Suspension,
  Unmodelled,
} from './schema.js';
import { unconfirmedEnd } from './unconfirmed.js';
import type { SourcePosition } from '../util/errors.js';

export interface Ledger {
  instruments: Map<string, LegalInstrument>;
  measures: Measure[];
  suspensions: Suspension[];
  stacking: StackingRule[];
  /** Sets of lists a product may be on only one of at a time (checked against the shipped lists). */
  exclusiveLists: ExclusiveLists[];
  events: LedgerEvent[];
  groups: PartnerGroup[];
  commitments: Commitment[];
  unmodelled: Unmodelled[];
  /** Where each record (by id) and each of its fields was written: `id` or `id.path.to.field`. */
  positions: Map<string, SourcePosition>;
  files: string[];
}

export function emptyLedger(): Ledger {
  return {
    instruments: new Map(),
    measures: [],
    suspensions: [],
    stacking: [],
    exclusiveLists: [],
    events: [],
    groups: [],
    commitments: [],
    unmodelled: [],
    positions: new Map(),
    files: [],
  };
}

export function measureById(ledger: Ledger): Map<string, Measure> {
  return new Map(ledger.measures.map((m) => [m.id, m]));
}

/** Latest date written anywhere in the ledger up to `notAfter`: the "ledger as of" freshness stamp. */
export function ledgerAsOf(ledger: Ledger, notAfter: string): string {
  let latest = '0000-00-00';
  const see = (d?: string | null) => {
    if (d && d <= notAfter && d > latest) latest = d;
  };
  for (const i of ledger.instruments.values()) {
    see(i.signed);
    see(i.published);
    see(i.effective);
  }
  for (const m of ledger.measures) for (const s of m.schedule) see(s.date);
  for (const s of ledger.suspensions) for (const p of s.periods) see(p.from);
  for (const e of ledger.events) see(e.date);
  return latest;
}

/**
 * Suspensions whose last period was only scheduled to end (`confirmed: false`, ADR 82) on or before `today`: figures after
 * that date assume the suspension ended, which no source in the ledger confirms.
 */
export function assumedLapses(ledger: Ledger, today: string): string[] {
  const out: string[] = [];
  for (const s of ledger.suspensions) {
    const last = unconfirmedEnd(s);
    if (last && last.until !== null && last.until <= today)
      out.push(
        `${s.title}: scheduled to end on ${last.until}; whether it was extended is unconfirmed, and the figures assume it ended`,
      );
  }
  return out;
}
