// ADR 82: `confirmed: false` with `confirm_by` on steps, suspension ends and events; the older expected_end still read.
import { describe, expect, it } from 'vitest';
import { eventSchema, scheduleStepSchema, suspensionSchema } from '../../src/ledger/schema.js';
import { endUnconfirmed, unconfirmedItems } from '../../src/ledger/unconfirmed.js';
import { emptyLedger } from '../../src/ledger/ledger.js';

const period = { from: '2025-11-10', until: '2026-11-10', instrument: 'i1' };
const suspension = (p: object) => ({
  id: 's1',
  title: 'One-year suspension of the test duty (Busan)',
  measures: ['m1'],
  effect: { kind: 'full' },
  sources: ['https://example.org/s1'],
  periods: [p],
});

describe('confirmed: false (ADR 82)', () => {
  it('needs confirm_by, and confirm_by needs confirmed: false', () => {
    expect(suspensionSchema.safeParse(suspension({ ...period, confirmed: false })).success).toBe(false);
    expect(suspensionSchema.safeParse(suspension({ ...period, confirm_by: 'a notice' })).success).toBe(false);
    expect(
      suspensionSchema.safeParse(suspension({ ...period, confirmed: false, confirm_by: 'a notice extending it' }))
        .success,
    ).toBe(true);
    const step = { date: '2027-01-01', event: 'rate_change', rate: 15, instrument: 'i1' };
    expect(scheduleStepSchema.safeParse({ ...step, confirmed: false }).success).toBe(false);
    expect(scheduleStepSchema.safeParse({ ...step, confirmed: false, confirm_by: 'a proclamation' }).success).toBe(
      true,
    );
    const event = {
      id: 'e1',
      date: '2026-11-10',
      kind: 'expiry',
      side: 'both',
      title: 'Truce expires',
      sources: ['https://example.org/e1'],
    };
    expect(eventSchema.safeParse({ ...event, confirmed: false }).success).toBe(false);
    expect(eventSchema.safeParse({ ...event, confirmed: false, confirm_by: 'a notice' }).success).toBe(true);
  });

  it('refuses it on an open-ended period (no end to confirm)', () => {
    const open = { ...period, until: null, confirmed: false, confirm_by: 'a notice' };
    expect(suspensionSchema.safeParse(suspension(open)).success).toBe(false);
  });

  it('reads the older expected_end: true as an unconfirmed end', () => {
    const s = suspensionSchema.parse(suspension({ ...period, expected_end: true }));
    expect(endUnconfirmed(s.periods[0]!)).toBe(true);
    const ledger = { ...emptyLedger(), suspensions: [s] };
    const [item] = unconfirmedItems(ledger);
    expect(item).toMatchObject({
      id: 's1',
      date: '2026-11-10',
      assumption: 'assumes the one-year suspension of the test duty lapsed on 2026-11-10 (unconfirmed)',
      alternative: 'if it was extended (to 2027-11-10)',
      operation: { op: 'extend_suspension', suspension: 's1', until: '2027-11-10' },
      statutory: true,
    });
  });

  it('turns an unconfirmed step into a cancel_step alternative', () => {
    const ledger = emptyLedger();
    ledger.measures.push({
      id: 'm1',
      title: 'Test duty',
      imposer: 'US',
      targets: { include: ['CN'] },
      instrument: 'ad_valorem',
      authority: 'test',
      legal_citation: 'test',
      sources: ['https://example.org/m1'],
      status: 'in_force',
      schedule: [
        { date: '2026-01-01', event: 'effective', rate: 10, instrument: 'i1' },
        {
          date: '2027-01-01',
          event: 'rate_change',
          rate: 15,
          instrument: 'i1',
          confirmed: false,
          confirm_by: 'a notice',
        },
      ],
    });
    expect(unconfirmedItems(ledger)).toEqual([
      expect.objectContaining({
        id: 'm1@2027-01-01',
        kind: 'step',
        operation: { op: 'cancel_step', measure: 'm1', date: '2027-01-01' },
        confirm_by: 'a notice',
      }),
    ]);
  });
});
