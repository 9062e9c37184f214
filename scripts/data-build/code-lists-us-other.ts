// US code lists outside Section 301: IEEPA exemptions, Section 232 product scopes, Section 122 exemptions,
// Section 201 solar.
import fs from 'node:fs';
import YAML from 'yaml';
import type { BuildContext } from './context.js';
import { csv, fact, lit, srcPath } from './context.js';
import { addList, codesOnly } from './code-lists.js';
import { SOURCE_FILES as F } from './source-files.js';
import { annexIiFacts, annexIiListSql } from './ieepa-annex-ii.js';

/** 2018 steel scope (Proclamation 9705): 7206.10–7216.50, 7216.99–7301.10, 7302.10, 7302.40–7302.90, 7304.10–7306.90. */
const STEEL_2018_SCOPE = `(substr(code,1,4) BETWEEN '7206' AND '7215'
  OR (substr(code,1,4) = '7216' AND (substr(code,1,6) BETWEEN '721610' AND '721650' OR substr(code,1,6) = '721699'))
  OR substr(code,1,4) BETWEEN '7217' AND '7229' OR substr(code,1,6) = '730110' OR substr(code,1,6) = '730210'
  OR substr(code,1,6) BETWEEN '730240' AND '730290' OR substr(code,1,4) BETWEEN '7304' AND '7306')`;
/** 2018 aluminum scope (Proclamation 9704): 7601, 7604–7609, 7616.99.51.60, 7616.99.51.70. */
const ALUMINUM_2018_SCOPE = `(substr(code,1,4) = '7601' OR substr(code,1,4) BETWEEN '7604' AND '7609'
  OR code IN ('7616995160', '7616995170'))`;
/** Derivatives added by Proclamations 9980 (effective 2020-02-08): nails, tacks, bumper and body stampings. */
const DERIVATIVES_2020 = {
  steel: ['73170030', '73170055', '73170065', '73170075', '87081030', '87082921'],
  aluminum: ['76141050', '76149020', '76149040', '76149050', '87081030', '87082921'],
};

function htsusColumn(ctx: BuildContext, rel: string): string {
  return `SELECT HTSUS AS code FROM ${csv(ctx, rel)}`;
}

function txtLines(ctx: BuildContext, rel: string): string[] {
  return fs
    .readFileSync(srcPath(ctx, rel), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => /^[0-9.]+$/.test(l));
}

function values(codes: string[]): string {
  return `SELECT * FROM (VALUES ${codes.map((c) => `(${lit(c)})`).join(', ')}) t(code)`;
}

