// Which instrument kinds the tariff arithmetic prices. A module of its own (no schema library) so the engine
// can use it without loading the ledger's schema.
export const PRICED_KIND_NAMES = ['ad_valorem', 'specific', 'mfn'] as const;

/** Instruments the tariff arithmetic prices; the others are carried, dated and listed, never dropped. */
export const PRICED_KINDS: ReadonlySet<string> = new Set(PRICED_KIND_NAMES);
