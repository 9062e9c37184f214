// us_products.parquet: the US product universe — HTS10 statistical lines and HTS8 subheadings of the 2025
// schedule, plus legacy codes referenced by lists or trade data that the 2025 schedule no longer has.
import type { BuildContext } from './context.js';
import { csv, fact, notCh9899, rows, run, scalar, writeParquet } from './context.js';
import { SOURCE_FILES as F } from './source-files.js';

const MAX_DESCRIPTION = 300;

/** Join the indent path into one readable description, shortening the middle if it gets long. */
export function joinDescription(parts: string[]): string {
  const clean = parts
    .map((p) =>
      p
        .replace(/\s+/g, ' ')
        .replace(/[:\s]+$/, '')
        .trim(),
    )
    .filter(Boolean)
    // a sub-heading that repeats its heading (e.g. 8517's first indent) adds nothing
    .filter((p, i, all) => i === 0 || !(all[i - 1]!.startsWith(p) || p.startsWith(all[i - 1]!)));
  let text = clean.join(': ');
  if (text.length <= MAX_DESCRIPTION) return text;
  // shorten every part but the last, then drop from the second part on if still too long
  const short = clean.map((p, i) => (i < clean.length - 1 && p.length > 70 ? `${p.slice(0, 67).trimEnd()}…` : p));
  text = short.join(': ');
  while (text.length > MAX_DESCRIPTION && short.length > 2) {
    short.splice(1, 1);
    text = `${short[0]}: …: ${short.slice(1).join(': ')}`;
  }
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1).trimEnd()}…` : text;
}

export async function buildUsProducts(ctx: BuildContext): Promise<void> {
  // 1. Walk the 2025 schedule in file order, keeping the description of each indent level.
  const raw = await rows<{ num: string | null; indent: string; descr: string | null }>(
    ctx,
    `SELECT "HTS Number" AS num, "Indent" AS indent, "Description" AS descr FROM ${csv(ctx, F.htsSchedule2025)}`,
  );
  await run(ctx, `CREATE TABLE hts25_all (code VARCHAR, level INTEGER, description VARCHAR)`);
  const appender = await ctx.conn.createAppender('hts25_all');
  const stack: string[] = [];
  for (const r of raw) {
    const indent = Number(r.indent ?? 0);
    stack.length = indent;
    stack[indent] = r.descr ?? '';
    const code = (r.num ?? '').replace(/\./g, '');
    if (code.length === 10 || code.length === 8) {
      appender.appendVarchar(code);
      appender.appendInteger(code.length);
      appender.appendVarchar(joinDescription(stack.slice(0, indent + 1)));
      appender.endRow();
    }
  }
  appender.closeSync();

  const dropped = await rows<{ level: number; n: number }>(
    ctx,
    `SELECT level, count(*)::INTEGER AS n FROM hts25_all WHERE NOT ${notCh9899('code')} GROUP BY 1 ORDER BY 1`,
  );
  fact(
    ctx,
    'us_products',
    'excluded_ch98_99_from_2025_schedule',
    Object.fromEntries(dropped.map((d) => [`hts${d.level}`, d.n])),
  );
  // Most HTS8 subheadings with a single statistical line appear only as that HTS10 row: derive the HTS8 from it.
  await run(
    ctx,
    `CREATE TABLE hts25_all8 AS
     SELECT code, level, description FROM hts25_all
     UNION ALL
     SELECT DISTINCT ON (h8) h8, 8, description FROM (SELECT substr(code, 1, 8) AS h8, code, description FROM hts25_all WHERE level = 10)
     WHERE h8 NOT IN (SELECT code FROM hts25_all WHERE level = 8) ORDER BY h8, code`,
  );
  // A few HTS8 (watches and clocks of ch. 91, ...) have no statistical lines in the CSV although 2024 trade uses them:
  // those HTS10 are current 2025 lines, described by the HTS8 path plus the Census short description.
  await run(
    ctx,
    `CREATE TABLE hts25_missing_stat AS
     WITH imp AS (SELECT DISTINCT hts10 FROM ${csv(ctx, F.usImports2024)}),
     d10 AS (SELECT hts10, any_value(sdesc ORDER BY sdesc) AS d FROM ${csv(ctx, F.hs10Descriptions)} GROUP BY 1),
     childless AS (SELECT code, description FROM hts25_all8 a WHERE level = 8
                   AND NOT EXISTS (SELECT 1 FROM hts25_all b WHERE b.level = 10 AND substr(b.code, 1, 8) = a.code))
     SELECT imp.hts10 AS code, 10 AS level, c.description || coalesce(': ' || d10.d, '') AS description
     FROM imp JOIN childless c ON c.code = substr(imp.hts10, 1, 8) LEFT JOIN d10 ON d10.hts10 = imp.hts10`,
  );
  const ms = await rows<{ n: number; n8: number }>(
    ctx,
    `SELECT count(*)::INTEGER AS n, count(DISTINCT substr(code, 1, 8))::INTEGER AS n8 FROM hts25_missing_stat WHERE ${notCh9899('code')}`,
  );
  fact(
    ctx,
    'us_products',
    'hts10_from_2024_imports_under_hts8_without_stat_lines',
    `${ms[0]?.n} HTS10 under ${ms[0]?.n8} HTS8`,
  );
  await run(ctx, `INSERT INTO hts25_all8 SELECT * FROM hts25_missing_stat`);
  await run(
    ctx,
    `CREATE TABLE hts25 AS SELECT DISTINCT ON (code) code, level, description FROM hts25_all8 WHERE ${notCh9899('code')} ORDER BY code`,
  );

  // 2. Legacy codes: referenced by a list or by 2024 trade, absent from the 2025 schedule.
  await run(
    ctx,
    `CREATE TABLE legacy_candidates AS
     SELECT hs8 AS code, 's301_lists_2018_2019' AS src FROM ${csv(ctx, F.s301Lists2018)}
     UNION ALL SELECT hts8, 's301_product_lists_budget_lab' FROM ${csv(ctx, F.yaleS301Lists)}
     UNION ALL SELECT hts10, 's301_exclusions' FROM ${csv(ctx, F.s301Exclusions)} WHERE hts10 IS NOT NULL
     UNION ALL SELECT DISTINCT hts10, 'imports_2024' FROM ${csv(ctx, F.usImports2024)}`,
  );
  await run(
    ctx,
    `CREATE TABLE legacy AS
     WITH c AS (SELECT DISTINCT code, src FROM legacy_candidates WHERE regexp_matches(code, '^[0-9]{8}([0-9]{2})?$')),
     d8 AS (SELECT hts8, any_value(brief_description ORDER BY y DESC) AS d FROM (
              SELECT hts8, brief_description, 2024 AS y FROM ${csv(ctx, F.mfn2024)}
              UNION ALL SELECT hts8, brief_description, 2017 FROM ${csv(ctx, F.mfn2017)}) GROUP BY 1),
     d10 AS (SELECT hts10, any_value(sdesc ORDER BY sdesc) AS d FROM ${csv(ctx, F.hs10Descriptions)} GROUP BY 1)
     SELECT c.code, length(c.code)::INTEGER AS level,
            coalesce(d10.d, d8.d, d8p.d) AS description, string_agg(DISTINCT c.src, ',' ORDER BY c.src) AS srcs
     FROM c LEFT JOIN d10 ON d10.hts10 = c.code
            LEFT JOIN d8 ON d8.hts8 = c.code
            LEFT JOIN d8 d8p ON length(c.code) = 10 AND d8p.hts8 = substr(c.code, 1, 8)
     WHERE c.code NOT IN (SELECT code FROM hts25_all8)
     GROUP BY ALL`,
  );
  const legacyDropped = await scalar<number>(
    ctx,
    `SELECT count(*)::INTEGER FROM legacy WHERE NOT ${notCh9899('code')}`,
  );
  fact(ctx, 'us_products', 'excluded_ch98_99_legacy_codes', legacyDropped);
  const bySrc = await rows<{ srcs: string; level: number; n: number }>(
    ctx,
    `SELECT srcs, level, count(*)::INTEGER AS n FROM legacy WHERE ${notCh9899('code')} GROUP BY ALL ORDER BY ALL`,
  );
  fact(
    ctx,
    'us_products',
    'legacy_codes_by_source',
    bySrc.map((b) => `${b.srcs} (HTS${b.level}): ${b.n}`),
  );

  await run(
    ctx,
    `CREATE TABLE us_products AS
     SELECT code, level, description, substr(code, 1, 6) AS hs6, '2025' AS vintage FROM hts25
     UNION ALL
     SELECT code, level, description, substr(code, 1, 6), 'legacy' FROM legacy WHERE ${notCh9899('code')}`,
  );
  const counts = await rows<{ vintage: string; level: number; n: number }>(
    ctx,
    `SELECT vintage, level, count(*)::INTEGER AS n FROM us_products GROUP BY ALL ORDER BY ALL`,
  );
  fact(
    ctx,
    'us_products',
    'rows_by_vintage_level',
    counts.map((c) => `${c.vintage} HTS${c.level}: ${c.n}`),
  );
  await writeParquet(
    ctx,
    `SELECT code, level, description, hs6, vintage FROM us_products ORDER BY code, level, vintage`,
    'us_products.parquet',
  );
}
