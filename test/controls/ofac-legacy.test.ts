// OFAC's legacy SDN layout: sdn.csv with add.csv, alt.csv and sdn_comments.csv beside it (a fixture written for
// the test), the real 2024-05-03 sdn.csv of the mirror (read in place: it has no add.csv or alt.csv), listing
// dates from the remarks in the shipped table, and a user's own list CSV.
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPartiesFrom, type Party } from '../../src/controls/lists/parties.js';
import { parseSdnLegacy, sdnRemarks } from '../../src/controls/lists/ofac-legacy.js';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { listsFor, screenQuery } from '../../src/service/controls.js';
import { projectPath } from '../../src/util/paths.js';
import { UserInputError } from '../../src/util/errors.js';

const FIXTURE = projectPath('test', 'fixtures', 'controls', 'ofac-legacy');
const REAL_SDN = projectPath('..', 'shared', 'data', 'controls', 'ofac-sdn-2024-05-03', 'sdn.csv');

describe('OFAC legacy layout (fixture)', () => {
  let parties: Party[];
  beforeAll(async () => {
    parties = (await loadPartiesFrom(FIXTURE)).parties;
  });

  it('reads sdn.csv once, with addresses, alternate names and continued remarks attached', () => {
    expect(parties.map((p) => p.id)).toEqual(['ofac-sdn:90001', 'ofac-sdn:90002', 'ofac-sdn:90003']);
    const nw = parties[0]!;
    expect(nw.addresses).toEqual([
      'No. 8 Binhai Road, Pudong, Shanghai 200120, China',
      'Flat 3, 12 Harbour Street, Hong Kong, Hong Kong',
    ]);
    expect(nw.aliases).toEqual(['NORTHWIND SHIPPING', 'NW MARITIME TRADING']);
    expect(nw.country).toBe('CN'); // no nationality in the remarks: the first address's country
    expect(nw.programs).toEqual(['SDGT', 'RUSSIA-EO14024']);
    expect(nw.identifiers).toContainEqual({ type: 'registration', value: '91310000MA1K' });
    expect(nw.date_added).toBe('2022-02-24'); // the listing date, not the directive's effective date
    expect(nw.citation).toBe('OFAC SDN remarks: Listing Date (EO 14024 Directive 2)');
    const petrov = parties[1]!;
    expect(petrov.schema).toBe('Person');
    expect(petrov.country).toBe('RU');
    expect(petrov.addresses).toEqual(['Moscow, Russia']);
    expect(petrov.notes).toContain('Linked To: NORTHWIND MARITIME TRADING CO., LTD.');
    expect(parties[2]!.schema).toBe('Vessel');
    expect(parties[2]!.identifiers).toContainEqual({ type: 'imo', value: '9123456' });
  });

  it('reads the companions when sdn.csv itself is given', async () => {
    const one = (await loadPartiesFrom(`${FIXTURE}/sdn.csv`)).parties;
    expect(one[0]!.addresses).toHaveLength(2);
  });

  it('shows the addresses in screen results and uses them as the address feature', async () => {
    const ctx = await openContext();
    const plain = await screenQuery(ctx, { name: 'Northwind Maritime Trading', lists: FIXTURE });
    const withAddress = await screenQuery(ctx, {
      name: 'Northwind Maritime Trading',
      address: '8 Binhai Road, Shanghai',
      lists: FIXTURE,
    });
    const hit = withAddress.hits[0]!;
    expect(hit.party_id).toBe('ofac-sdn:90001');
    expect(hit.addresses[0]).toContain('Binhai Road');
    const feature = hit.features.find((f) => f.feature === 'address_overlap')!;
    expect(feature.detail).toBe('binhai road shanghai');
    expect(hit.score).toBeCloseTo(Math.min(1, plain.hits[0]!.score + 0.05), 9);
    expect(hit.date_added).toBe('2022-02-24');
    expect(hit.listed_on_date).toBe(true); // the screening date defaults to today
  });
});

describe.skipIf(!existsSync(REAL_SDN))('the real sdn.csv of 2024-05-03 (read in place)', () => {
  it('parses every entry; the remarks date 29 of them; the mirror has no addresses to attach', () => {
    const parties = parseSdnLegacy({ sdn: readFileSync(REAL_SDN, 'utf8') });
    expect(parties).toHaveLength(14_965);
    const sber = parties.find((p) => p.id === 'ofac-sdn:17018')!;
    expect(sber.name).toBe('PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA');
    expect(sber.date_added).toBe('2022-02-24');
    expect(parties.filter((p) => p.date_added).length).toBe(29);
    expect(parties.every((p) => p.addresses.length === 0)).toBe(true);
    expect(sdnRemarks('Listing Date (EO 14024 Directive 3)').listed).toBeNull(); // a label without a date
  });

  it('the shipped table carries those listing dates', async () => {
    const { set } = await listsFor(await openContext());
    const sber = set.parties.find((p) => p.id === 'ofac-sdn:17018')!;
    expect(sber.date_added).toBe('2022-02-24');
    expect(sber.citation).toContain('Listing Date');
  });
});

describe("a user's own list (name, list, country, date_added, source)", () => {
  let ctx: TradewarContext;
  beforeAll(async () => {
    ctx = await openContext();
  });
  it('screens against it, with its dates', async () => {
    const file = projectPath('test', 'fixtures', 'controls', 'user-list.csv');
    const r = await screenQuery(ctx, { name: 'Example Drones', lists: file, date: '2024-01-01' });
    expect(r.lists.map((l) => l.list)).toEqual(['my-uel']);
    const hit = r.hits[0]!;
    expect(hit).toMatchObject({
      list: 'my-uel',
      name: 'Example Drone Systems Inc.',
      country: 'US',
      date_added: '2024-10-10',
      listed_on_date: false,
      citation: 'fixture (fictional)',
    });
  });
  it('stops at a bad country code with the line to fix', async () => {
    const file = projectPath('test', 'fixtures', 'controls', 'user-list-bad.csv');
    await expect(loadPartiesFrom(file)).rejects.toThrow(UserInputError);
    await expect(loadPartiesFrom(file)).rejects.toThrow(/line 2: country "USA" is not a two-letter ISO code/);
  });
});
