// Staging of China's HS10 tariff-line file (PIIE): one row per Chinese national line with the Jan-2018 MFN
// level and the increment at each later date. Shared by cn_products, cn_mfn and the China code lists.
import type { BuildContext } from './context.js';
import { csv, fact, rows, run } from './context.js';
import { SOURCE_FILES as F } from './source-files.js';

/** Column order of the source file after hs10 and description (the header is multi-line text). */
export const CN_RATE_COLUMNS = [
  'mfn_2018_01_01', // level
  'inc_2018_04_02_s232_retaliation',
  'inc_2018_05_01_mfn_pharma',
  'inc_2018_07_01_mfn_consumer_autos_ita',
  'inc_2018_07_06_s301_34b',
  'inc_2018_08_23_s301_16b',
  'inc_2018_09_24_s301_60b',
  'inc_2018_11_01_mfn_industrial',
  'inc_2019_01_01_mfn_temporary',
  'inc_2019_01_01_autos_suspension',
  'inc_2019_06_01_60b_change',
] as const;

const RETALIATION_COLUMNS = CN_RATE_COLUMNS.filter((c) => c.startsWith('inc_') && !c.includes('_mfn_'));

export async function stageCnTariffLines(ctx: BuildContext): Promise<void> {
  const names = ['hs10', 'description', ...CN_RATE_COLUMNS];
  const cols = names.map((n, i) => `column${String(i).padStart(2, '0')} AS ${n}`).join(', ');
  await run(
    ctx,
    `CREATE TABLE cn_lines_raw AS SELECT ${cols} FROM ${csv(ctx, F.cnTariffLines, 'header=false, skip=1, strict_mode=false')}`,
  );
  // Lines split by customs value (suffix A = up to a value threshold, B = above it) share one 10-digit code;
  // keep the A variant (ad valorem), whose increments are the ones PIIE applies.
  const rateCols = CN_RATE_COLUMNS.map((c) => `coalesce(try_cast(nullif(trim(${c}), '') AS DOUBLE), 0) AS ${c}`).join(
    ', ',
  );
  await run(
    ctx,
    `CREATE TABLE cn_lines AS
     SELECT DISTINCT ON (code) substr(hs10, 1, 10) AS code, substr(hs10, 11) AS variant,
            regexp_replace(trim(description), '\\s+', ' ', 'g') AS description, ${rateCols}
     FROM cn_lines_raw ORDER BY code, variant`,
  );
  // B variants carry compound MFN rates (blank in the source); their retaliation increments must equal A's
  const split = await rows<{ n: number; retaliation_differs: number }>(
    ctx,
    `WITH v AS (SELECT substr(hs10,1,10) AS code, ${RETALIATION_COLUMNS.map((c) => `coalesce(try_cast(nullif(trim(${c}), '') AS DOUBLE), 0) AS ${c}`).join(', ')}
                FROM cn_lines_raw WHERE length(hs10) = 11)
     SELECT count(DISTINCT code)::INTEGER AS n,
            (SELECT count(*)::INTEGER FROM (SELECT code FROM v GROUP BY code HAVING ${RETALIATION_COLUMNS.map((c) => `count(DISTINCT ${c}) > 1`).join(' OR ')})) AS retaliation_differs
     FROM v`,
  );
  fact(ctx, 'cn_products', 'value_split_lines_A_B_collapsed', split[0]);
  const bad = await rows<{ n: number }>(
    ctx,
    `SELECT count(*)::INTEGER AS n FROM cn_lines WHERE NOT regexp_matches(code, '^[0-9]{10}$')`,
  );
  if (bad[0]?.n) throw new Error(`cn tariff lines: ${bad[0].n} codes are not 10 digits after collapsing A/B variants`);
}
