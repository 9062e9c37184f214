// The entry batch as SQL text: read the file, type and check each field, range-join the interval panel,
// price each line. Only portable SQL plus three DuckDB functions with direct equivalents elsewhere
// (read_csv/read_parquet/read_json → the engine's table functions; list_transform → ClickHouse arrayMap,
// Spark transform; try_strptime → parseDateTimeOrNull / try_to_timestamp). See docs/adr/0019.
import { sqlString } from '../datasets/duckdb.js';
import type { EntryField } from './columns.js';

export type SourceKind = 'csv' | 'parquet' | 'json';

export interface SourceColumn {
  name: string;
  type: string;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The table function that reads the file. CSV and JSON are read as text so that no bad cell stops the file. */
export function readerSql(file: string, kind: SourceKind): string {
  const f = sqlString(file);
  if (kind === 'parquet') return `read_parquet(${f}, file_row_number = true)`;
  if (kind === 'json') return `read_json(${f}, format = 'auto', records = true, sample_size = -1)`;
  return `read_csv(${f}, header = true, all_varchar = true, null_padding = true, strict_mode = false)`;
}

/** The row number of the file (1 = first data row): Parquet's own, else the reading order. */
export function rowNumberSql(kind: SourceKind): string {
  return kind === 'parquet' ? 'file_row_number + 1' : 'row_number() OVER ()';
}

const isText = (type: string) => type === 'VARCHAR' || type.startsWith('VARCHAR');
const isNumeric = (type: string) =>
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/.test(type);

/** A cell as trimmed text (NULL when empty). */
function textOf(col: SourceColumn): string {
  const c = ident(col.name);
  return isText(col.type) ? `nullif(trim(${c}), '')` : `CAST(${c} AS VARCHAR)`;
}

/** A date cell: DATE/TIMESTAMP as is; text as YYYY-MM-DD, MM/DD/YYYY or YYYYMMDD; NULL when unreadable. */
function dateOf(col: SourceColumn): string {
  const c = ident(col.name);
  if (col.type === 'DATE') return c;
  if (col.type.startsWith('TIMESTAMP')) return `CAST(${c} AS DATE)`;
  const t = textOf(col);
  return `coalesce(TRY_CAST(${t} AS DATE), CAST(try_strptime(${t}, ['%m/%d/%Y', '%Y%m%d']) AS DATE))`;
}

/** An amount: numbers as is; text with optional $ and thousands separators. */
function numberOf(col: SourceColumn): string {
  const c = ident(col.name);
  if (isNumeric(col.type)) return `CAST(${c} AS DOUBLE)`;
  const t = textOf(col);
  return `coalesce(TRY_CAST(${t} AS DOUBLE), TRY_CAST(replace(replace(${t}, ',', ''), '$', '') AS DOUBLE))`;
}

/** An HTS code: dots and spaces dropped; a 9-digit code is a 10-digit one whose leading 0 a spreadsheet ate. */
function htsOf(col: SourceColumn): string {
  const c = ident(col.name);
  const digits = isNumeric(col.type)
    ? `CAST(TRY_CAST(${c} AS BIGINT) AS VARCHAR)`
    : `replace(replace(replace(trim(${c}), '.', ''), ' ', ''), '-', '')`;
  return `CASE WHEN length(${digits}) = 9 THEN '0' || ${digits} ELSE ${digits} END`;
}

export interface LinesSqlInput {
  file: string;
  kind: SourceKind;
  columns: Map<EntryField, SourceColumn>;
  /** Cached panel files (see panel-cache.ts). */
  intervals: string;
  origins: string;
  importer: string;
  window: { from: string; until: string };
}

/**
 * One output row per input row, in file order: the inputs as read, `status` ok|rejected with a `reason`, the
 * rates of the panel interval the entry date falls in, and the duty in dollars: base, statutory, expected,
 * owed after rulings, refundable (struck-down layers), and with duty paid the difference and the refund due.
 */
export function linesSql(q: LinesSqlInput): string {
  const col = (f: EntryField) => q.columns.get(f);
  const text = (f: EntryField) => (col(f) ? textOf(col(f)!) : 'CAST(NULL AS VARCHAR)');
  const date = (f: EntryField) => (col(f) ? dateOf(col(f)!) : 'CAST(NULL AS DATE)');
  const num = (f: EntryField) => (col(f) ? numberOf(col(f)!) : 'CAST(NULL AS DOUBLE)');
  const from = sqlString(q.window.from);
  const until = sqlString(q.window.until);
  const importer = sqlString(q.importer);
  const usd = (pct: string) => `round(t.value_usd * ${pct} / 100, 2)`;
  // the first failing check names the row's problem; the panel join is skipped for rows that fail one
  return `
WITH src AS (
  SELECT ${rowNumberSql(q.kind)} AS "row",
    ${text('entry_number')} AS entry_number, ${text('line_number')} AS line_number,
    ${text('entry_date')} AS entry_date_text, ${date('entry_date')} AS entry_date,
    ${text('hts')} AS hts_text, ${col('hts') ? htsOf(col('hts')!) : 'NULL'} AS hts,
    upper(${text('origin')}) AS origin,
    ${text('value')} AS value_text, ${num('value')} AS value_usd,
    ${text('quantity')} AS quantity_text, ${num('quantity')} AS quantity,
    ${text('duty_paid')} AS duty_paid_text, ${num('duty_paid')} AS duty_paid_usd,
    ${text('liquidation_date')} AS liquidation_date_text, ${date('liquidation_date')} AS liquidation_date
  FROM ${readerSql(q.file, q.kind)}
),
checked AS (
  SELECT src.*, o.exporter,
    CASE
      WHEN entry_date_text IS NULL THEN 'no entry date'
      WHEN entry_date IS NULL THEN 'entry date "' || entry_date_text || '" is not a date (YYYY-MM-DD or MM/DD/YYYY)'
      WHEN entry_date < ${from}::DATE OR entry_date >= ${until}::DATE
        THEN 'entry date ' || CAST(entry_date AS VARCHAR) || ' is outside the modelled period '
          || ${from} || ' to ' || CAST(${until}::DATE - 1 AS VARCHAR)
      WHEN hts_text IS NULL THEN 'no HTS code'
      WHEN NOT regexp_full_match(coalesce(hts, ''), '[0-9]{10}')
        THEN 'HTS code "' || hts_text || '" is not a 10-digit statistical line (e.g. 8517.13.0000)'
      WHEN src.origin IS NULL THEN 'no country of origin'
      WHEN src.origin = ${importer} THEN 'country of origin is the importer ' || ${importer} || ' (goods returned are not modelled)'
      WHEN o.exporter IS NULL THEN 'country of origin "' || src.origin || '" is not an ISO 3166 alpha-2 code'
      WHEN value_text IS NULL THEN 'no customs value'
      WHEN value_usd IS NULL OR value_usd < 0 OR isinf(value_usd)
        THEN 'customs value "' || value_text || '" is not an amount of 0 or more'
      WHEN quantity_text IS NOT NULL AND quantity IS NULL THEN 'quantity "' || quantity_text || '" is not a number'
      WHEN duty_paid_text IS NOT NULL AND (duty_paid_usd IS NULL OR isinf(duty_paid_usd))
        THEN 'duty paid "' || duty_paid_text || '" is not an amount'
      WHEN liquidation_date_text IS NOT NULL AND liquidation_date IS NULL
        THEN 'liquidation date "' || liquidation_date_text || '" is not a date'
    END AS input_reason
  FROM src LEFT JOIN read_parquet(${sqlString(q.origins)}) o ON o.origin = src.origin
),
t AS (
  SELECT checked.*,
    CASE WHEN input_reason IS NULL THEN exporter END AS join_exporter,
    CASE WHEN input_reason IS NULL THEN hts END AS join_hts
  FROM checked
),
joined AS (
  SELECT t.*, p.base_pct, p.statutory_pct, p.expected_pct, p.owed_pct, p.refundable_pct, p.layers AS panel_layers,
    p.product IS NOT NULL AS priced
  FROM t LEFT JOIN read_parquet(${sqlString(q.intervals)}) p
    ON p.exporter = t.join_exporter AND p.product = t.join_hts
   AND t.entry_date >= p.valid_from AND t.entry_date < p.valid_until
)
SELECT t."row", t.entry_number, t.line_number, t.entry_date, t.hts, t.origin, t.value_usd, t.quantity,
  t.duty_paid_usd, t.liquidation_date,
  CASE WHEN t.priced THEN 'ok' ELSE 'rejected' END AS status,
  coalesce(t.input_reason, CASE WHEN NOT t.priced THEN 'HTS code ' || t.hts
    || ' is not a line of the ' || ${importer} || ' tariff schedule the panel covers (current edition)' END) AS reason,
  t.base_pct, t.statutory_pct, t.expected_pct, t.owed_pct,
  ${usd('t.base_pct')} AS duty_base_usd,
  ${usd('t.statutory_pct')} AS duty_statutory_usd,
  ${usd('t.expected_pct')} AS duty_expected_usd,
  ${usd('t.owed_pct')} AS duty_owed_usd,
  ${usd('t.refundable_pct')} AS refundable_usd,
  round(t.duty_paid_usd - ${usd('t.statutory_pct')}, 2) AS paid_minus_statutory_usd,
  round(t.duty_paid_usd - ${usd('t.owed_pct')}, 2) AS difference_usd,
  CASE WHEN t.priced AND t.duty_paid_usd IS NOT NULL
    THEN greatest(0, least(round(t.duty_paid_usd - ${usd('t.owed_pct')}, 2), ${usd('t.refundable_pct')})) END
    AS refund_due_usd,
  list_transform(t.panel_layers, lambda l: {
    'measure': l.measure, 'authority': l.authority, 'rate_pct': l.rate_pct, 'expected_pct': l.expected_pct,
    'owed': l.owed,
    'duty_statutory_usd': round(t.value_usd * l.rate_pct / 100, 2),
    'duty_expected_usd': round(t.value_usd * l.expected_pct / 100, 2)}) AS layers
FROM joined t`;
}

/** CSV has no lists: the layers become two text columns, `measure:usd;measure:usd`. */
export function csvProjection(parquetFile: string): string {
  const per = (field: string) =>
    `array_to_string(list_transform(layers, lambda l: l.measure || ':' || CAST(l.${field} AS VARCHAR)), ';')`;
  return `SELECT * EXCLUDE (layers), ${per('duty_statutory_usd')} AS layers_statutory_usd,
    ${per('duty_expected_usd')} AS layers_expected_usd FROM read_parquet(${sqlString(parquetFile)})`;
}

export function totalsSql(parquetFile: string): string {
  return `SELECT count(*)::BIGINT AS rows,
    count(*) FILTER (WHERE status = 'ok')::BIGINT AS accepted,
    count(*) FILTER (WHERE status = 'rejected')::BIGINT AS rejected,
    count(*) FILTER (WHERE status = 'ok' AND duty_paid_usd IS NOT NULL)::BIGINT AS with_duty_paid,
    coalesce(round(sum(value_usd) FILTER (WHERE status = 'ok'), 2), 0) AS value_usd,
    coalesce(round(sum(duty_base_usd), 2), 0) AS duty_base_usd,
    coalesce(round(sum(duty_statutory_usd), 2), 0) AS duty_statutory_usd,
    coalesce(round(sum(duty_expected_usd), 2), 0) AS duty_expected_usd,
    coalesce(round(sum(duty_owed_usd), 2), 0) AS duty_owed_usd,
    coalesce(round(sum(refundable_usd), 2), 0) AS refundable_usd,
    coalesce(round(sum(duty_paid_usd) FILTER (WHERE status = 'ok'), 2), 0) AS duty_paid_usd,
    coalesce(round(sum(refund_due_usd), 2), 0) AS refund_due_usd,
    CAST(min(entry_date) FILTER (WHERE status = 'ok') AS VARCHAR) AS first_entry_date,
    CAST(max(entry_date) FILTER (WHERE status = 'ok') AS VARCHAR) AS last_entry_date
  FROM read_parquet(${sqlString(parquetFile)})`;
}

export function byLayerSql(parquetFile: string): string {
  return `SELECT l.measure, any_value(l.authority) AS authority, bool_and(l.owed) AS owed,
    count(*)::BIGINT AS lines,
    round(sum(l.duty_statutory_usd), 2) AS duty_statutory_usd,
    round(sum(l.duty_expected_usd), 2) AS duty_expected_usd,
    round(sum(l.duty_statutory_usd) FILTER (WHERE NOT l.owed), 2) AS refundable_usd
  FROM (SELECT unnest(layers) AS l FROM read_parquet(${sqlString(parquetFile)}) WHERE status = 'ok')
  GROUP BY l.measure ORDER BY duty_statutory_usd DESC, l.measure`;
}

export function rejectedSql(parquetFile: string, limit: number): string {
  return `SELECT "row", reason FROM read_parquet(${sqlString(parquetFile)})
    WHERE status = 'rejected' ORDER BY "row" LIMIT ${limit}`;
}
