// A small but complete project on disk (data/*.parquet, ledger/, scenarios/) built from the engine's mini model:
// lets the server, the dashboard and their tests run before (or without) the shipped datasets.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { projectPath } from '../../src/util/paths.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryRows, sqlString } from '../../src/datasets/duckdb.js';
import { writeManifestFor } from '../../src/datasets/verify.js';
import { MINI_LEDGER } from '../fixtures/mini-model.js';

const EXTRA_LEDGER = `
family: mini-extra
instruments:
  - { id: c1, kind: mofcom_announcement, title: Tariff Commission notice, citation: TCC 2018 No. 5, url: https://example.org/c1 }
  - { id: c2, kind: agency_guidance, title: China MFN schedule, citation: China tariff schedule, url: https://example.org/c2 }
measures:
  - id: cn-mfn
    title: China MFN duty
    imposer: CN
    targets: { include: [ALL] }
    instrument: mfn
    authority: mfn
    legal_citation: China tariff schedule
    sources: [https://example.org/c2]
    status: in_force
    base_table: cn_mfn
    schedule: [{ date: 2018-01-01, event: effective, instrument: c2 }]
  - id: cn-retaliation
    title: Retaliation on US goods
    imposer: CN
    targets: { include: [US] }
    instrument: ad_valorem
    authority: retaliation
    legal_citation: TCC 2018 No. 5
    sources: [https://example.org/c1]
    status: in_force
    products: { all: true }
    schedule:
      - { date: 2018-07-06, event: effective, rate: 25, instrument: c1 }
      - { date: 2025-04-10, event: rate_change, rate: 84, instrument: c1 }
      - { date: 2025-05-14, event: rate_change, rate: 10, instrument: c1 }
suspensions:
  - id: cn-pause
    title: 5 points of the retaliation paused for a year
    measures: [cn-retaliation]
    effect: { kind: reduce_by, points: 5 }
    sources: [https://example.org/c1]
    periods:
      - { from: 2026-01-01, until: 2026-11-10, instrument: c1, confirmed: false, confirm_by: a Tariff Commission notice extending the pause }
events:
  - { id: talks-1, date: 2019-10-11, kind: talks, side: both, title: Phase one talks, sources: [https://example.org/e1] }
  - { id: truce-1, date: 2025-05-12, kind: truce, side: both, title: Geneva truce, summary: 90-day pause, sources: [https://example.org/e2] }
  - { id: ruling-1, date: 2026-02-20, kind: ruling, side: US, title: Court strikes down the surcharge, sources: [https://example.org/e3] }
  - { id: threat-1, date: 2025-10-10, kind: threat, side: US, title: 100% threat, sources: [https://example.org/e4] }
  - { id: expiry-1, date: 2026-11-10, kind: expiry, side: both, title: Truce expires, sources: [https://example.org/e5], confirmed: false, confirm_by: a notice extending the truce }
`;

const SCENARIO = `
name: truce-lapses
title: The truce lapses
description: The suspension ends early and the surcharge returns in full.
sources: [https://example.org/s1]
operations:
  - { op: end_suspension, suspension: pause, on: 2025-09-01 }
  - { op: set, measure: cn-retaliation, from: 2025-09-01, rate: 34 }
`;

export interface DevProject {
  root: string;
  dataDir: string;
  ledgerDir: string;
  scenarioDir: string;
}

async function writeTable(path: string, columns: string, rows: unknown[][]): Promise<void> {
  const values = rows
    .map(
      (r) =>
        `(${r.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : sqlString(String(v)))).join(', ')})`,
    )
    .join(',\n');
  await queryRows(`COPY (SELECT * FROM (VALUES ${values}) t(${columns})) TO ${sqlString(path)} (FORMAT parquet)`);
}

