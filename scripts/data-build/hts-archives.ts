// hts_revisions.parquet, hts_lines.parquet, hts_headings.parquet: every official USITC HTS JSON export of the mirror
// (us/hts-archives/, 2025 basic … 2026 revision 10), read by src/hts/parse.ts and interval-encoded: a line or a
// Chapter 99 heading is one row per run of consecutive revisions in which it reads the same (first_seq..last_seq),
// so 44 revisions do not become 44 copies. Parse errors are counted per revision, printed and stored.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BuildContext } from './context.js';
import { fact, lit, run, srcPath, writeParquet } from './context.js';
import { readRevisionRows, type HtsHeading, type HtsLine } from '../../src/hts/parse.js';

export const HTS_FILES = ['hts_revisions.parquet', 'hts_lines.parquet', 'hts_headings.parquet'];
export const HTS_DIR = 'us/hts-archives';

interface Span<T> {
  row: T;
  first: number;
  last: number;
}

/** Revision name from the file name: hts_2026_rev_10.json.gz → 2026_rev_10. */
export function revisionName(file: string): string {
  return file.replace(/^hts_/, '').replace(/\.json(\.gz)?$/, '');
}

/** Adds revision `seq` to the open spans: unchanged rows extend, changed or new rows open a span, gone rows close. */
function extend<T>(
  open: Map<string, Span<T>>,
  closed: Span<T>[],
  rows: Map<string, T>,
  same: (a: T, b: T) => boolean,
  seq: number,
) {
  for (const [key, span] of open) {
    const now = rows.get(key);
    if (now === undefined || !same(span.row, now)) {
      closed.push(span);
      open.delete(key);
    }
  }
  for (const [key, row] of rows) {
    const span = open.get(key);
    if (span) span.last = seq;
    else open.set(key, { row, first: seq, last: seq });
  }
}

const sameLine = (a: HtsLine, b: HtsLine) =>
  a.description === b.description &&
  a.general === b.general &&
  a.units === b.units &&
  a.footnotes === b.footnotes &&
  a.indent === b.indent;
const sameHeading = (a: HtsHeading, b: HtsHeading) => a.description === b.description && a.general === b.general;

