// zod schema of the measures ledger: one YAML file per authority family under ledger/.
// The schema requires citations: every measure names a legal citation and at least one source URL,
// every dated step points at an instrument record.
import { z } from 'zod';
import { isValidIsoDate } from '../util/dates.js';
import { controlScopeSchema } from './control-scope.js';

export const isoDate = z
  .string({ error: 'expected a date written YYYY-MM-DD' })
  .refine(isValidIsoDate, { message: 'expected a real calendar date written YYYY-MM-DD' });

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

/** Instruments the tariff arithmetic prices; the others are carried, dated and listed, never dropped. */
export const PRICED_KINDS: ReadonlySet<InstrumentKind> = new Set(['ad_valorem', 'specific', 'mfn']);

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
    url,
    also: z.array(url).optional(),
    note: z.string().optional(),
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
    note: z.string().optional(),
  })
  .strict()
  .refine((r) => (r.list === undefined) !== (r.prefix === undefined), {
    message: 'give exactly one of "list" or "prefix"',
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
    note: z.string().optional(),
  })
  .strict();

export const basisSchema = z
  .object({
    kind: z.enum(['customs_value', 'content_share']),
    share: z.number().min(0).max(1).optional(),
    label: z.string().optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((b) => b.kind === 'customs_value' || b.share !== undefined, {
    message: 'a content_share basis needs "share" (0..1) — the assumed share of the value the duty applies to',
  });

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
    effect: suspensionEffectSchema,
    periods: z
      .array(
        z
          .object({
            from: isoDate,
            until: isoDate.nullable(),
            instrument: id,
            expected_end: z.boolean().optional(),
            note: z.string().optional(),
          })
          .strict(),
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
    reference_ids: z.array(z.string()).optional(),
    related: z.array(id).optional(),
  })
  .strict();

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

export const ledgerFileSchema = z
  .object({
    family: z.string().min(2),
    description: z.string().optional(),
    instruments: z.array(legalInstrumentSchema).optional(),
    measures: z.array(measureSchema).optional(),
    suspensions: z.array(suspensionSchema).optional(),
    stacking: z.array(stackingRuleSchema).optional(),
    events: z.array(eventSchema).optional(),
    groups: z.array(groupSchema).optional(),
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
export type LedgerEvent = z.infer<typeof eventSchema>;
export type PartnerGroup = z.infer<typeof groupSchema>;
export type ProductScope = z.infer<typeof productScopeSchema>;
export type ProductRef = z.infer<typeof productRef>;
export type Unmodelled = { reference_id: string; reason: string };
export type LedgerFile = z.infer<typeof ledgerFileSchema>;