export async function makeDevProject(root = mkdtempSync(join(tmpdir(), 'tradewar-dev-'))): Promise<DevProject> {
  const dataDir = join(root, 'data');
  const ledgerDir = join(root, 'ledger');
  const scenarioDir = join(root, 'scenarios');
  for (const d of [dataDir, ledgerDir, scenarioDir]) mkdirSync(d, { recursive: true });
  writeFileSync(join(ledgerDir, 'mini.yaml'), MINI_LEDGER);
  writeFileSync(join(ledgerDir, 'extra.yaml'), EXTRA_LEDGER);
  writeFileSync(join(scenarioDir, 'truce-lapses.yaml'), SCENARIO);
  const us = [
    ['8517130000', 10, 'Smartphones', '2025'],
    ['8517620000', 10, 'Machines for the reception, conversion and transmission of data (routers)', '2025'],
    ['7208100000', 10, 'Flat-rolled products of iron or non-alloy steel', '2025'],
    ['9503000000', 10, 'Toys, tricycles, scooters and dolls', '2025'],
  ];
  await writeTable(join(dataDir, 'us_products.parquet'), 'code, level, description, vintage', us);
  const cn = [
    ['1201900000', 10, 'Soya beans, other'],
    ['8802400000', 10, 'Aeroplanes of an unladen weight exceeding 15,000 kg'],
    ['0203290000', 10, 'Frozen meat of swine, other'],
  ];
  await writeTable(join(dataDir, 'cn_products.parquet'), 'code, level, description', cn);
  await writeTable(join(dataDir, 'us_mfn.parquet'), 'hts8, year, mfn_pct, rate_text, basis, note', [
    ['85171300', 2017, 0, 'Free', 'free', null],
    ['85176200', 2017, 0, 'Free', 'free', null],
    ['72081000', 2017, 1, '1%', 'ad_valorem', null],
    ['72081000', 2024, 2, '2%', 'ad_valorem', null],
    ['95030000', 2017, 0, 'Free', 'free', null],
  ]);
  await writeTable(join(dataDir, 'cn_mfn.parquet'), 'code, valid_from, mfn_pct', [
    ['1201900000', '2017-01-01', 3],
    ['8802400000', '2017-01-01', 5],
    ['0203290000', '2017-01-01', 12],
  ]);
  await writeTable(join(dataDir, 'code_lists.parquet'), 'list_id, code, valid_from, valid_until, rate_pct, note', [
    ['l_one', '8517', null, null, null, null],
    ['l_excl', '8517130000', '2018-07-06', '2019-01-01', null, 'batch 1'],
  ]);
  const weights: unknown[][] = [];
  for (const [set, importer, exporter, rows] of [
    [
      'us_imports_cn_2017',
      'US',
      'CN',
      [
        ['8517130000', 70e9],
        ['8517620000', 20e9],
        ['7208100000', 1e9],
        ['9503000000', 12e9],
      ],
    ],
    [
      'us_imports_2024',
      'US',
      'CN',
      [
        ['8517130000', 40e9],
        ['8517620000', 15e9],
        ['7208100000', 0.5e9],
        ['9503000000', 10e9],
      ],
    ],
    [
      'us_exports_cn_2017',
      'CN',
      'US',
      [
        ['1201900000', 14e9],
        ['8802400000', 16e9],
        ['0203290000', 1e9],
      ],
    ],
    [
      'us_exports_cn_2024',
      'CN',
      'US',
      [
        ['1201900000', 12e9],
        ['8802400000', 5e9],
        ['0203290000', 1.5e9],
      ],
    ],
  ] as const)
    for (const [code, v] of rows) weights.push([set, importer, exporter, code, v]);
  await writeTable(join(dataDir, 'trade_weights.parquet'), 'weight_set, importer, exporter, code, value_usd', weights);
  await writeTable(join(dataDir, 'countries.parquet'), 'iso2, iso3, name', [
    ['CN', 'CHN', 'China'],
    ['US', 'USA', 'United States'],
    ['HK', 'HKG', 'Hong Kong'],
    ['DE', 'DEU', 'Germany'],
  ]);
  await writeControlsTables(dataDir);
  // impact-model inputs (σ by HS3, the 194-country world) and the HTS revisions (issue 19) are small: the shipped
  // files serve the fixture as they are
  for (const f of [
    'impact_sigma_hs3.parquet',
    'impact_world.parquet',
    'hts_revisions.parquet',
    'hts_lines.parquet',
    'hts_headings.parquet',
  ])
    copyFileSync(projectPath('data', f), join(dataDir, f));
  await writeManifestFor(dataDir); // the data folder carries its manifest, as data/ does (after every table)
  return { root, dataDir, ledgerDir, scenarioDir };
}

/** Restricted-party lists (a few entries) and rare-earth figures in the shipped layout (src/controls). */
async function writeControlsTables(dataDir: string): Promise<void> {
  const cols =
    'list, entry_id, schema, name, aliases, country, country_name, addresses, identifiers, programs, citation, date_added, notes';
  await writeTable(join(dataDir, 'controls_parties.parquet'), cols, [
    [
      'bis-entity-list',
      'bis-entity-list:1',
      'Company',
      'Huawei Technologies Co., Ltd.',
      '["华为技术有限公司"]',
      'CN',
      'China',
      'Shenzhen, China',
      '[]',
      '',
      '84 FR 22963, 5/21/19',
      '2019-05-21',
      '',
    ],
    [
      'bis-meu',
      'bis-meu:1',
      'Company',
      'Korvath Aero Institute',
      '[]',
      'CN',
      'China',
      "Xi'an, China",
      '[]',
      '',
      '85 FR 83799, 12/23/2020',
      '2020-12-23',
      '',
    ],
    ['ofac-sdn', 'ofac-sdn:1', 'Person', 'QUILLAN, Otto Merrin', '[]', 'DE', 'Germany', '', '[]', 'SDGT', '', '', ''],
  ]);
  await writeTable(
    join(dataDir, 'controls_lists.parquet'),
    'list, name, agency, snapshot, snapshot_date, source_url, affiliates_rule, entries',
    [
      ['bis-entity-list', 'Entity List', 'BIS', 'fixture', '2026-07-09', 'https://example.org/el', 'true', 1],
      ['bis-meu', 'MEU List', 'BIS', 'fixture', '2026-07-09', 'https://example.org/meu', 'true', 1],
      ['ofac-sdn', 'SDN List', 'OFAC', 'fixture', '2024-05-03', 'https://example.org/sdn', 'true', 1],
    ],
  );
  await writeTable(join(dataDir, 'controls_minerals.parquet'), 'country, metric, year, value, unit, note', [
    ['US', 'net_import_reliance_compounds_metals', '2024e', '80', '%', ''],
    ['China', 'mine_production', '2024e', '270000', 't REO', ''],
    ['World total (rounded)', 'mine_production', '2024e', '390000', 't REO', ''],
  ]);
}
