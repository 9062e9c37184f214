// Answers of /api/hts/* (issue 19, ADR 83): the official schedule held against the ledger.
import { R, type JsonSchema } from './schemas.js';

const { obj, str, num, arrayOf } = R;
const int = (description: string): JsonSchema => ({ type: 'integer', description });
const nullable = (type: string, description: string): JsonSchema => ({ type: [type, 'null'], description });
const HEADING_STATUS = ['modelled', 'unmodelled', 'rate_mismatch', 'not_applicable', 'explained'];

export const htsRevisionsSchema = arrayOf(
  obj({
    revision: str('revision name (2025_basic, 2026_rev_10)'),
    effective_date: str('date the revision took effect, YYYY-MM-DD'),
    until: nullable('string', "the next revision's effective date (null for the latest)"),
    parse_errors: int('heading rates the parser could not read'),
  }),
);

export const htsAuditSchema = obj({
  revision: str('revision audited'),
  date: str('date audited on (the revision effective date)'),
  headings: arrayOf(
    obj({
      heading: str('Chapter 99 heading, 9903.xx.xx'),
      text: str("the heading's article description"),
      rate: str('its rate as printed'),
      ledger_ids: arrayOf(str('ledger record citing the heading and reaching the origin')),
      status: str('against the ledger on the date', { enum: HEADING_STATUS }),
      reason: nullable('string', 'why, in words (null when modelled at the same rate)'),
    }),
  ),
  membership: obj({
    lines_checked: int('HTS10 lines checked'),
    mismatches: arrayOf(
      obj({
        line: str('HTS10 line'),
        hts_headings: arrayOf(str('heading its footnotes (or its parents’) name')),
        ledger_ids: arrayOf(str('ledger measure in scope')),
        value_usd: num('2024 imports from the origin, USD'),
      }),
    ),
    value_at_stake_usd: num('2024 imports on mismatched lines, USD'),
    value_share: num('share of 2024 imports from the origin on mismatched lines (0..1)'),
  }),
  parse_errors: int('heading rates the parser could not read'),
});

export const htsAuditSummarySchema = arrayOf(
  obj({
    revision: str('revision'),
    date: str('its effective date'),
    headings_reaching: int('headings whose text reaches the origin'),
    modelled: int('headings the ledger models at the same rate'),
    unmodelled: int('headings no ledger record reaching the origin cites'),
    rate_mismatch: int("headings whose rate differs from the ledger's"),
    explained: int('headings not modelled, with a reviewed reason (ledger/us/hts-audit.yaml)'),
    lines_checked: int('HTS10 lines checked'),
    mismatches: int('lines whose footnotes disagree with the engine'),
    value_at_stake_usd: num('2024 imports on mismatched lines, USD'),
    value_share: num('their share of 2024 imports from the origin (0..1)'),
    parse_errors: int('heading rates the parser could not read'),
  }),
);

export const htsLineSchema = obj({
  product: str('HTS10 line'),
  description: str("the line's description in the revision"),
  date: str('date asked'),
  origin: str('origin of the goods'),
  revision: obj({ revision: str('revision in force on the date'), effective_date: str('its effective date') }),
  general: str('general (column 1) rate as printed'),
  headings: arrayOf(
    obj({
      heading: str('Chapter 99 heading a footnote of the line (or of a parent line) names'),
      text: str("the heading's article description"),
      rate: str('its rate as printed'),
      rate_kind: str('the rate expression parsed (plus_pct, base_only, ...)'),
      rate_pct: nullable('number', 'its ad valorem percentage, when it has one'),
      own: { type: 'boolean', description: 'named on the line itself (false: on a parent line)' },
      reaches_origin: { type: 'boolean', description: 'its text reaches goods of the origin on the date' },
      ledger_ids: arrayOf(str('ledger record citing the heading that applies to the line on the date')),
      status: str('against the ledger', { enum: ['agree', 'schedule_only', 'not_for_origin'] }),
    }),
  ),
  ledger: arrayOf(
    obj({
      id: str('ledger record id'),
      kind: str('measure or suspension', { enum: ['measure', 'suspension'] }),
      title: str('its title'),
      rate_pct: nullable('number', 'what the layer adds on the date, percentage points (null: a suspension)'),
      headings: arrayOf(str('heading it cites that the schedule names for the line')),
      cites: arrayOf(str('every Chapter 99 heading or range it cites')),
      status: str('against the schedule', { enum: ['agree', 'ledger_only'] }),
    }),
  ),
  counts: obj({
    agree: int('headings both name'),
    schedule_only: int('headings only the schedule names'),
    ledger_only: int('ledger layers the schedule names no heading for'),
  }),
  agree: { type: 'boolean', description: 'nothing on one side only' },
});
