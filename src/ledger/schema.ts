// zod schema of the measures ledger: one YAML file per authority family under ledger/.
// The schema requires citations: every measure names a legal citation and at least one source URL,
// every dated step points at an instrument record.
import { z } from 'zod';
import { DATE_RANGE_TEXT, isDateInRange, isValidIsoDate } from '../util/dates.js';
import { controlScopeSchema } from './control-scope.js';

export const isoDate = z
  .string({ error: 'expected a date written YYYY-MM-DD' })
  .refine(isValidIsoDate, { message: 'expected a real calendar date written YYYY-MM-DD', abort: true })
  .refine(isDateInRange, { message: `date outside the supported range ${DATE_RANGE_TEXT}` });

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, { message: 'ids are lower-case letters, digits, "-", "_" or "."' });

const url = z.string().regex(/^https?:\/\/\S+$/, { message: 'expected an http(s) URL' });

/** ISO 3166 alpha-2 code, or a group id declared in the ledger, or ALL. */
const partnerCode = z.string().regex(/^([A-Z]{2}|ALL|[a-z][a-z0-9_-]+)$/, {
  message: 'expected an ISO 3166 alpha-2 code (e.g. CN), ALL, or a declared group id',
});

export const INSTRUMENT_KINDS = [
  'ad_valorem',
  'specific',
  'mfn',
  'export_control',
  'entity_listing',
  'port_fee',
  'purchase_commitment',
  'investigation',
] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

export { PRICED_KINDS } from './kinds.js';

export const STATUSES = [
  'in_force',
  'threatened',
  'unconfirmed',
  'never_applied',
  'terminated',
  'suspended',
  'scheduled',
] as const;

export const TIMELINE_EVENTS = [
  'announced',
  'effective',
  'rate_change',
  'suspended',
  'resumed',
  'struck_down',
  'terminated',
  'expected',
] as const;

export const legalInstrumentSchema = z
  .object({
    id,
    kind: z.enum([
      'executive_order',
      'proclamation',
      'fr_notice',
      'ustr_notice',
      'statute',
      'court_ruling',
      'agency_rule',
      'agency_guidance',
      'mofcom_announcement',
      'tariff_commission_announcement',
      'joint_statement',
      'fact_sheet',
      'statement',
      'press_report',
    ]),
    title: z.string().min(3),
    citation: z.string().min(2),
    signed: isoDate.optional(),
    published: isoDate.optional(),
    effective: isoDate.optional(),
    /** The primary legal text (Federal Register, proclamation, USTR/BIS notice, court opinion, MOFCOM announcement …). */
    url,
    /** Secondary pages (law-firm notes, press): kept, never the legal basis on their own. */
    also: z.array(url).optional(),
    note: z.string().optional(),
    /** Where `url` is not a primary government text: why (what was searched, what is missing). */
    primary_source_note: z.string().min(3).optional(),
  })
  .strict();

export const partnerScopeSchema = z
  .object({
    include: z.array(partnerCode).min(1),
    exclude: z.array(partnerCode).optional(),
  })
  .strict();

