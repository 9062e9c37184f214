// The sources behind the ledger's instruments: how many cite a primary government text (`ledger check`), and
// which do not (`ledger coverage --sources`). The host patterns live in ledger/primary-sources.ts.
import type { Ledger } from '../ledger/ledger.js';
import {
  instrumentSourceRows,
  primaryShare,
  type InstrumentSide,
  type PrimaryShare,
} from '../ledger/primary-sources.js';

export type MissingPrimaryRow = {
  id: string;
  side: InstrumentSide;
  /** file:line of the instrument */
  file: string;
  url: string;
  /** The record's `primary_source_note` (why no primary text is cited), or empty. */
  note: string;
};

/** Instruments whose `url` is not a primary government text, by side (US, CN, other), file and line. */
export function instrumentsWithoutPrimary(ledger: Ledger): MissingPrimaryRow[] {
  const order: Record<InstrumentSide, number> = { US: 0, CN: 1, other: 2 };
  return instrumentSourceRows(ledger)
    .filter((r) => !r.primary)
    .sort((a, b) => order[a.side] - order[b.side] || a.file.localeCompare(b.file) || a.line - b.line)
    .map((r) => ({ id: r.id, side: r.side, file: `${r.file}:${r.line}`, url: r.url, note: r.note ?? '' }));
}

export function ledgerPrimaryShare(ledger: Ledger): PrimaryShare {
  return primaryShare(ledger);
}
