// What an export-control measure reaches, as data the controls rules read (src/controls): the elements and
// tariff headings it lists, the destinations it names, the content threshold of an extraterritorial rule, the
// lists whose affiliates it covers. Dates stay on the measure's schedule and suspensions.
import { z } from 'zod';
import { isValidIsoDate } from '../util/dates.js';

const element = z.string().regex(/^[A-Z][a-z]?$/, { message: 'a chemical element symbol, e.g. Dy or Ga' });
const hsPrefix = z.string().regex(/^\d{4,10}$/, { message: 'an HS/HTS prefix of 4 to 10 digits, no dots' });
const date = z.string().refine(isValidIsoDate, { message: 'expected a real calendar date written YYYY-MM-DD' });

export const CONTROL_KINDS = [
  /** Items of these elements/headings exported from the imposing country need a licence. */
  'origin_items',
  /** Foreign-made items containing the imposer's controlled content at or above a value share. */
  'extraterritorial_content',
  /** Exports of these items to the named destinations are refused in principle (a ban, not a licence). */
  'destination_ban',
  /** Technologies (production know-how): reported, not tested against a bill of materials. */
  'technology',
  /** Entities owned ≥ threshold by parties on the named lists are treated as listed. */
  'affiliates',
] as const;

export const controlScopeSchema = z
  .object({
    kind: z.enum(CONTROL_KINDS),
    elements: z.array(element).optional(),
    /** Headings of the controlled items (metals, oxides, compounds, magnets...). */
    hs_prefixes: z.array(hsPrefix).optional(),
    /** Words that describe the items when no element applies (superhard materials, battery cathodes...). */
    items: z.array(z.string().min(2)).optional(),
    /** Destinations the rule names (default: the measure's targets). */
    destinations: z.array(z.string().regex(/^([A-Z]{2}|ALL)$/)).optional(),
    /** extraterritorial_content: the smallest share (percent of the item's value) of controlled content that triggers. */
    de_minimis_pct: z.number().min(0).max(100).optional(),
    /** The prong starts later than the measure (e.g. the foreign-made prong of MOFCOM No. 61 on 2025-12-01). */
    applies_from: date.optional(),
    /** affiliates: the lists whose parties make their ≥ threshold subsidiaries covered, and the threshold. */
    lists: z.array(z.string()).optional(),
    sdn_programs: z.array(z.string()).optional(),
    threshold_pct: z.number().min(0).max(100).optional(),
    /** Article or annex of the instrument this scope comes from. */
    article: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();

export type ControlScope = z.infer<typeof controlScopeSchema>;