const productRef = z
  .object({
    list: id.optional(),
    prefix: z
      .string()
      .regex(/^\d{2,10}$/, { message: 'a product prefix is 2 to 10 digits without dots' })
      .optional(),
    from: isoDate.optional(),
    until: isoDate.optional(),
    /**
     * The entry covers only some goods of the matched lines (e.g. a product exclusion described in words
     * inside a 10-digit line): the engine reports it with the layer but does not apply it to the line.
     */
    partial: z.boolean().optional(),
    /**
     * For a partial entry: the estimated share (0..1) of the line's goods it covers, used for the expected rate
     * (ADR 9). Without it the expected rate treats the entry like the statutory rate does (covers nothing).
     */
    coverage: z.number().min(0).max(1).optional(),
    /** Where the coverage share comes from (required with `coverage`). */
    coverage_source: z.string().min(3).optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((r) => (r.list === undefined) !== (r.prefix === undefined), {
    message: 'give exactly one of "list" or "prefix"',
  })
  .refine((r) => r.coverage === undefined || (r.partial === true && r.coverage_source !== undefined), {
    message: 'a "coverage" share needs "partial: true" and a "coverage_source"',
  });

export const productScopeSchema = z
  .object({
    all: z.boolean().optional(),
    include: z.array(productRef).optional(),
    exclude: z.array(productRef).optional(),
  })
  .strict()
  .refine((s) => s.all === true || (s.include?.length ?? 0) > 0, {
    message: 'products need "all: true" or at least one include entry',
  });

/** A non-ad-valorem amount (port fee per net ton, commitment in USD...): carried, not priced. */
const amountSchema = z
  .object({
    value: z.number(),
    unit: z.string().min(1),
    note: z.string().optional(),
  })
  .strict();

const rateValue = z.number().min(0).max(1000).nullable();

/**
 * A step, suspension end or event that no source confirms (ADR 82): `confirmed: false` and, in words, what would
 * confirm it (`confirm_by`). Absent means confirmed by the record's instrument or sources.
 */
const confirmation = {
  confirmed: z.boolean().optional(),
  confirm_by: z.string().min(3).optional(),
};
const confirmationComplete = (r: { confirmed?: boolean; confirm_by?: string }) =>
  (r.confirmed === false) === (r.confirm_by !== undefined);
const CONFIRMATION_MESSAGE = '"confirmed: false" needs "confirm_by" (what would confirm it), and "confirm_by" needs "confirmed: false"';

export const scheduleStepSchema = z
  .object({
    date: isoDate,
    event: z.enum(TIMELINE_EVENTS),
    /** Flat rate in percent for every product in scope; null ends the measure. */
    rate: rateValue.optional(),
    /** Rates per included list id (percent); a list missing here keeps its previous rate. */
    rates: z.record(z.string(), rateValue).optional(),
    amounts: z.array(amountSchema).optional(),
    instrument: id,
    expected: z.boolean().optional(),
    /** false: no source confirms this step took effect (ADR 82); figures from its date say so and give the alternative. */
    ...confirmation,
    note: z.string().optional(),
  })
  .strict()
  .refine(confirmationComplete, { message: CONFIRMATION_MESSAGE });

export const basisSchema = z
  .object({
    kind: z.enum(['customs_value', 'content_share']),
    share: z.number().min(0).max(1).optional(),
    /**
     * Per-line content shares from the shipped table data/content_shares.parquet (column steel, aluminum or
     * copper); `share` is then the fallback for lines the table does not hold.
     */
    per_product: z.enum(['steel', 'aluminum', 'copper']).optional(),
    /** Where the share(s) come from, shown with the layer. */
    share_source: z.string().min(3).optional(),
    label: z.string().optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((b) => b.kind === 'customs_value' || b.share !== undefined, {
    message: 'a content_share basis needs "share" (0..1) — the assumed share of the value the duty applies to',
  });

/**
 * The share (0..1) of a line's goods expected to pay the measure, for the expected rate (ADR 9): e.g. the patented
 * share of pharmaceuticals, the qualifying share of chips. The statutory rate ignores it.
 */
export const expectedShareSchema = z
  .object({
    share: z.number().min(0).max(1),
    source: z.string().min(3),
    note: z.string().optional(),
  })
  .strict();

export const measureSchema = z
  .object({
    id,
    title: z.string().min(3),
    imposer: z.string().regex(/^[A-Z]{2}$/),
    targets: partnerScopeSchema,
    instrument: z.enum(INSTRUMENT_KINDS),
    authority: z.string().regex(/^[a-z0-9_]+$/),
    legal_citation: z.string().min(3),
    sources: z.array(url).min(1, { message: 'every measure needs at least one source URL' }),
    status: z.enum(STATUSES),
    status_note: z.string().optional(),
    products: productScopeSchema.optional(),
    /** For the `mfn` instrument: the shipped base-rate table and the vintage in force from each step date. */
    base_table: z.string().optional(),
    basis: basisSchema.optional(),
    /**
     * `additional` (default): the rate adds to the base. `target_total`: the rate is the total duty the measure
     * brings the line to (base + layer = rate; nothing added where the base is already higher).
     */
    rate_type: z.enum(['additional', 'target_total']).optional(),
    expected: expectedShareSchema.optional(),
    /** export_control measures: what the control reaches (elements, headings, thresholds), read by src/controls. */
    control: controlScopeSchema.optional(),
    schedule: z.array(scheduleStepSchema).min(1),
    /** Rows of shared/reference/us-china-measures-2018-2026.md this measure represents. */
    reference_ids: z.array(z.string()).optional(),
    note: z.string().optional(),
  })
  .strict();

export const suspensionEffectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('full') }).strict(),
  z.object({ kind: z.literal('reduce_by'), points: z.number().positive() }).strict(),
  z.object({ kind: z.literal('cap_at'), rate: z.number().min(0) }).strict(),
]);

