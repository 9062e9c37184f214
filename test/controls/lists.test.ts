// List loaders (trade.gov CSL JSON and CSV, OpenSanctions FollowTheMoney) on small fixtures, and screening on the
// shipped lists: every hit explained, dates honoured, identifiers and countries counted.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPartiesFrom, parseCslCsv, parseCslJson, parseFtmJsonl } from '../../src/controls/lists/parties.js';
import { ScreeningIndex } from '../../src/controls/screening/index.js';
import { screenParty } from '../../src/controls/screening/screen.js';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { listEvents, screenQuery } from '../../src/service/controls.js';
import { projectPath } from '../../src/util/paths.js';

const fx = (f: string) => projectPath('test', 'fixtures', 'controls', f);

describe('list loaders', () => {
  it('reads the CSL JSON: source code, aliases, addresses, ids, start date', () => {
    const [el, sdn] = parseCslJson(readFileSync(fx('csl.json'), 'utf8'));
    expect(el).toMatchObject({ list: 'EL', schema: 'Company', country: 'CN', date_added: '2025-03-25' });
    expect(el!.aliases).toContain('武汉扎维拉光电有限公司');
    expect(el!.identifiers[0]!.value).toBe('91420100MA4KXXXX1A');
    expect(sdn).toMatchObject({ list: 'SDN', schema: 'Person', country: 'DE', programs: ['SDGT'] });
  });
  it('reads the CSL CSV the same way', () => {
    const parties = parseCslCsv(readFileSync(fx('csl.csv'), 'utf8'));
    expect(parties.map((p) => p.list)).toEqual(['EL', 'MEU']);
    expect(parties[0]).toMatchObject({ name: 'Zarvella Photonics Co., Ltd.', country: 'CN', date_added: '2025-03-25' });
    expect(parties[0]!.aliases).toEqual(['Zarvella Guangdian', '武汉扎维拉光电有限公司']);
  });
  it('reads FollowTheMoney JSON lines, skipping non-party schemata', () => {
    const parties = parseFtmJsonl(readFileSync(fx('ftm.jsonl'), 'utf8'));
    expect(parties.map((p) => p.name)).toEqual(['Zarvella Photonics Co., Ltd.', 'Otto Merrin Quillan']);
    expect(parties[0]).toMatchObject({ list: 'us_bis_entity', country: 'CN', date_added: '2025-03-26' });
  });
  it('screens against a user download: the Chinese alias, the identifier', async () => {
    const set = await loadPartiesFrom(fx('csl.json'));
    const index = new ScreeningIndex(set.parties);
    expect(screenParty(index, { name: '武汉扎维拉光电有限公司' }).hits[0]?.name).toBe('Zarvella Photonics Co., Ltd.');
    const byId = screenParty(index, { name: 'Some Other Name', identifiers: ['91420100-MA4K-XXXX1A'] }).hits[0]!;
    expect(byId.features.some((f) => f.feature === 'identifier')).toBe(true);
  });
});

describe('screening the shipped lists', () => {
  let ctx: TradewarContext;
  beforeAll(async () => {
    ctx = await openContext();
  });
  it('finds Huawei Technologies on the Entity List (added 2019-05-21, 84 FR 22963) and explains the hit', async () => {
    const r = await screenQuery(ctx, { name: 'Huawei Technologies Co., Ltd.', country: 'CN', date: '2025-11-05' });
    const el = r.hits.find((h) => h.list === 'bis-entity-list' && h.name === 'Huawei Technologies Co., Ltd.')!;
    expect(el).toBeDefined();
    expect(el.score).toBe(1);
    expect(el.date_added).toBe('2019-05-21');
    expect(el.listed_on_date).toBe(true);
    expect(el.features.map((f) => f.feature)).toEqual(['literal', 'country_match']);
    expect(r.lists.map((l) => l.list)).toContain('ofac-sdn');
  });
  it('marks entries added after the screening date', async () => {
    const r = await screenQuery(ctx, { name: 'Huawei Technologies Co., Ltd.', date: '2019-01-01' });
    expect(
      r.hits.find((h) => h.list === 'bis-entity-list' && h.name === 'Huawei Technologies Co., Ltd.')!.listed_on_date,
    ).toBe(false);
  });
  it('lowers the score when the country differs', async () => {
    const cn = await screenQuery(ctx, { name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', country: 'CN' });
    const us = await screenQuery(ctx, { name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', country: 'US' });
    expect(cn.hits[0]!.score).toBeGreaterThan(us.hits[0]!.score);
  });
  it('finds nothing for an unrelated name', async () => {
    expect((await screenQuery(ctx, { name: 'Plainfield Widgets Inc', country: 'US' })).hits).toEqual([]);
  });
  it('gives the lists’ dated additions to the events timeline', async () => {
    const e = await listEvents(ctx);
    const huawei = e.find((x) => x.record === 'list:bis-entity-list:2019-05-21')!;
    expect(huawei.title).toMatch(/Entity List.*added/);
    expect(e.some((x) => x.kind === 'list_snapshot' && x.record === 'list:ofac-sdn')).toBe(true);
  });
});
