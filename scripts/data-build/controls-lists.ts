// Restricted-party lists and rare-earth supply figures for src/controls: re-derives one normalised table of
// parties (BIS Entity List, MEU, DPL; OFAC NS-CMIC and SDN; DoD/DoW 1260H) from the mirror's eCFR/FR-derived JSON
// and OFAC's legacy sdn.csv, a table of the lists with their snapshot dates, and the USGS MCS 2025 rare-earth
// figures. Writes controls_parties.parquet, controls_lists.parquet, controls_minerals.parquet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BuildContext } from './context.js';
import { csv, fact, lit, rows, run, srcPath, writeParquet } from './context.js';
import { countryIndex, identifiersIn, parseSdnLegacy, sdnRemarks } from '../../src/controls/lists/ofac-legacy.js';
import { MONTH_NUMBERS as MONTHS } from '../../src/util/dates.js';

export const CONTROLS_OUTPUT_FILES = [
  'controls_parties.parquet',
  'controls_lists.parquet',
  'controls_minerals.parquet',
];

export const CONTROLS_SOURCE_FILES = {
  entityList: 'controls/us-lists-2026-07/bis_entity_list.json',
  meu: 'controls/us-lists-2026-07/bis_meu.json',
  dpl: 'controls/us-lists-2026-07/bis_dpl.json',
  nscmic: 'controls/us-lists-2026-07/ofac_nscmic.json',
  dod1260h: 'controls/us-lists-2026-07/dow_1260h.json',
  listsMeta: 'controls/us-lists-2026-07/lists.json',
  sdn: 'controls/ofac-sdn-2024-05-03/sdn.csv',
  usgsUs: 'controls/usgs-rare-earths-2025/mcs2025_rare_earths_us.csv',
  usgsWorld: 'controls/usgs-rare-earths-2025/mcs2025_rare_earths_world.csv',
} as const;

interface ListMeta {
  list: string;
  name: string;
  agency: string;
  snapshot: string;
  snapshot_date: string;
  source_url: string;
  /** Counts for the Affiliates Rule (owners on it make their 50% subsidiaries covered). */
  affiliates_rule: boolean;
}

const LISTS: ListMeta[] = [
  {
    list: 'bis-entity-list',
    name: 'Entity List (15 CFR 744 Supp. 4)',
    agency: 'BIS',
    snapshot: 'eCFR text as downloaded July 2026',
    snapshot_date: '2026-07-09',
    source_url:
      'https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-744/appendix-Supplement%20No.%204%20to%20Part%20744',
    affiliates_rule: true,
  },
  {
    list: 'bis-meu',
    name: 'Military End-User List (15 CFR 744 Supp. 7)',
    agency: 'BIS',
    snapshot: 'eCFR text as downloaded July 2026',
    snapshot_date: '2026-07-09',
    source_url:
      'https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-744/appendix-Supplement%20No.%207%20to%20Part%20744',
    affiliates_rule: true,
  },
  {
    list: 'bis-dpl',
    name: 'Denied Persons List',
    agency: 'BIS',
    snapshot: 'dpl_04142026.csv',
    snapshot_date: '2026-04-14',
    source_url:
      'https://www.bis.gov/licensing/guidance-on-end-user-and-end-use-controls-and-us-person-controls/denied-persons-list',
    affiliates_rule: false,
  },
  {
    list: 'ofac-nscmic',
    name: 'Non-SDN Chinese Military-Industrial Complex Companies List',
    agency: 'OFAC',
    snapshot: 'nscmiclist.pdf as of July 2026',
    snapshot_date: '2026-07-09',
    source_url:
      'https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists/non-sdn-chinese-military-industrial-complex-companies-list-ns-cmic-list',
    affiliates_rule: false,
  },
  {
    list: 'dod-1260h',
    name: 'Section 1260H list of Chinese military companies',
    agency: 'DoD (DoW)',
    snapshot: 'Federal Register notice of 2026-06-10 (91 FR 35189)',
    snapshot_date: '2026-06-10',
    source_url: 'https://www.federalregister.gov/documents/search?conditions%5Bterm%5D=1260H',
    affiliates_rule: false,
  },
  {
    list: 'ofac-sdn',
    name: 'Specially Designated Nationals and Blocked Persons List (legacy sdn.csv)',
    agency: 'OFAC',
    snapshot: 'treasury.gov/ofac/downloads/sdn.csv as scraped 2024-05-03',
    snapshot_date: '2024-05-03',
    source_url: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV',
    affiliates_rule: true,
  },
];

/** Every date written m/d/yy or m/d/yyyy in a citation, as YYYY-MM-DD. */
function citationDates(text: string | null): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const m of text.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/g)) {
    let y = Number(m[3]);
    if (y < 100) y += y >= 50 ? 1900 : 2000;
    const mo = Number(m[1]);
    const d = Number(m[2]);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31)
      out.push(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  }
  for (const m of text.matchAll(/\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})\b/gi))
    out.push(`${m[3]}-${MONTHS.get(m[2]!.toLowerCase().slice(0, 3))}-${m[1]!.padStart(2, '0')}`);
  return out.sort();
}