export const suspensionSchema = z
  .object({
    id,
    title: z.string().min(3),
    measures: z.array(id).min(1),
    /** Optional product scope: the suspension only covers these products (e.g. the auto lines). */
    products: productScopeSchema.optional(),
    /**
     * For partial product entries: the estimated share of each line's goods the suspension covers (expected rate
     * only, ADR 9), unless an entry gives its own; with its source.
     */
    coverage: z.number().min(0).max(1).optional(),
    coverage_source: z.string().min(3).optional(),
    effect: suspensionEffectSchema,
    periods: z
      .array(
        z
          .object({
            from: isoDate,
            until: isoDate.nullable(),
            instrument: id,
            /** Deprecated (ADR 82): read as `confirmed: false` with a generic `confirm_by`. */
            expected_end: z.boolean().optional(),
            /**
             * false: the period's END (`until`) is scheduled, but no source confirms the suspension lapsed then rather
             * than being extended (ADR 82). The start is what the period's instrument enacts.
             */
            ...confirmation,
            note: z.string().optional(),
          })
          .strict()
          .refine(confirmationComplete, { message: CONFIRMATION_MESSAGE })
          .refine((p) => p.confirmed !== false || p.until !== null, {
            message: 'an open-ended period has no end to confirm: drop "confirmed: false"',
          }),
      )
      .min(1),
    sources: z.array(url).min(1),
    status: z.enum(STATUSES).optional(),
    reference_ids: z.array(z.string()).optional(),
    note: z.string().optional(),
  })
  .strict();

const selectorSchema = z
  .object({
    measures: z.array(id).optional(),
    authorities: z.array(z.string()).optional(),
  })
  .strict()
  .refine((s) => (s.measures?.length ?? 0) + (s.authorities?.length ?? 0) > 0, {
    message: 'a selector names measures or authorities',
  });

export const stackingRuleSchema = z
  .object({
    id,
    importer: z.string().regex(/^[A-Z]{2}$/),
    from: isoDate,
    until: isoDate.nullable().optional(),
    /** When any layer matching `when` applies to a product, layers matching `excludes` do not. */
    when: selectorSchema,
    excludes: selectorSchema,
    /**
     * Share-based: when the triggering layer covers only a content share of the value (e.g. 232 on metal
     * content), the excluded layers still apply to the rest of the value.
     */
    on_share: z.boolean().optional(),
    sources: z.array(url).min(1),
    note: z.string().optional(),
  })
  .strict();

/**
 * A set of code lists of one importer that no product may be on twice at the same date (e.g. tranches of one
 * action that a line can carry only one of). `ledger check` fails on a product that two lists of a set reach.
 */
export const exclusiveListsSchema = z
  .object({
    id,
    importer: z.string().regex(/^[A-Z]{2}$/),
    title: z.string().min(3),
    lists: z.array(z.string().min(1)).min(2),
    sources: z.array(url).min(1),
    note: z.string().optional(),
  })
  .strict();

export const EVENT_KINDS = [
  'talks',
  'truce',
  'agreement',
  'ruling',
  'threat',
  'expiry',
  'announcement',
  'summit',
  'statement',
] as const;

export const eventSchema = z
  .object({
    id,
    date: isoDate,
    end_date: isoDate.optional(),
    kind: z.enum(EVENT_KINDS),
    side: z.enum(['US', 'CN', 'both']),
    title: z.string().min(3),
    summary: z.string().optional(),
    sources: z.array(url).min(1),
    status: z.enum(STATUSES).optional(),
    /** false: no source confirms the event happened (e.g. a scheduled expiry), ADR 82. */
    ...confirmation,
    reference_ids: z.array(z.string()).optional(),
    related: z.array(id).optional(),
  })
  .strict()
  .refine(confirmationComplete, { message: CONFIRMATION_MESSAGE });

export const groupSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]+$/),
    title: z.string(),
    members: z.array(
      z
        .object({ code: z.string().regex(/^[A-Z]{2}$/), from: isoDate.optional(), until: isoDate.optional() })
        .strict(),
    ),
    sources: z.array(url).min(1),
  })
  .strict();

/**
 * A purchase commitment in detail (the `purchase_commitment` measure carries its dates and status): what is
 * to be bought, by category, against which targets, with product coverage by HS code. Every target cites an
 * instrument. Targets are either an increment above the category's value in a baseline year (USD), an
 * absolute value (USD) or a quantity (tonnes), each over a half-open window [from, until).
 */
