// The fast screening path must give the same answers as the straightforward one it replaced: tw-name-1 is a
// versioned algorithm, so a speed-up may not move a score. reference-v1/ holds the normalisation, comparison,
// index and screening code as they were before the speed work (commit 272540d); this test runs both on
// nomenklatura's cases-dev pairs and on queries against the shipped lists and wants the same hits, the same scores
// (to 1e-9) and the same explanations.
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALGORITHMS } from '../../src/controls/names/algorithms.js';
import { normalizeName } from '../../src/controls/names/normalize.js';
import { schemaOf } from '../../src/controls/names/pairs.js';
import { parseCsv } from '../../src/controls/io/csv-read.js';
import { screenParty, type ScreenQuery } from '../../src/controls/screening/screen.js';
import type { ScreeningIndex } from '../../src/controls/screening/index.js';
import { openContext } from '../../src/service/context.js';
import { listsFor } from '../../src/service/controls.js';
import { projectPath } from '../../src/util/paths.js';
import { ALGORITHMS as REF_ALGORITHMS } from './reference-v1/algorithms.js';
import { normalizeName as refNormalizeName } from './reference-v1/normalize.js';
import { ScreeningIndex as RefIndex } from './reference-v1/index.js';
import { screenParty as refScreenParty } from './reference-v1/screen.js';

const CASES = projectPath('..', 'shared', 'data', 'controls', 'name-match-pairs', 'cases-dev.csv');

describe.skipIf(!existsSync(CASES))('fast path = reference on cases-dev', () => {
  it('gives every pair the same score with every algorithm', () => {
    const rows = parseCsv(readFileSync(CASES, 'utf8'), ['schema', 'name1', 'name2'], 'cases-dev');
    expect(rows.length).toBe(425);
    for (const [id, algo] of ALGORITHMS) {
      const ref = REF_ALGORITHMS.get(id)!;
      for (const { values } of rows) {
        const schema = schemaOf(values.schema);
        const a = normalizeName(values.name1!, schema);
        const b = normalizeName(values.name2!, schema);
        const expected = ref.compare(refNormalizeName(values.name1!, schema), refNormalizeName(values.name2!, schema));
        const explained = algo.compare(a, b, true);
        expect(Math.abs(explained.score - expected.score), `${id}: ${values.name1} ~ ${values.name2}`).toBeLessThan(
          1e-9,
        );
        expect(explained.features).toEqual(expected.features);
        expect(Math.abs(algo.score(a, b) - expected.score), `${id} fast: ${values.name1}`).toBeLessThan(1e-9);
      }
    }
  });
});

/** Queries as a user types them: listed names as written, upper-cased, reordered, with a letter dropped or
 *  swapped, a word left out; names on no list; some with a country, an address, an identifier or a schema. */
function queriesFor(index: ScreeningIndex, n: number): ScreenQuery[] {
  const out: ScreenQuery[] = [];
  const unlisted = ['Plainfield Widgets Inc', 'Anna Schmidt', '北京晨光文具有限公司', 'Nordlicht Maschinenbau GmbH'];
  for (let k = 0; out.length < n; k++) {
    const entry = index.names[(k * 104_729) % index.names.length]!;
    const party = index.parties[entry.party]!;
    let name = entry.name;
    const words = name.split(/\s+/);
    switch (k % 7) {
      case 1:
        name = name.toUpperCase();
        break;
      case 2:
        name = words.reverse().join(' ');
        break;
      case 3: {
        const i = Math.floor(name.length / 3);
        name = name.slice(0, i) + name.slice(i + 1);
        break;
      }
      case 4: {
        const i = Math.floor(name.length / 2);
        name = name.slice(0, i) + name.charAt(i + 1) + name.charAt(i) + name.slice(i + 2);
        break;
      }
      case 5:
        if (words.length > 2) name = words.filter((_, i) => i !== 1).join(' ');
        break;
      case 6:
        name = `${unlisted[k % unlisted.length]!} ${k % 31}`;
        break;
    }
    const q: ScreenQuery = { name };
    if (k % 3 === 0) q.country = k % 2 ? party.country || 'CN' : 'US';
    if (k % 11 === 0 && party.addresses[0]) q.address = party.addresses[0];
    if (k % 13 === 0 && party.identifiers[0]) q.identifiers = [party.identifiers[0].value];
    if (k % 17 === 0) q.schema = party.schema === 'Person' ? 'Person' : 'Company';
    if (k % 5 === 0) q.date = '2024-01-01';
    out.push(q);
  }
  return out;
}

const QUALIFIERS = new Set(['identifier', 'country_match', 'country_mismatch', 'address_overlap']);

describe('fast path = reference on the shipped lists', () => {
  let index: ScreeningIndex;
  let ref: RefIndex;
  beforeAll(async () => {
    const ctx = await openContext();
    index = (await listsFor(ctx)).index;
    ref = new RefIndex(index.parties);
  });

  it('normalises every listed name the same way', () => {
    for (const n of index.names) {
      const { raw, ...form } = normalizeName(n.name, index.parties[n.party]!.schema);
      const { raw: refRaw, ...expected } = refNormalizeName(n.name, index.parties[n.party]!.schema);
      expect(raw).toBe(refRaw);
      expect(form).toMatchObject(expected);
    }
  });

  it('gives 3,000 queries the same hits, scores and explanations (three thresholds, every algorithm)', () => {
    let hits = 0;
    let k = 0;
    for (const q of queriesFor(index, 3000)) {
      const algorithm = ['tw-name-1', 'tw-name-1', 'tw-name-1', 'tw-jaro-1', 'tw-literal-1'][k++ % 5]!;
      for (const threshold of [undefined, 0.5, 0.9]) {
        const got = screenParty(index, q, { threshold, limit: 50, algorithm }).hits;
        const want = refScreenParty(ref, q, { threshold, limit: 50, algorithm }).hits;
        const label = JSON.stringify(q);
        expect(
          got.map((h) => `${h.list}|${h.party_id}|${h.matched_name}`),
          label,
        ).toEqual(want.map((h) => `${h.list}|${h.party_id}|${h.matched_name}`));
        got.forEach((h, i) => {
          expect(Math.abs(h.score - want[i]!.score), label).toBeLessThan(1e-9);
          if (h.features[0]?.feature === 'identifier' && want[i]!.features[0]?.feature !== 'identifier') {
            // found by its identifier alone: explained by it now (the old code put the features of a name it had
            // not compared in its place, and they could push out the qualifiers too)
            expect(
              h.features.slice(1).every((f) => QUALIFIERS.has(f.feature)),
              label,
            ).toBe(true);
            return;
          }
          expect(h.features, label).toEqual(want[i]!.features);
        });
        hits += got.length;
      }
    }
    expect(hits).toBeGreaterThan(3000);
  });
});

describe('explanations of identifier hits', () => {
  it('an entry found by its identifier alone is explained by the identifier (the name was never compared)', async () => {
    const { index } = await listsFor(await openContext());
    const party = index.parties.find((p) =>
      p.identifiers.some((i) => i.value.replace(/[^A-Za-z0-9]/g, '').length >= 5),
    )!;
    const id = party.identifiers.find((i) => i.value.replace(/[^A-Za-z0-9]/g, '').length >= 5)!.value;
    const hit = screenParty(index, { name: 'Plainfield Widgets Inc', identifiers: [id] }).hits.find(
      (h) => h.party_id === party.id,
    )!;
    expect(hit.score).toBe(0.95);
    expect(hit.features.map((f) => f.feature)).toEqual(['identifier']);
  });
});