interface PartyRow {
  list: string;
  entry_id: string;
  schema: string;
  name: string;
  aliases: string;
  country: string;
  country_name: string;
  addresses: string;
  identifiers: string;
  programs: string;
  citation: string;
  date_added: string;
  notes: string;
}

interface JsonEntity {
  name: string;
  aliases: string[];
  country: string | null;
  address: string | null;
  effective_date: string | null;
  federal_register: string | null;
  notes: string | null;
}

function schemaGuess(name: string): string {
  return /\b(co|company|corp|corporation|ltd|limited|inc|llc|gmbh|group|institute|university|academy|center|centre|bureau|factory|plant|technolog|industr|electronic|trading|enterprise|s\.a\.|ooo|jsc|pte|bhd)\b/i.test(
    name,
  )
    ? 'Company'
    : 'LegalEntity';
}

function fromJsonList(ctx: BuildContext, list: string, rel: string, countries: Map<string, string>): PartyRow[] {
  const doc = JSON.parse(fs.readFileSync(srcPath(ctx, rel), 'utf8')) as { entities: JsonEntity[] };
  return doc.entities.map((e, i) => {
    const dates = citationDates(e.federal_register);
    const country = e.country ? (countries.get(e.country.trim().toLowerCase()) ?? '') : '';
    const person = list === 'bis-dpl' && !/\b(inc|ltd|llc|co|corp|company|gmbh|limited|s\.a\.)\b/i.test(e.name);
    return {
      list,
      entry_id: `${list}:${i + 1}`,
      schema: person ? 'Person' : schemaGuess(e.name),
      name: e.name.trim(),
      aliases: JSON.stringify(e.aliases.map((a) => a.trim()).filter(Boolean)),
      country,
      country_name: e.country ?? '',
      addresses: e.address ?? '',
      identifiers: JSON.stringify(identifiersIn(e.notes)),
      programs: '',
      citation: e.federal_register ?? '',
      // the Entity List and MEU give only FR citations: the earliest is when the entry was added
      date_added: e.effective_date ?? dates[0] ?? '',
      notes: e.notes ?? '',
    };
  });
}

/** The legacy SDN files (sdn.csv, and add.csv, alt.csv, sdn_comments.csv when the mirror has them beside it). */
function fromSdn(ctx: BuildContext, countries: Map<string, string>, parsed: PartyRow[]): void {
  const file = srcPath(ctx, CONTROLS_SOURCE_FILES.sdn);
  const beside = (name: string) => {
    const f = path.join(path.dirname(file), name);
    return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined;
  };
  const parties = parseSdnLegacy(
    {
      sdn: fs.readFileSync(file, 'utf8'),
      add: beside('add.csv'),
      alt: beside('alt.csv'),
      comments: beside('sdn_comments.csv'),
    },
    countries,
  );
  for (const p of parties)
    parsed.push({
      list: p.list,
      entry_id: p.id,
      schema: p.schema,
      name: p.name,
      aliases: JSON.stringify(p.aliases),
      country: p.country,
      country_name: sdnRemarks(p.notes).nationality,
      addresses: p.addresses.join('; '),
      identifiers: JSON.stringify(p.identifiers),
      programs: p.programs.join(' '),
      citation: p.citation,
      date_added: p.date_added ?? '',
      notes: p.notes,
    });
}