export const commitmentTargetSchema = z
  .object({
    from: isoDate,
    until: isoDate,
    above_baseline_usd: z.number().nonnegative().optional(),
    usd: z.number().nonnegative().optional(),
    tonnes: z.number().nonnegative().optional(),
    instrument: id,
    status: z.enum(STATUSES).optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((t) => [t.above_baseline_usd, t.usd, t.tonnes].filter((v) => v !== undefined).length === 1, {
    message: 'a target gives exactly one of "above_baseline_usd", "usd" or "tonnes"',
  })
  .refine((t) => t.from < t.until, { message: 'a target window needs from < until' });

export const commitmentCategorySchema = z
  .object({
    id,
    title: z.string().min(3),
    /** Product coverage: categories of the commitment's coverage table and/or HS prefixes. */
    coverage: z.array(z.string().min(1)).optional(),
    hs: z.array(z.string().regex(/^\d{2,6}$/, { message: 'an HS prefix is 2 to 6 digits' })).optional(),
    targets: z.array(commitmentTargetSchema),
    /** Why actuals cannot be measured for this category (e.g. no services trade data), stated in every answer. */
    data_gap: z.string().optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((c) => c.data_gap !== undefined || (c.coverage?.length ?? 0) + (c.hs?.length ?? 0) > 0, {
    message: 'a category needs "coverage", "hs" or a stated "data_gap"',
  });

export const commitmentSchema = z
  .object({
    id,
    title: z.string().min(3),
    /** The purchase_commitment measure this record details (dates and status live there). */
    measure: id,
    buyer: z.string().regex(/^[A-Z]{2}$/),
    seller: z.string().regex(/^[A-Z]{2}$/),
    unit: z.enum(['usd', 'tonnes']),
    baseline_year: z.number().int().min(1990).max(2100).optional(),
    /** HS coverage reference: a table of the shipped commitment data (code → category), with its source. */
    coverage: z
      .object({ table: id, citation: z.string().min(3), url, note: z.string().optional() })
      .strict()
      .optional(),
    categories: z.array(commitmentCategorySchema).min(1),
    /** Categories reported together (e.g. all goods), id → member category ids. */
    totals: z
      .array(z.object({ id, title: z.string().min(3), of: z.array(id).min(2) }).strict())
      .optional(),
    sources: z.array(url).min(1, { message: 'every commitment needs at least one source URL' }),
    status: z.enum(STATUSES),
    note: z.string().optional(),
  })
  .strict();

export const ledgerFileSchema = z
  .object({
    family: z.string().min(2),
    description: z.string().optional(),
    instruments: z.array(legalInstrumentSchema).optional(),
    measures: z.array(measureSchema).optional(),
    suspensions: z.array(suspensionSchema).optional(),
    stacking: z.array(stackingRuleSchema).optional(),
    exclusive_lists: z.array(exclusiveListsSchema).optional(),
    events: z.array(eventSchema).optional(),
    groups: z.array(groupSchema).optional(),
    commitments: z.array(commitmentSchema).optional(),
    /** Rows of the reference table deliberately not modelled as records, with the reason. */
    unmodelled: z
      .array(z.object({ reference_id: z.string(), reason: z.string().min(10) }).strict())
      .optional(),
  })
  .strict();

export type LegalInstrument = z.infer<typeof legalInstrumentSchema>;
export type Measure = z.infer<typeof measureSchema>;
export type ScheduleStep = z.infer<typeof scheduleStepSchema>;
export type Suspension = z.infer<typeof suspensionSchema>;
export type SuspensionEffect = z.infer<typeof suspensionEffectSchema>;
export type StackingRule = z.infer<typeof stackingRuleSchema>;
export type ExclusiveLists = z.infer<typeof exclusiveListsSchema>;
export type LedgerEvent = z.infer<typeof eventSchema>;
export type PartnerGroup = z.infer<typeof groupSchema>;
export type ProductScope = z.infer<typeof productScopeSchema>;
export type ProductRef = z.infer<typeof productRef>;
export type Unmodelled = { reference_id: string; reason: string };
export type LedgerFile = z.infer<typeof ledgerFileSchema>;
export type Commitment = z.infer<typeof commitmentSchema>;
export type CommitmentCategory = z.infer<typeof commitmentCategorySchema>;
export type CommitmentTarget = z.infer<typeof commitmentTargetSchema>;
