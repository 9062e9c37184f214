// Annex II (IEEPA reciprocal exemptions) is read from the legal text: HTSUS ch. 99 U.S. note 2(v)(iii)(a).
import { describe, expect, it } from 'vitest';
import { annexIiCodesFromNotes } from '../../scripts/data-build/ieepa-annex-ii.js';

const NOTE = `
(iii)
                          Harmonized Tariff Schedule of the United States Revision 6 (2026)                  XXII
                                                                                                        99 - III - 5
U.S. Notes (con.)

                (a) As provided for in heading 9903.01.32, the additional duties imposed by headings 9903.01.25, 9903.01.35,
                          9903.02.87-9903.02.88 shall not apply to products classified in the following subheadings of the HTSUS:
                          [Compiler's note: List may appear or continue on a subsequent page.]
                   Harmonized Tariff Schedule of the United States Revision 6 (2026)
99 - III - 6
                   0201.10.05  0201.10.10  0201.10.50
                   8112.99.10  8112.99.91           8471
                   8473.30     8486                 8505.11.0070
                   0201.10.05

(b) As provided in heading 9903.02.78, the additional duties imposed by headings 9903.01.25 shall not apply to:

(1) Etrogs (classifiable in subheading 0805.90.01)
`;

describe('Annex II from the chapter 99 notes', () => {
  it('reads the subheadings of note 2(v)(iii)(a) at any depth, once each, and nothing after (b)', () => {
    expect(annexIiCodesFromNotes(NOTE)).toEqual([
      '02011005',
      '02011010',
      '02011050',
      '81129910',
      '81129991',
      '8471',
      '847330',
      '8486',
      '8505110070',
    ]);
  });

  it('fails when the note is missing', () => {
    expect(() => annexIiCodesFromNotes('no such note')).toThrow(/2\(v\)\(iii\)\(a\)/);
  });
});
