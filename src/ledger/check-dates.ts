// Plausibility of the ledger's dates, beyond "a real calendar date in order": a digit typo (2081-07-06 for
// 2018-07-06) is a valid date and keeps a schedule in order, yet silently moves averages. Each dated step is
// checked against the dates of the instrument it cites (signed, published, effective), each suspension period
// against the measures it suspends, and every date against the period the ledger covers.
import type { Ledger } from './ledger.js';
import type { LedgerIssue, SourcePosition } from '../util/errors.js';

/**
 * The period the ledger describes: from the first Section 301 and 232 investigations (2017) to the furthest
 * dated schedule any source announces (port fees through 2028), with room for scheduled steps. A date outside
 * it is almost certainly a typo; widen it here when the ledger grows.
 */
export const LEDGER_PERIOD = { from: '2017-01-01', until: '2030-12-31' } as const;

/**
 * A step may be dated up to two years before the earliest date of its instrument (an investigation announced
 * 401 days before the action that cites it; exclusions granted retroactively) and up to five years after its
 * latest date (a four-year safeguard extension ends 1,459 days after its proclamation; port fees staged over
 * three years). Digit typos in the year (2018 → 2081, 2025 → 2052, 2026 → 2016) fall far outside; a typo of one
 * year is left to the golden cases and the validation figures.
 */
export const DAYS_BEFORE_INSTRUMENT = 2 * 365;
export const DAYS_AFTER_INSTRUMENT = 5 * 365;

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

export function checkLedgerDates(ledger: Ledger): LedgerIssue[] {
  const issues: LedgerIssue[] = [];
  const at = (key: string): SourcePosition =>
    ledger.positions.get(key) ?? ledger.positions.get(key.split('.')[0]!) ?? { file: '?', line: 1, column: 1 };
  const inPeriod = (date: string, what: string, key: string) => {
    if (date < LEDGER_PERIOD.from || date > LEDGER_PERIOD.until)
      issues.push({
        ...at(key),
        message: `${what} ${date} lies outside the period the ledger covers (${LEDGER_PERIOD.from}..${LEDGER_PERIOD.until}): a typo in the year?`,
      });
  };
  const instrumentSpan = (id: string): { lo: string; hi: string } | undefined => {
    const i = ledger.instruments.get(id);
    const ds = [i?.signed, i?.published, i?.effective].filter((d): d is string => !!d).sort();
    return ds.length ? { lo: ds[0]!, hi: ds[ds.length - 1]! } : undefined;
  };
  const nearInstrument = (date: string, instrument: string, what: string, key: string) => {
    const span = instrumentSpan(instrument);
    if (!span) return;
    const before = days(date, span.lo);
    const after = days(span.hi, date);
    if (before > DAYS_BEFORE_INSTRUMENT || after > DAYS_AFTER_INSTRUMENT)
      issues.push({
        ...at(key),
        message: `${what} ${date} is ${before > 0 ? `${before} days before` : `${after} days after`} its instrument "${instrument}" (dated ${span.lo === span.hi ? span.lo : `${span.lo}..${span.hi}`}): check the date for a typo`,
      });
  };

  for (const i of ledger.instruments.values())
    for (const field of ['signed', 'published', 'effective'] as const) {
      const d = i[field];
      if (d) inPeriod(d, `instrument "${i.id}" ${field}`, `${i.id}.${field}`);
    }
  const firstStep = new Map<string, string>();
  for (const m of ledger.measures) {
    m.schedule.forEach((step, j) => {
      const key = `${m.id}.schedule.${j}`;
      inPeriod(step.date, `measure "${m.id}" step`, key);
      nearInstrument(step.date, step.instrument, `measure "${m.id}" step (${step.event})`, key);
    });
    if (m.schedule[0]) firstStep.set(m.id, m.schedule[0].date);
  }
  for (const s of ledger.suspensions) {
    const starts = s.measures.map((id) => firstStep.get(id)).filter((d): d is string => !!d);
    const measureStart = starts.sort()[0];
    for (const p of s.periods) {
      const key = `${s.id}.periods`;
      inPeriod(p.from, `suspension "${s.id}" period start`, key);
      if (p.until) inPeriod(p.until, `suspension "${s.id}" period end`, key);
      nearInstrument(p.from, p.instrument, `suspension "${s.id}" period start`, key);
      if (measureStart && p.from < measureStart)
        issues.push({
          ...at(key),
          message: `suspension "${s.id}" starts ${p.from}, before the measure it suspends begins (${measureStart}): check the dates`,
        });
    }
  }
  for (const e of ledger.events) {
    inPeriod(e.date, `event "${e.id}"`, e.id);
    if (e.end_date) inPeriod(e.end_date, `event "${e.id}" end_date`, e.id);
  }
  return issues;
}
