// Scenario overlays: a small YAML patch over the baseline ledger. Operations follow PolicyEngine's reform
// semantics (a change from a date, or over a bounded range that restores the prior value afterwards) plus
// switching measures on/off and ending or extending suspensions.
import { z } from 'zod';
import {
  eventSchema,
  isoDate,
  legalInstrumentSchema,
  measureSchema,
  suspensionSchema,
  stackingRuleSchema,
  STATUSES,
  TIMELINE_EVENTS,
} from '../ledger/schema.js';

const id = z.string().min(1);
const url = z.string().regex(/^https?:\/\/\S+$/, { message: 'expected an http(s) URL' });
const rate = z.number().min(0, { message: 'a rate is a percent of 0 or more' }).max(1000, { message: 'a rate above 1000% is not plausible' });

export const operationSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('add'),
      instruments: z.array(legalInstrumentSchema).optional(),
      measures: z.array(measureSchema).optional(),
      suspensions: z.array(suspensionSchema).optional(),
      stacking: z.array(stackingRuleSchema).optional(),
      events: z.array(eventSchema).optional(),
      note: z.string().optional(),
    })
    .strict(),
  z
    .object({
      op: z.literal('set'),
      measure: id,
      list: z.string().optional(),
      from: isoDate,
      until: isoDate.optional(),
      rate: rate.nullable(),
      note: z.string().optional(),
    })
    .strict(),
  z.object({ op: z.literal('disable'), measure: id, from: isoDate.optional(), note: z.string().optional() }).strict(),
  z
    .object({
      op: z.literal('patch'),
      measure: id,
      status: z.enum(STATUSES).optional(),
      status_note: z.string().optional(),
      basis_share: z.number().min(0).max(1).optional(),
      note: z.string().optional(),
    })
    .strict(),
  z.object({ op: z.literal('end_suspension'), suspension: id, on: isoDate, note: z.string().optional() }).strict(),
  z.object({ op: z.literal('extend_suspension'), suspension: id, until: isoDate, note: z.string().optional() }).strict(),
  z
    .object({ op: z.literal('cancel_step'), measure: id, date: isoDate, note: z.string().optional() })
    .strict(),
  z.object({ op: z.literal('cancel_event'), event: id, note: z.string().optional() }).strict(),
  z.object({ op: z.literal('cancel_suspension'), suspension: id, note: z.string().optional() }).strict(),
  z
    .object({
      op: z.literal('add_step'),
      measure: id,
      date: isoDate,
      event: z.enum(TIMELINE_EVENTS),
      note: z.string().optional(),
    })
    .strict(),
]);

export const scenarioFileSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'scenario names are lower-case words joined by "-"' }),
    title: z.string().min(3),
    description: z.string().min(10),
    assumptions: z.array(z.string()).optional(),
    sources: z.array(url).min(1, { message: 'a scenario cites at least one source for what it assumes' }),
    operations: z.array(operationSchema),
  })
  .strict();

export type Operation = z.infer<typeof operationSchema>;
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