export async function buildUsOtherLists(ctx: BuildContext): Promise<void> {
  const counts: Record<string, number> = {};
  const add = async (id: string, sql: string) => (counts[id] = await addList(ctx, id, sql));

  // IEEPA
  const annexIi = annexIiListSql(ctx);
  await add('us_ieepa_annex_ii', annexIi.sql);
  fact(ctx, 'ieepa', 'annex_ii_subheadings_in_legal_text', annexIi.legalCodes);
  await annexIiFacts(ctx);
  await add('us_ieepa_electronics_2025_04_11', codesOnly(htsusColumn(ctx, F.electronicsApr11)));

  // Section 232 metals: the 2018 scopes, taken from the April-2026 metals Annex I-A (which restates them)
  await add(
    'us_s232_steel',
    codesOnly(`SELECT code FROM (${htsusColumn(ctx, F.metalsAnnexIA)}) WHERE ${STEEL_2018_SCOPE}`),
  );
  await add(
    'us_s232_aluminum',
    codesOnly(`SELECT code FROM (${htsusColumn(ctx, F.metalsAnnexIA)}) WHERE ${ALUMINUM_2018_SCOPE}`),
  );

  // Derivatives: 2020 proclamation (dated), 2025 lists (undated in the source: the measure's own date applies),
  // Budget Lab inclusions (dated), April-2026 annexes I-A/I-B/III (dated 2026-04-06); Annex II removals end the entry.
  for (const metal of ['steel', 'aluminum'] as const) {
    const scope = metal === 'steel' ? STEEL_2018_SCOPE : ALUMINUM_2018_SCOPE;
    const list2025 = metal === 'steel' ? F.steelDerivatives2025 : F.aluDerivatives2025;
    await add(
      `us_s232_${metal}_derivatives`,
      `WITH src AS (
         SELECT code, DATE '2020-02-08' AS d, 'Proclamation 9980 (2020)' AS s FROM (${values(DERIVATIVES_2020[metal])})
         UNION ALL SELECT code, NULL, '2025 derivative list (trade-war-redux)' FROM (${htsusColumn(ctx, list2025)})
         UNION ALL SELECT hts_prefix, try_cast(effective_date AS DATE), 'Budget Lab derivative list ' || ch99_code
           FROM ${csv(ctx, F.yaleS232Derivatives)} WHERE derivative_type = '${metal}'
         UNION ALL SELECT hts_prefix, try_cast(effective_date AS DATE), 'April 2026 annex ' || annex
           FROM ${csv(ctx, F.yaleS232Annex)} WHERE metal_type = '${metal}' AND annex IN ('1a', '1b', '3')),
       removed AS (SELECT DISTINCT hts_prefix AS code, try_cast(effective_date AS DATE) AS d FROM ${csv(ctx, F.yaleS232Annex)}
                   WHERE metal_type = '${metal}' AND annex = '2')
       -- an entry that is in an undated 2025 list is in scope from the measure's own start: valid_from NULL
       SELECT s.code, CASE WHEN count(s.d) < count(*) THEN NULL ELSE min(s.d) END AS valid_from,
              any_value(r.d) AS valid_until, NULL AS rate_pct,
              string_agg(DISTINCT s.s, '; ' ORDER BY s.s) || CASE WHEN any_value(r.d) IS NOT NULL THEN '; removed by April 2026 annex II' ELSE '' END AS note
       FROM src s LEFT JOIN removed r USING (code)
       WHERE NOT ${scope.replace(/code/g, 's.code')}
       GROUP BY s.code`,
    );
  }

  await add(
    'us_s232_copper',
    codesOnly(
      `SELECT hts10 AS code FROM ${csv(ctx, F.yaleS232Copper)} UNION SELECT code FROM (${htsusColumn(ctx, F.copperList2025)})`,
    ),
  );

  // Autos and parts, and the other 232 headings from the Budget Lab policy parameters
  const params = YAML.parse(fs.readFileSync(srcPath(ctx, F.yalePolicyParams), 'utf8')) as {
    section_232_headings: Record<string, { prefixes?: string[] }>;
  };
  const h = params.section_232_headings;
  const pref = (k: string) => {
    const p = h[k]?.prefixes;
    if (!p?.length) throw new Error(`policy_params.yaml: section_232_headings.${k}.prefixes missing`);
    return p;
  };
  await add(
    'us_s232_autos',
    codesOnly(
      `SELECT code FROM (${values([...pref('autos_passenger'), ...pref('autos_light_trucks')])})
       UNION SELECT code FROM (${htsusColumn(ctx, F.autoTariffs2025)}) WHERE substr(code,1,4) IN ('8703','8704')`,
    ),
  );
  await add(
    'us_s232_auto_parts',
    codesOnly(
      // The Budget Lab file lists a bare heading 8471 (every computer), which no auto-parts annex covers:
      // left out (see SOURCES.md).
      `SELECT code FROM (${values(txtLines(ctx, F.yaleS232AutoParts).filter((c) => c !== '8471'))})
       UNION SELECT code FROM (${htsusColumn(ctx, F.autoTariffs2025)}) WHERE substr(code,1,4) NOT IN ('8703','8704')`,
    ),
  );
  await add('us_s232_mhd_vehicles', codesOnly(values(pref('mhd_vehicles'))));
  await add('us_s232_mhd_parts', codesOnly(values(txtLines(ctx, F.yaleS232MhdParts))));
  await add('us_s232_buses', codesOnly(values(pref('buses'))));
  await add('us_s232_softwood', codesOnly(values(pref('softwood'))));
  await add('us_s232_upholstered_furniture', codesOnly(values(pref('wood_furniture'))));
  await add('us_s232_kitchen_cabinets', codesOnly(values(pref('kitchen_cabinets'))));
  await add(
    'us_s232_semiconductors',
    `SELECT hts10 AS code, NULL AS valid_from, NULL AS valid_until, NULL AS rate_pct, ch99_code AS note FROM ${csv(ctx, F.yaleS232Semi)}`,
  );

  // Section 122 exemptions and Section 201 solar
  await add(
    'us_s122_exempt',
    `SELECT code, NULL AS valid_from, NULL AS valid_until, NULL AS rate_pct, string_agg(DISTINCT s, '; ' ORDER BY s) AS note FROM (
       SELECT hts8 AS code, 'Budget Lab s122_exempt_products' AS s FROM ${csv(ctx, F.yaleS122Exempt)}
       UNION ALL SELECT hts_code, 'section122-product-exemptions' FROM ${csv(ctx, F.s122ProductExemptions)}
       UNION ALL SELECT hts_code, 'section122-aircraft-exemptions' FROM ${csv(ctx, F.s122AircraftExemptions)}
       UNION ALL SELECT hts_code, 'section122-specific-exemptions' FROM ${csv(ctx, F.s122SpecificExemptions)})
     GROUP BY code`,
  );
  // the solar file has unquoted commas in its description column: split the first three fields by hand
  const solar = fs
    .readFileSync(srcPath(ctx, F.yaleS201Solar), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => /^[0-9]/.test(l))
    .map((l) => {
      const [code, ch99, , ...rest] = l.split(',');
      return `(${lit(code ?? '')}, ${lit(`${ch99 ?? ''} ${rest.join(',').replace(/^"|"$/g, '')}`)})`;
    });
  await add(
    'us_s201_solar',
    `SELECT code, NULL AS valid_from, NULL AS valid_until, NULL AS rate_pct, note FROM (VALUES ${solar.join(', ')}) t(code, note)`,
  );
  fact(ctx, 'us_other_lists', 'entries', counts);
}