export async function buildControlsLists(ctx: BuildContext): Promise<void> {
  const countries = countryIndex();
  const parties: PartyRow[] = [
    ...fromJsonList(ctx, 'bis-entity-list', CONTROLS_SOURCE_FILES.entityList, countries),
    ...fromJsonList(ctx, 'bis-meu', CONTROLS_SOURCE_FILES.meu, countries),
    ...fromJsonList(ctx, 'bis-dpl', CONTROLS_SOURCE_FILES.dpl, countries),
    ...fromJsonList(ctx, 'ofac-nscmic', CONTROLS_SOURCE_FILES.nscmic, countries),
    ...fromJsonList(ctx, 'dod-1260h', CONTROLS_SOURCE_FILES.dod1260h, countries),
  ];
  fromSdn(ctx, countries, parties);
  const tmp = path.join(os.tmpdir(), `tradewar-controls-${process.pid}.jsonl`);
  fs.writeFileSync(tmp, parties.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const cols = Object.keys(parties[0]!)
    .map((c) => `${c}: 'VARCHAR'`)
    .join(', ');
  try {
    await run(
      ctx,
      `CREATE OR REPLACE TEMP TABLE controls_parties AS SELECT * FROM read_json(${lit(tmp)}, format='newline_delimited', columns={${cols}})`,
    );
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  await writeParquet(ctx, `SELECT * FROM controls_parties ORDER BY list, entry_id`, 'controls_parties.parquet');
  const values = LISTS.map(
    (l) =>
      `(${[l.list, l.name, l.agency, l.snapshot, l.snapshot_date, l.source_url].map(lit).join(', ')}, ${l.affiliates_rule})`,
  ).join(',\n');
  await writeParquet(
    ctx,
    `SELECT l.*, coalesce(n.entries, 0)::INTEGER AS entries FROM (VALUES ${values}) AS l(list, name, agency, snapshot, snapshot_date, source_url, affiliates_rule)
     LEFT JOIN (SELECT list, count(*) AS entries FROM controls_parties GROUP BY list) n USING (list) ORDER BY list`,
    'controls_lists.parquet',
  );
  await writeParquet(
    ctx,
    `SELECT 'US' AS country, metric, year, value, unit, '' AS note FROM (
       UNPIVOT ${csv(ctx, CONTROLS_SOURCE_FILES.usgsUs)} ON "2020", "2021", "2022", "2023", "2024e" INTO NAME year VALUE value)
     UNION ALL
     SELECT country, 'mine_production' AS metric, '2023' AS year, mine_production_2023_t_REO AS value, 't REO' AS unit, coalesce(note, '') FROM ${csv(ctx, CONTROLS_SOURCE_FILES.usgsWorld)}
     UNION ALL
     SELECT country, 'mine_production' AS metric, '2024e' AS year, mine_production_2024e_t_REO AS value, 't REO' AS unit, coalesce(note, '') FROM ${csv(ctx, CONTROLS_SOURCE_FILES.usgsWorld)}
     UNION ALL
     SELECT country, 'reserves' AS metric, '2024e' AS year, reserves_t_REO AS value, 't REO' AS unit, coalesce(note, '') FROM ${csv(ctx, CONTROLS_SOURCE_FILES.usgsWorld)} WHERE reserves_t_REO IS NOT NULL
     ORDER BY country, metric, year`,
    'controls_minerals.parquet',
  );
  const counts = await rows<{ list: string; n: number; dated: number; with_country: number }>(
    ctx,
    `SELECT list, count(*)::INTEGER AS n, count(*) FILTER (WHERE date_added <> '')::INTEGER AS dated,
            count(*) FILTER (WHERE country <> '')::INTEGER AS with_country FROM controls_parties GROUP BY list ORDER BY list`,
  );
  for (const c of counts)
    fact(
      ctx,
      'controls',
      c.list,
      `${c.n} entries, ${c.dated} with a date added, ${c.with_country} with an ISO country`,
    );
}

export const controlsSourcesSection = (
  measured: string,
): string => `## controls_parties.parquet, controls_lists.parquet, controls_minerals.parquet
Restricted-party lists for \`tradewar screen\` (src/controls), re-derived by scripts/data-build/controls-lists.ts into one
table (list, entry, schema, name, aliases, ISO country, addresses, identifiers, programs, Federal Register citation,
date added, notes):

- BIS Entity List and MEU List (eCFR, 15 CFR 744 Supp. 4 and 7, text as downloaded July 2026), BIS Denied Persons
  List (dpl_04142026.csv), OFAC NS-CMIC list (July 2026), DoD/DoW Section 1260H list (91 FR 35189, 2026-06-10): from
  \`controls/us-lists-2026-07/*.json\` (phagehunter/nsfreg @ 02787e8, parsed from the official texts). The texts are US
  Government works (17 USC 105, public domain); the repository has no licence, so we ship no copy of its JSON, only
  our own table of the facts. Date added = the entry's effective date where given (DPL, NS-CMIC, 1260H), else the
  earliest date in its FR citations (Entity List, MEU).
- OFAC SDN list in the legacy CSV layout (no header; "-0-" = null), scraped 2024-05-03
  (\`controls/ofac-sdn-2024-05-03/sdn.csv\`, jackdwyer/specially-designated-nationals-list; OFAC data, public domain).
  Aliases from the a.k.a./f.k.a. remarks, nationality and identifiers (USCC, registration, passport, IMO…) from remarks;
  date added = the earliest "Listing Date (…)" the remarks give (29 entries, EO 14024 directives; the other entries'
  remarks give none). The legacy layout's add.csv, alt.csv and sdn_comments.csv are read when they sit beside sdn.csv
  (src/controls/lists/ofac-legacy.ts), but the mirror has only sdn.csv, so the shipped SDN entries carry no addresses.
  Not refreshed since 2024-05-03: point \`--lists\` at a newer download (the folder of sdn.csv, add.csv, alt.csv).
- controls_lists.parquet: the lists, their snapshot dates and source pages, and which count for the BIS Affiliates Rule.
- controls_minerals.parquet: USGS Mineral Commodity Summaries 2025, "Rare Earths" (public domain), transcribed by hand
  from an OCR (\`controls/usgs-rare-earths-2025/\`; footnote digits fused into numbers were corrected; world rows sum to
  the published totals).

The name-matching pairs (\`controls/name-match-pairs/cases-dev.csv\`, nomenklatura, MIT) are read in place by the tests
and \`tradewar match-pairs\`; they are not shipped.

${measured}
`;