export async function buildHtsArchives(ctx: BuildContext): Promise<void> {
  const csvText = fs
    .readFileSync(srcPath(ctx, `${HTS_DIR}/revisions.csv`), 'utf8')
    .trim()
    .split('\n');
  const header = csvText[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  const revs = csvText
    .slice(1)
    .map((l) => l.split(','))
    .map((c) => ({
      file: c[col('file')]!,
      effective: c[col('hts_effective_date')]!,
      policy: c[col('policy_effective_date')] === 'NA' ? null : c[col('policy_effective_date')]!,
    }))
    .sort((a, b) => a.effective.localeCompare(b.effective) || a.file.localeCompare(b.file));

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-hts-'));
  const openLines = new Map<string, Span<HtsLine>>();
  const openHeadings = new Map<string, Span<HtsHeading>>();
  const lineSpans: Span<HtsLine>[] = [];
  const headingSpans: Span<HtsHeading>[] = [];
  const revRows: string[] = [];
  const errRows: string[] = [];
  let totalErrors = 0;
  for (const [seq, r] of revs.entries()) {
    const json = JSON.parse(
      gunzipSync(fs.readFileSync(srcPath(ctx, `${HTS_DIR}/${r.file}`))).toString('utf8'),
    ) as unknown;
    const parsed = readRevisionRows(json);
    const name = revisionName(r.file);
    totalErrors += parsed.errors.length;
    for (const e of parsed.errors) errRows.push(JSON.stringify({ seq, code: e.code, message: e.message }));
    revRows.push(
      JSON.stringify({
        seq,
        revision: name,
        file: r.file,
        effective_date: r.effective,
        policy_date: r.policy,
        rows: parsed.rows,
        lines: parsed.lines.length,
        headings: parsed.headings.length,
        parse_errors: parsed.errors.length,
        errors: parsed.errors.map((e) => `${e.code}: ${e.message}`).join('\n') || null,
      }),
    );
    extend(openLines, lineSpans, new Map(parsed.lines.map((l) => [l.code, l])), sameLine, seq);
    extend(openHeadings, headingSpans, new Map(parsed.headings.map((h) => [h.heading, h])), sameHeading, seq);
  }
  lineSpans.push(...openLines.values());
  headingSpans.push(...openHeadings.values());

  const write = (file: string, rows: string[]) => {
    const p = path.join(tmp, file);
    fs.writeFileSync(p, rows.join('\n') + '\n');
    return lit(p);
  };
  const revFile = write('revisions.ndjson', revRows);
  const lineFile = write(
    'lines.ndjson',
    lineSpans.map((s) =>
      JSON.stringify({
        code: s.row.code.replace(/\./g, ''),
        level: s.row.level,
        indent: s.row.indent,
        description: s.row.description,
        general: s.row.general,
        units: s.row.units,
        footnotes: s.row.footnotes,
        first_seq: s.first,
        last_seq: s.last,
      }),
    ),
  );
  const headingFile = write(
    'headings.ndjson',
    headingSpans.map((s) =>
      JSON.stringify({
        heading: s.row.heading,
        description: s.row.description,
        general: s.row.general,
        rate_kind: s.row.rate.kind,
        rate_pct: s.row.rate.pct,
        rate: s.row.rate.display,
        parse_error: s.row.rate.error,
        first_seq: s.first,
        last_seq: s.last,
      }),
    ),
  );
  await run(
    ctx,
    `CREATE TABLE hts_revisions AS SELECT * FROM read_json(${revFile}, format='newline_delimited', columns={
       seq: 'INTEGER', revision: 'VARCHAR', file: 'VARCHAR', effective_date: 'VARCHAR', policy_date: 'VARCHAR',
       rows: 'INTEGER', lines: 'INTEGER', headings: 'INTEGER', parse_errors: 'INTEGER', errors: 'VARCHAR'})`,
  );
  await run(
    ctx,
    `CREATE TABLE hts_lines AS SELECT * FROM read_json(${lineFile}, format='newline_delimited', columns={
       code: 'VARCHAR', level: 'INTEGER', indent: 'INTEGER', description: 'VARCHAR', general: 'VARCHAR',
       units: 'VARCHAR', footnotes: 'VARCHAR', first_seq: 'INTEGER', last_seq: 'INTEGER'})`,
  );
  await run(
    ctx,
    `CREATE TABLE hts_headings AS SELECT * FROM read_json(${headingFile}, format='newline_delimited', columns={
       heading: 'VARCHAR', description: 'VARCHAR', general: 'VARCHAR', rate_kind: 'VARCHAR', rate_pct: 'DOUBLE',
       rate: 'VARCHAR', parse_error: 'VARCHAR', first_seq: 'INTEGER', last_seq: 'INTEGER'})`,
  );
  await writeParquet(
    ctx,
    `SELECT seq, revision, file, effective_date, policy_date, rows, lines, headings, parse_errors, errors
     FROM hts_revisions ORDER BY seq`,
    'hts_revisions.parquet',
  );
  await writeParquet(
    ctx,
    `SELECT code, level, indent, description, general, units, footnotes, first_seq, last_seq
     FROM hts_lines ORDER BY code, first_seq`,
    'hts_lines.parquet',
  );
  await writeParquet(
    ctx,
    `SELECT heading, description, general, rate_kind, rate_pct, rate, parse_error, first_seq, last_seq
     FROM hts_headings ORDER BY heading, first_seq`,
    'hts_headings.parquet',
  );
  fs.rmSync(tmp, { recursive: true, force: true });

  const last = JSON.parse(revRows[revRows.length - 1]!) as { revision: string; lines: number; headings: number };
  fact(ctx, 'hts', 'revisions', revs.length);
  fact(
    ctx,
    'hts',
    'revision_range',
    `${revisionName(revs[0]!.file)} (${revs[0]!.effective}) … ${last.revision} (${revs[revs.length - 1]!.effective})`,
  );
  fact(ctx, 'hts', 'line_rows_interval_encoded', lineSpans.length);
  fact(ctx, 'hts', 'heading_rows_interval_encoded', headingSpans.length);
  fact(ctx, 'hts', 'latest_revision_lines', last.lines);
  fact(ctx, 'hts', 'latest_revision_ch99_headings', last.headings);
  fact(ctx, 'hts', 'parse_errors_all_revisions', totalErrors);
  const kinds = new Map<string, number>();
  for (const s of headingSpans) kinds.set(s.row.rate.kind, (kinds.get(s.row.rate.kind) ?? 0) + 1);
  fact(
    ctx,
    'hts',
    'heading_rows_by_rate_kind',
    [...kinds].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`),
  );
  console.log(
    `      HTS: ${revs.length} revisions, ${lineSpans.length} line rows, ${headingSpans.length} heading rows, ${totalErrors} parse errors${errRows.length ? ` (first: ${JSON.parse(errRows[0]!).message as string})` : ''}`,
  );
}

export const htsSourcesSection = (
  measured: string,
): string => `## hts_revisions.parquet, hts_lines.parquet, hts_headings.parquet
The Harmonized Tariff Schedule of the United States as published, revision by revision, for \`tradewar hts audit\` and
\`tradewar hts diff\` (src/hts, src/service/hts.ts). Source: \`us/hts-archives/\` — 44 official USITC HTS JSON exports
(2025 basic … 2026 revision 10, in force 2026-06-08) and \`revisions.csv\` (each revision's effective date and, where it
differs, the legal date of the policy it codifies), as collected by The Budget Lab at Yale's tariff-rate-tracker (MIT;
the files are the USITC's own exports, unchanged; USITC material is US federal public-domain information).

Read by scripts/data-build/hts-archives.ts with src/hts/parse.ts:
- \`hts_revisions\`: one row per revision (seq in effective-date order, name such as \`2026_rev_10\`, file, effective
  and policy dates, row/line/heading counts, parse errors with their text).
- \`hts_lines\`: every numbered line outside Chapter 99 (HTS4/6/8/10; code without dots), with its description,
  general (column 1) rate, units and the Chapter 99 headings its general-rate footnotes name ("See 9903.88.15." →
  \`9903.88.15\`; space-separated). Column-2 footnotes (Russia, 9903.90) are not read.
- \`hts_headings\`: every Chapter 99 heading 9903.xx.xx with its text, the general rate as printed and parsed:
  \`plus_pct\` ("The duty provided in the applicable subheading + 25%"), \`plus_content_pct\` ("+ 50% upon the value of the
  steel content"), \`base_only\` ("The duty provided in the applicable subheading": an exemption or exclusion heading),
  \`no_change\`, \`total_pct\` ("15%"), \`free\`, \`specific\`, \`compound\`, \`none\` (no rate printed) and \`unparsed\`
  (counted as a parse error, the text kept in \`parse_error\`).
- Both are interval-encoded: one row per run of consecutive revisions (first_seq..last_seq) in which the row reads the
  same; a line that changes or disappears starts a new row.

${measured}
`;
