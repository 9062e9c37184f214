// data/SOURCES.md: provenance, licences, transformations and the checks measured during the build.
import fs from 'node:fs';
import type { BuildContext } from './context.js';
import { outPath } from './context.js';
import { commitmentsSourcesSection, TRADEWARTRACKER_NOTICE } from './commitments.js';
import { controlsSourcesSection } from './controls-lists.js';
import { htsSourcesSection } from './hts-archives.js';

const BUDGET_LAB_NOTICE = `Copyright (c) 2025-2026 The Budget Lab at Yale — tariff-rate-tracker (us/yale-tracker-resources/, us/yale-tracker-2026-08/)
Copyright (c) 2026 The Budget Lab at Yale — tariff-etr-eval (us/ieepa-exempt-products-dated.csv, us/hts-revision-policy-events.csv)

MIT License

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.`;

function render(value: unknown, indent = ''): string {
  if (Array.isArray(value))
    return value.map((v) => `${indent}- ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('\n');
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) =>
        v && typeof v === 'object' ? `${indent}- ${k}:\n${render(v, `${indent}  `)}` : `${indent}- ${k}: ${String(v)}`,
      )
      .join('\n');
  }
  return `${indent}- ${String(value)}`;
}

function measured(ctx: BuildContext, family: string, skip: string[] = []): string {
  const f = { ...(ctx.facts[family] ?? {}) };
  for (const k of skip) delete f[k];
  return `Measured on the last build:\n\n${render(f)}`;
}

export async function writeSourcesDoc(ctx: BuildContext): Promise<void> {
  const review = (ctx.facts.s301?.review_table as string[] | undefined) ?? [];
  const doc = `# data/ — sources and provenance

Everything in this folder is produced by \`npm run data:build\` (scripts/build-data.ts and scripts/data-build/)
from the raw data mirror (\`../shared/data\` by default). No raw file is shipped as is: each output is a normalised
table derived by the build, which reads CSV/CSV.gz with DuckDB and writes Parquet (zstd) with one thread and a
full ORDER BY, so a rebuild from the same sources gives byte-identical files (checked by sha256 in
\`manifest.json\`). Codes are digit strings without dots, leading zeros kept; percentages are in percent units.

Licences in short: USITC, US Census and USTR material is US federal public-domain information; UN Comtrade data is
used under the Comtrade terms (cite UN Comtrade); PIIE data (Bown, Jung & Zhang) is cited as PIIE asks; MIT-licensed
inputs keep their copyright lines below; USDA FAS material is public domain.

## us_products.parquet
Sources: \`us/hts-2025-basic-edition.csv\` (USITC, HTS 2025 Basic Edition; public domain, via Budget-Lab-Yale/Tariff-ETRs);
legacy codes from \`us/s301-lists-2018-2019-hs8.csv\` (USTR lists, via mitsuoxv/us-tariffs-on-china),
\`us/yale-tracker-resources/s301_product_lists.csv\` (Budget Lab at Yale, MIT), \`us/s301-exclusions-2018-2020-hts10.csv\` (USTR),
\`us/imports-2024-hs10-by-country.csv.gz\` and \`us/hs10-descriptions.csv\` (US Census via tradewartracker, MIT),
\`us/mfn-2017-hs8.csv\` / \`us/mfn-2024-hs8.csv\` for legacy HTS8 descriptions (USITC).

How: the schedule is walked in file order and each line's description is the chain of its indent parents joined
with ": " (middle parts shortened when the chain passes 300 characters). Level 10 = statistical lines; level 8 =
subheadings, including those the CSV only shows as their single statistical line (the HTS8 is derived from it).
95 HTS8 (mostly watches and clocks, ch. 91) have no statistical lines in the CSV; the HTS10 codes that 2024 imports use
under them are kept as 2025 lines (described by the HTS8 path + the Census short description). Codes referenced by a
list or by 2024 trade but absent from the schedule get \`vintage = 'legacy'\` — note that a handful of the Budget Lab's
HTS8 are *newer* (2026) codes rather than older ones; they are labelled legacy too. Chapters 98 and 99 are excluded.

${measured(ctx, 'us_products')}

## us_mfn.parquet
Sources: \`us/mfn-2017-hs8.csv\`, \`us/mfn-2024-hs8.csv\` (USITC annual tariff database; via mwaugh0328/tradewar-tracker and
dylan-m-mitchell/Simple-random-sample-file-I-O; public domain), \`us/mfn-2025-hs8.csv\` (via Budget-Lab-Yale/Tariff-ETRs;
public domain), unit values from \`us/comtrade-us-reported-hs6-chn-mex-vnm-2015-2025.csv.gz\` (UN Comtrade via
nikhilm2009/us-china-tariff-disruption; Comtrade terms, cite).

How: ad valorem rates are converted from fractions to percent; the 9999.999999 sentinel is treated as "no number".
The published \`mfn_ave\` column is empty in both 2017 and 2024, so AVEs are computed here: for specific (type 1) and
compound (types 4, 5) rates with one specific component, AVE = ad valorem part + specific rate × (quantity per USD of
imports) in the same year's US imports at HS6 (China first; Mexico, then Vietnam if China's cell is below $10,000 or has
no quantity in the right unit). Quantities: kg/t from net weight; number, dozen, gross, thousands, pairs, litres, m², m³
from Comtrade's supplementary quantity when its unit matches. Rates on a component's content (types 2, X), with two
specific parts (3, 6), or formula rates (9, K, T, …) get basis \`specific_no_ave\` with mfn_pct = the ad valorem part
(NULL where the source has no ad valorem number). 2025: free/ad valorem as published; where 2025 is specific-only (0 in
the source) or compound and 2024 has an AVE for the same HTS8, the 2024 AVE is carried with a note. Unit-value AVEs on
thin trade can be extreme (see below); treat AVEs above ~100% with care. Chapters 98/99 are left out.

${measured(ctx, 'us_mfn')}

## cn_products.parquet, cn_mfn.parquet
Sources: \`cn/china-tariff-rates-2018-2019-hs10.csv\` and \`cn/china-imports-from-us-2017-hs8.csv\` (Bown, Jung & Zhang,
PIIE 2019, via mwaugh0328/consumption_and_tradewar — Copyright (c) 2019 Mike Waugh, MIT; cite PIIE).

How: Chinese national lines (2018 nomenclature). 14 lines are split in the source by customs value (suffix A/B: compound
MFN above a price threshold); they are collapsed to their 10-digit code keeping the A (ad valorem) variant — their
retaliation increments are identical. HS8 rows (level 8) are the codes of China's 2017 imports from the US.
cn_mfn: the first rate column is the 1 Jan 2018 level and every later column an increment; the MFN level is the
cumulative sum of the Jan-2018 level and the MFN-change columns (2018-05-01 pharmaceuticals, 2018-07-01 consumer
goods/autos/ITA, 2018-11-01 industrial goods, 2019-01-01 temporary rates); a row is written only where the level
changes. Not covered: MFN changes after 2019 (no 2020–26 schedule in the mirror); the 2019 temporary rates are carried
forward as if permanent.

${measured(ctx, 'cn_products')}

${measured(ctx, 'cn_mfn')}

## code_lists.parquet
\`valid_from\`/\`valid_until\` (half-open) are set only where entries of one list carry their own dates; NULL means "as
the measure in the ledger says". \`rate_pct\` is set only where the rate differs by entry.

### Section 301 (US on China)
- \`us_s301_list1\`…\`us_s301_list4b\`: **one list per line.** Each current HTS10 line (and each legacy HTS8 without
  lines) takes its list from USITC's 2020-01-01 heading list (\`us/usitc-china-tariffs-2020-01-01-hts8.csv\`, public
  domain): the HTS10 entry if USITC lists the line, else the HTS8 entry (9903.88.01 → List 1, .02 → 2, .03/.04 → 3,
  .15 → 4A, .16 → 4B). Where USITC splits an HTS8 at HTS10 and does not name the line, the Budget Lab's lists for that
  HTS8 (\`s301_product_lists.csv\`, MIT) less those USITC gave the sibling lines; where USITC does not have the HTS8
  (codes created since 2020), the Budget Lab's lists. If the Budget Lab names several lists for such a code, a charged
  list wins over List 4B (never charged) and the earlier list over a later one. An HTS8 whose lines all resolve to one
  list is shipped as one HTS8 entry, otherwise line by line; \`note\` says which rule placed it. The ledger's
  exclusive set \`us-s301-tranches-one-per-line\` makes \`ledger check\` fail on a line two lists reach. USTR's
  2018–19 HS8 file is no longer used for membership (it names 2018 codes, some on two lists).
- \`us_s301_review_9903_91_01\` also carries 8507.60.0010 (Li-ion EV batteries) at HTS10 from 2024-09-27 to
  2026-01-01 (89 FR 76581; the review file keys 8507.60.00 only under the 2026 heading 9903.91.06).
- 2024 four-year review: one list per chapter 99 heading of the Budget Lab's \`biden_*\` and \`cranes_301\` rows. Rate and
  effective date read from the heading text in \`us/chapter99-notes-2026-rev6.txt.gz\` (USITC, public domain); the date is
  re-checked against the text on every build.

| heading | list id | rate (additional, on top of the applicable subheading) | effective | products | check |
|---|---|---|---|---|---|
${review.join('\n')}

- \`us_s301_exclusions_2018_2020\`: the distinct HTS10 of \`us/s301-exclusions-2018-2020-hts10.csv\` (USTR notices via
  mitsuoxv/us-tariffs-on-china); note = batch + comment; valid_from = the earliest grant date found in the comments.
  Rows without an HTS10 (product-description exclusions) are dropped.

${measured(ctx, 's301', ['review_table'])}

### IEEPA, Section 232, Section 122, Section 201
- \`us_ieepa_annex_ii\`: the legal text — the subheadings of HTSUS chapter 99 U.S. note 2(v)(iii)(a) to subchapter III
  (heading 9903.01.32), parsed from \`us/chapter99-notes-2026-rev6.txt.gz\` (USITC, public domain) — each from the date
  it was added (2025-09-08 and 2025-11-13 additions per \`us/ieepa-exempt-products-dated.csv\`, Budget Lab
  tariff-etr-eval, MIT; otherwise 2025-04-05), plus the lines that file shows removed (end dates 2025-07-31,
  2025-09-07, 2025-10-13) and the legal text no longer prints, from 2025-04-05 to their removal. The dated file's
  undated rows outside the legal text are the partner-specific exemptions (EU, Japan, Korea, Switzerland: 9903.02.xx
  headings) and are left out: no ledger measure prices those partners' reciprocal duties (e.g. 8504.40.9580 power
  supplies, which never had China's exemption).
- \`us_ieepa_electronics_2025_04_11\`: \`us/tariff-lists-2025/consumer_electronics_EO14257_apr11.csv\` (tradewartracker, MIT).
- \`us_s232_steel\`, \`us_s232_aluminum\`: the 2018 scopes of Proclamations 9705 (steel: 7206.10–7216.50, 7216.99–7301.10,
  7302.10, 7302.40–7302.90, 7304.10–7306.90) and 9704 (aluminum: 7601, 7604–7609, 7616.99.51.60/.70), selected from the
  metals Annex I-A (\`us/tariff-lists-2025/metals-annex-IA.csv\`), which restates them as its first block.
- \`us_s232_steel_derivatives\`, \`us_s232_aluminum_derivatives\`: Proclamation 9980 derivatives (nails, stranded wire,
  bumper and body stampings; dated 2020-02-08, entered here as facts), the 2025 derivative lists
  (\`steel-tariffs.csv\`, \`alu-tariffs.csv\`, undated → valid_from NULL), the Budget Lab derivative list
  (\`s232_derivative_products.csv\`, dated where it gives effective_date) and the April-2026 annexes I-A/I-B/III
  (\`s232_annex_products.csv\`, dated 2026-04-06), minus the 2018 scope; Annex II (removed) sets valid_until 2026-04-06.
  An entry's valid_from is its earliest date, NULL if an undated list has it.
- \`us_s232_copper\`: Budget Lab \`s232_copper_products.csv\` ∪ \`copper-list.csv\`.
- \`us_s232_autos\`: \`policy_params.yaml\` autos_passenger + autos_light_trucks prefixes ∪ the 8703/8704 entries of
  \`auto-tariffs.csv\`; \`us_s232_auto_parts\`: \`s232_auto_parts.txt\` ∪ the other entries of \`auto-tariffs.csv\`, less the bare heading \`8471\` (all computers) that the Budget Lab file lists and no auto-parts annex covers.
- \`us_s232_mhd_vehicles\`, \`us_s232_buses\`, \`us_s232_softwood\`, \`us_s232_upholstered_furniture\` (wood_furniture),
  \`us_s232_kitchen_cabinets\`: prefixes of \`policy_params.yaml\` section_232_headings; \`us_s232_mhd_parts\`: \`s232_mhd_parts.txt\`;
  \`us_s232_semiconductors\`: \`s232_semi_products.csv\`.
- \`us_s122_exempt\`: Budget Lab \`s122_exempt_products.csv\` ∪ \`section122-{product,aircraft,specific}-exemptions.csv\`.
- \`us_s201_solar\`: Budget Lab \`s201_solar_products.csv\` (note = chapter 99 heading + description).

${measured(ctx, 'ieepa')}

${measured(ctx, 'us_other_lists')}

### China (Chinese national codes)
From the PIIE HS10 file: \`cn_2018_04_02_r15\`/\`_r25\` (+15/+25 in the 2 April 2018 column), \`cn_2018_07_06\`, \`cn_2018_08_23\`
(+25), \`cn_2018_09_24_r10\`/\`_r5\`, \`cn_2019_01_01_autos_suspended\` (negative increment in the auto-suspension column;
rate_pct = the suspended amount), and the June-2019 categories of the $60bn list by (Sept-2018 rate, June-2019
increment): cat1 10→25, cat2 10→20, cat3 5→10, cat4 5 unchanged. \`cn_2025_03_10_r10\`/\`_r15\`: HS8 from
\`us/tariff-lists-2025/china-1{0,5}-percent-030425.csv\` (tradewartracker, MIT; no header, leading zeros restored).
These lists use China's 2025 nomenclature; a code with no line in the 2018 schedule we ship (e.g. 12019011, split from
12019010 after 2018) is mapped to the 2018 HS8 lines sharing its 7-digit prefix (else its 6-digit prefix), and the note
says so.

${measured(ctx, 'cn_lists')}

### Derived: China's Sept-2019 list 1 and Feb-2025 lists (approximation — read this)
Source: \`cn/usda-retaliation-matrix-2025-03-28.csv.gz\` (USDA FAS, public domain) total per HS8, minus the 2019-06-01 level
of the 2018–19 rounds (\`cn/china-retaliation-2018-2019-hs8.csv\`, Bown/PIIE; autos at 0), the 2 April 2018 list
(\`cn/china-retaliation-2018-04-02-hs8.csv\`, MOF) and the March-2025 farm lists. The residual is what remains for the
Sept-2019 list 1 (halved on 2020-02-14, so 5 or 2.5) and the Feb-2025 round. Findings:
- USDA still counts the auto rate China suspended on 2019-01-01 on some lines; where removing it makes the residual fit,
  it is removed (count below). For lines suspended by 5 points this is ambiguous with a Sept-2019 rate of 5.
- Feb-2025: candidate headings (coal 2701 and LNG 2711.11 at 15%; crude 2709, farm machinery 8432/8433, tractors 8701,
  cars 8703, pickups 8704 at 10%) are kept line by line only where the residual leaves 15 or 10 (+0/2.5/5); the lines
  of those headings that do not fit are listed below. Result: \`cn_2025_02_10_r15\`, \`cn_2025_02_10_r10\`.
- \`cn_2019_09_01_r10\` = residual 5, \`cn_2019_09_01_r5\` = residual 2.5 (USDA's 2025 codes taken back to the 2018 HS8 lines they come from: same code, else the 7-digit, else the 6-digit prefix, each 2018 line using only its most specific match).
  Together about 1,720 lines — close to the 1,717 lines China announced for list 1.
- Residuals that fit nothing are mostly codes renumbered since 2018 (the 2019 levels are keyed by 2018 HS8), so the
  derived lists miss renumbered lines.
- 2017 trade per bucket uses China's 2017 imports from the US at HS8 (only codes unchanged since 2017 match).

${measured(ctx, 'cn_sept_2019', ['entries'])}

## trade_weights.parquet
- \`us_imports_2024\`: \`us/imports-2024-hs10-by-country.csv.gz\` (US Census via tradewartracker, MIT). Census codes → ISO2
  (\`countries\`), EU aggregate 0003 → 'EU'; Slovakia (4359) is inside the EU aggregate and is dropped. Codes kept as
  published, including HTS10 no longer in the 2025 schedule (legacy) and chapter 98/99 lines (not in us_products).
- \`us_imports_world_2024\` (exporter \`*\`, \`--weights world\`, ADR 73): the same file summed over all partners (EU once,
  as the aggregate) on the HTS10 lines with 2024 imports from China: an exporter-neutral product composition for
  PIIE's method. Lines China did not sell are dropped (measured below).
- \`us_imports_cn_2017\`: 2017 US imports from China at HS2017 HS6 (UN Comtrade) spread over 2025 HTS10 lines: each HS2017
  code → the HS2022 codes the correlation maps to it (itself if none) → HTS10 lines with those first six digits; split in
  proportion to 2024 US imports from China per line, else from all countries, else equally. HS2017 codes whose
  successors the one-row-per-HS2022 correlation does not list (e.g. garments of 6201/6202 restructured in 2022) are spread
  over the lines of the same heading; Comtrade 999999 ("not specified", which holds the US chapter 98/99 entries) is
  spread over the chapter 98/99 lines that carried 2024 imports from China.
- \`cn_imports_us_2017\`: \`cn/china-imports-from-us-2017-hs8.csv\` (PIIE/ITC Trade Map; thousand USD → USD) split equally over
  the Chinese HS10 lines of each HS8; HS8 without an HS10 line keep the HS8 code (incl. 98000000, special trade).
- \`us_exports_cn_YYYY\` (2015–2025): US exports to China (UN Comtrade, HS6 of the year's vintage) mapped to HS2017 (HS2012 →
  all HS2017 codes that derive from it; HS2022 → its HS2017 code) and split equally over the Chinese HS10 lines with the
  same first six digits. Comtrade 999999 (not specified) cannot be placed on a Chinese line and is left out; it is
  nearly all of the unmapped value below.

${measured(ctx, 'trade_weights')}

## countries.parquet
Partners of the 2024 import file plus US and EU. Census code → ISO3 from \`us/census-country-mapping.csv\` (tradewartracker,
MIT) and \`us/census-to-iso3.csv\` (Budget-Lab-Yale/Tariff-ETRs, public domain); ISO3 → ISO2 written in the build script
from ISO 3166-1.

${measured(ctx, 'countries')}

### The 2026 measures (scripts/data-build/measures-2026.ts)
- \`us_s232_annex_1a\`, \`us_s232_annex_1b\`, \`us_s232_annex_3\`: the provisions listed in HTSUS chapter 99 U.S. note 16(c)
  (2026 Rev. 6, \`us/chapter99-notes-2026-rev6.txt.gz\`, the legal text): subdivisions (i)–(v) → annex I-A (9903.82.02),
  (vi)–(viii) → I-B (9903.82.09), (ix)–(x) → III (9903.82.10/.11), all valid from 2026-04-06. A provision on lists of two
  annexes is kept in the higher one. Annex III entries end 2028-01-01 (sunset 2027-12-31) and reappear in I-B from then.
  Annex I-C (2026-06-08) is not in Rev. 6: no list.
- \`us_s232_polysilicon\`: Budget Lab \`yale-tracker-2026-08/s232_polysilicon_adval_products.csv\` (9 HTS10, headings
  9903.45.30-.32), valid from 2026-12-04.
- \`us_civil_aircraft_use\`: \`tariff-lists-2025/section122-aircraft-exemptions.csv\` (the GN 6 civil-aircraft-use lines).

${measured(ctx, 'measures_2026')}

## content_shares.parquet
Steel, aluminium and copper content shares of the value per HTS10 (columns hts10, naics, bea_detail_code, steel, aluminum,
copper; 0..1), from \`us/yale-tracker-2026-08/metal_content_shares_bea_hs10.csv.gz\` — the Budget Lab at Yale's mapping of BEA
detail input-output tables to HTS10 (Copyright (c) 2025-2026 The Budget Lab at Yale, MIT; notice below). Used for the Section 232
duties on metal content (derivatives before 2026-04-06, copper derivatives); a line not in the table falls back to the
share stated in the ledger.

${measured(ctx, 'content_shares')}

## hs_concordance.parquet
\`concordance/hs2022-to-hs2017-hs6.csv\` and \`concordance/hs2017-to-hs2012-hs6.csv\` (WCO correlations as packaged by the R
package concordance, insongkim/concordance; Copyright (c) 2022 concordance authors, MIT). One row per source code, as
published: a code split into several successors appears under one of them only.

${measured(ctx, 'hs_concordance')}

${commitmentsSourcesSection(ctx)}
${controlsSourcesSection(measured(ctx, 'controls'))}
${htsSourcesSection(measured(ctx, 'hts'))}
## Licence notices

Data derived from the Budget Lab at Yale resources (code_lists: us_s301_*, us_s301_review_*, us_s232_*, us_s122_exempt,
us_s201_solar, us_ieepa_annex_ii; us_products legacy codes; content_shares.parquet):

\`\`\`
${BUDGET_LAB_NOTICE}
\`\`\`

Data derived from tradewartracker/us-china-overview (commitment_coverage, commitment_actuals census-monthly):

\`\`\`
${TRADEWARTRACKER_NOTICE}
\`\`\`

Other MIT sources (same licence text): Copyright (c) 2025 tradewartracker — trade-war-redux-2025; Copyright (c) 2019 Mike
Waugh — consumption_and_tradewar; Copyright (c) 2020 Mike Waugh — tradewar-tracker; Copyright (c) 2022 concordance authors.
`;
  fs.writeFileSync(outPath(ctx, 'SOURCES.md'), doc);
}
