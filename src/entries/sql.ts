// The entry batch as SQL text: read the file, type and check each field, range-join the interval panel,
// price each line. Only portable SQL plus three DuckDB functions with direct equivalents elsewhere
// (read_csv/read_parquet/read_json → the engine's table functions; list_transform → ClickHouse arrayMap,
// Spark transform; try_strptime → parseDateTimeOrNull / try_to_timestamp). See docs/adr/0019.
import { sqlString } from '../datasets/duckdb.js';
import { MAX_USD as MAX_USD_LIMIT } from '../util/numbers.js';
import { FORMULA_START, PLAIN_NUMBER } from '../util/csv.js';
import type { EntryField } from './columns.js';
import { cellCountReasonSql, countedCsvSelect, type CsvLayout } from './csv-cells.js';
import { CAPE_LIQUIDATED_DAYS, PROTEST_DAYS } from '../engine/refunds.js';

export type SourceKind = 'csv' | 'parquet' | 'json';

export interface SourceColumn {
  name: string;
  type: string;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The table function that reads the file. CSV and JSON are read as text so that no bad cell stops the file.
 * Parquet is read with its row numbers unless `plain` (a file with a column of that name must be staged). */
export function readerSql(file: string, kind: SourceKind, plain = false): string {
  const f = sqlString(file);
  if (kind === 'parquet') return plain ? `read_parquet(${f})` : `read_parquet(${f}, file_row_number = true)`;
  if (kind === 'json') return `read_json(${f}, format = 'auto', records = true, sample_size = -1)`;
  return `read_csv(${f}, header = true, all_varchar = true, null_padding = true, strict_mode = false)`;
}

/** The row number of the file (1 = first data row): Parquet's own, else the reading order. */
export function rowNumberSql(kind: SourceKind): string {
  return kind === 'parquet' ? 'file_row_number + 1' : 'row_number() OVER ()';
}

/** A column the reader's own row numbers would collide with (DuckDB refuses to read such a Parquet file). */
export const ROW_NUMBER_COLUMN = 'file_row_number';

/**
 * A file copied as is into a scratch Parquet, in file order, so that its own `file_row_number` numbers the rows:
 * - CSV (every cell text): DuckDB reads CSV on both threads and writes the row groups in order. Numbering the
 *   CSV read itself (`row_number() OVER ()`) would keep the whole read on one thread: at 10 M lines the copy
 *   costs about 5 s, the numbered read about 10 s more.
 * - a Parquet file with a column named `file_row_number`, which is left out (no entry field has that name).
 */
export function stageSql(
  file: string,
  kind: 'csv' | 'parquet',
  staged: string,
  columns: SourceColumn[],
  layout?: CsvLayout,
): string {
  const clashing = columns.filter((c) => c.name.toLowerCase() === ROW_NUMBER_COLUMN).map((c) => c.name);
  // a CSV read with its layout fixed carries each row's cell count (csv-cells.ts)
  if (kind === 'csv' && layout)
    return `COPY (${countedCsvSelect(file, layout, clashing)}) TO ${sqlString(staged)} (${PARQUET_SCRATCH})`;
  const clash = clashing.map(ident);
  const select = clash.length > 0 ? `* EXCLUDE (${clash.join(', ')})` : '*';
  return `COPY (SELECT ${select} FROM ${readerSql(file, kind, true)}) TO ${sqlString(staged)} (${PARQUET_SCRATCH})`;
}

/**
 * Parquet writer settings. Dictionary encoding is kept for columns with few distinct values per row group
 * (origin, status, measures, rates) and given up early for the rest (row numbers, codes, dates, dollars),
 * whose dictionaries DuckDB would otherwise fill up to its default size before falling back to plain
 * encoding: about a fifth of the job's time at 10 M lines for files ~10% larger.
 */
export const PARQUET_OUTPUT = 'FORMAT parquet, COMPRESSION snappy, DICTIONARY_SIZE_LIMIT 1000';
/** A scratch copy read once and deleted: no compression. */
const PARQUET_SCRATCH = 'FORMAT parquet, COMPRESSION uncompressed, DICTIONARY_SIZE_LIMIT 1000';

const isText = (type: string) => type.startsWith('VARCHAR');
const isNumeric = (type: string) =>
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/.test(type);

/** A cell as text, for messages only (evaluated for rejected rows alone). */
const asText = (c: string) => `CAST(${c} AS VARCHAR)`;

/** A date cell: DATE/TIMESTAMP as is; text as YYYY-MM-DD, MM/DD/YYYY or YYYYMMDD; NULL when unreadable. */
function dateOf(col: SourceColumn, c: string): string {
  if (col.type === 'DATE') return c;
  if (col.type.startsWith('TIMESTAMP')) return `CAST(${c} AS DATE)`;
  const t = isText(col.type) ? c : asText(c);
  return `coalesce(TRY_CAST(${t} AS DATE), CAST(try_strptime(${t}, ['%m/%d/%Y', '%Y%m%d']) AS DATE))`;
}

/** An amount: numbers as is; text with an optional $ and comma thousands separators. */
function numberOf(col: SourceColumn, c: string): string {
  if (isNumeric(col.type)) return `CAST(${c} AS DOUBLE)`;
  const t = isText(col.type) ? c : asText(c);
  // "$1,234.50" yes; "1000,00" (a decimal comma) is not read as 100000 but rejected
  return `coalesce(TRY_CAST(${t} AS DOUBLE), CASE WHEN regexp_full_match(${t}, '\\$? ?-?[0-9]{1,3}(,[0-9]{3})*(\\.[0-9]+)?')
    THEN TRY_CAST(replace(replace(replace(${t}, ',', ''), '$', ''), ' ', '') AS DOUBLE) END)`;
}

/** An HTS code's digits: dots and spaces dropped (numbers as written). */
function htsDigitsOf(col: SourceColumn, c: string): string {
  if (isNumeric(col.type)) return `CAST(TRY_CAST(${c} AS BIGINT) AS VARCHAR)`;
  return `replace(replace(${isText(col.type) ? c : asText(c)}, '.', ''), ' ', '')`;
}

/** Empty cells: NULL, or '' in text columns. */
const missing = (col: SourceColumn | undefined, c: string) =>
  !col ? 'true' : isText(col.type) ? `(${c} IS NULL OR ${c} = '')` : `${c} IS NULL`;

/**
 * Dollars are exact cents: DECIMAL(18,2), rounded half away from zero as round(x, 2) would (a Parquet INT64,
 * cheaper to compute and write than a rounded DOUBLE, and summed without floating-point drift). Amounts are
 * kept under $10 trillion a line (an entry line above it is rejected), far inside the type's range.
 */
export const cents = (x: string) => `CAST(${x} AS DECIMAL(18, 2))`;
const MAX_USD = String(MAX_USD_LIMIT);

export interface LinesSqlInput {
  file: string;
  kind: SourceKind;
  columns: Map<EntryField, SourceColumn>;
  /** Cached panel files (see panel-cache.ts). */
  intervals: string;
  layerSets: string;
  origins: string;
  importer: string;
  window: { from: string; until: string };
  /** The date the refund path of each line is judged at (YYYY-MM-DD; the caller's today by default). */
  asOf: string;
  /** The cells are a CSV file's text (staged to Parquet or not): origins may carry spaces and any case. */
  textCells?: boolean;
  /** A staged CSV's layout: rows whose cell count differs from the header's are rejected first (csv-cells.ts). */
  csvLayout?: CsvLayout;
}

/**
 * The refund path of a priced line with struck-down duty, from its liquidation date as of \`asOf\` (the rule of
 * refundPath in src/engine/refunds.ts): 'cape' when unliquidated (or liquidating after asOf) or liquidated at most
 * 80 days before, 'protest' under 180 days, 'court' after. NULL for a line with no refundable duty.
 */
export function refundPathSql(liquidation: string, refundable: string, asOf: string): string {
  const at = `${sqlString(asOf)}::DATE`;
  return `CASE WHEN ${refundable} IS NULL OR ${refundable} <= 0 THEN NULL
    WHEN ${liquidation} IS NULL OR ${liquidation} > ${at} OR ${at} - ${liquidation} <= ${CAPE_LIQUIDATED_DAYS} THEN 'cape'
    WHEN ${at} - ${liquidation} < ${PROTEST_DAYS} THEN 'protest' ELSE 'court' END`;
}

/**
 * One output row per input row, in file order: the inputs as read, `status` ok|rejected with a `reason`, the
 * rates of the panel interval the entry date falls in, and the duty in dollars: base, statutory, expected,
 * owed after rulings, refundable (struck-down layers), and with duty paid the difference and the refund due.
 *
 * Cheap for good rows: cells are parsed once, the join keys are NULL for rows that cannot be priced, and the
 * reason of a rejected row is worked out only for the rows the join left unpriced (CASE evaluates lazily).
 * Cheap to keep in order: the hash join emits rows out of file order, so they are sorted by row right after it,
 * while a row is still narrow (no raw cells, no dollars, no optional column the file lacks, a layer-set id in
 * place of the list of layers). After the sort only streaming steps follow: the dollars are plain arithmetic,
 * and each row's layers are picked by its set id from the one-row list of all layer sets (unpriced rows point at
 * set 0, whose layers are NULL).
 * A join there would let DuckDB write the Parquet row groups in the order its threads finish them.
 */
export function linesSql(q: LinesSqlInput): string {
  const col = (f: EntryField) => q.columns.get(f);
  const raw = (f: EntryField) => `r_${f}`;
  const rawSelect = [...q.columns].map(([f, c]) => `${ident(c.name)} AS ${raw(f)}`);
  const parsed = (f: EntryField, fn: (c: SourceColumn, x: string) => string, type: string) =>
    col(f) ? fn(col(f)!, raw(f)) : `CAST(NULL AS ${type})`;
  const passThrough = (f: EntryField) => (col(f) ? raw(f) : 'CAST(NULL AS VARCHAR)');
  const text = (f: EntryField) => (col(f) ? asText(raw(f)) : "''");
  const from = sqlString(q.window.from);
  const until = sqlString(q.window.until);
  const importer = sqlString(q.importer);
  // CSV cells may carry spaces and any case; the origins table holds upper and lower case codes
  const originKey = q.kind === 'csv' || q.textCells ? `upper(trim(${raw('origin')}))` : raw('origin');
  const usd = (pct: string) => cents(`value_usd * ${pct} / 100`);
  // optional columns the file lacks are not carried through the sort: they are NULL, added after it
  const optional = (f: EntryField, name: string) => (col(f) ? `${name}, ` : '');
  const afterSort = (f: EntryField, type: string) => (col(f) ? f : `CAST(NULL AS ${type}) AS ${f}`);
  const badOptional = (f: EntryField, parsedName: string) =>
    col(f) ? `(NOT ${missing(col(f), raw(f))} AND ${parsedName} IS NULL)` : 'false';
  const cellReason = q.csvLayout ? cellCountReasonSql(q.csvLayout) : 'CAST(NULL AS VARCHAR)';
  return `
WITH src AS (
  SELECT ${rowNumberSql(q.kind)} AS "row", ${rawSelect.join(', ')}, ${cellReason} AS cell_reason
  FROM ${readerSql(q.file, q.kind)}
),
typed AS (
  SELECT src.*,
    ${parsed('entry_date', dateOf, 'DATE')} AS entry_date,
    ${parsed('hts', htsDigitsOf, 'VARCHAR')} AS hts_digits,
    ${parsed('value', numberOf, 'DOUBLE')} AS value_usd,
    ${parsed('quantity', numberOf, 'DOUBLE')} AS quantity,
    ${parsed('duty_paid', numberOf, 'DOUBLE')} AS duty_paid_usd,
    ${parsed('liquidation_date', dateOf, 'DATE')} AS liquidation_date,
    o.iso AS origin, o.exporter
  FROM src LEFT JOIN read_parquet(${sqlString(q.origins)}) o ON o.code = ${originKey}
),
padded AS (
  SELECT typed.*, CASE WHEN length(hts_digits) = 9 THEN '0' || hts_digits ELSE hts_digits END AS hts
  FROM typed
),
keyed AS (
  -- the join key is NULL for a row whose cells cannot be priced (so the join stays a hash join)
  SELECT padded.*, CASE WHEN cell_reason IS NULL AND value_usd >= 0 AND value_usd < ${MAX_USD}
      AND NOT ${badOptional('quantity', 'quantity')}
      AND NOT (${badOptional('duty_paid', 'duty_paid_usd')} OR coalesce(NOT abs(duty_paid_usd) < ${MAX_USD}, false))
      AND NOT ${badOptional('liquidation_date', 'liquidation_date')} THEN hts END AS join_hts
  FROM padded
),
joined AS (
  SELECT k.*, p.base_pct, p.statutory_pct, p.expected_pct, p.owed_pct, p.refundable_pct, p.layer_set,
    p.layer_set IS NOT NULL AS priced,
    -- ADR 82: the unconfirmed items the statutory total rests on, and the totals with each flipped (NULL: none)
    p.unconfirmed, p.alternative_total_pct
  FROM keyed k LEFT JOIN read_parquet(${sqlString(q.intervals)}) p
    ON p.exporter = k.exporter AND p.product = k.join_hts
   AND k.entry_date >= p.valid_from AND k.entry_date < p.valid_until
),
-- every layer set's list of layers, as one list indexed by set id + 1 (one row: attached without a join)
sets AS (SELECT list(layers ORDER BY layer_set) AS all_layers FROM read_parquet(${sqlString(q.layerSets)})),
checked AS (
  SELECT "row", ${passThrough('entry_number')} AS entry_number, ${passThrough('line_number')} AS line_number,
    entry_date, hts, coalesce(origin, ${col('origin') ? asText(raw('origin')) : 'NULL'}) AS origin, value_usd,
    duty_paid_usd, ${optional('quantity', 'quantity')}${optional('liquidation_date', 'liquidation_date')}
    CASE
      WHEN priced THEN NULL
      WHEN cell_reason IS NOT NULL THEN cell_reason
      WHEN ${missing(col('entry_date'), raw('entry_date'))} THEN 'no entry date'
      WHEN entry_date IS NULL
        THEN 'entry date "' || ${text('entry_date')} || '" is not a date (YYYY-MM-DD or MM/DD/YYYY)'
      WHEN entry_date < ${from}::DATE OR entry_date >= ${until}::DATE
        THEN 'entry date ' || CAST(entry_date AS VARCHAR) || ' is outside the modelled period '
          || ${from} || ' to ' || CAST(${until}::DATE - 1 AS VARCHAR)
      WHEN ${missing(col('hts'), raw('hts'))} THEN 'no HTS code'
      WHEN NOT regexp_full_match(coalesce(hts, ''), '[0-9]{10}')
        THEN 'HTS code "' || ${text('hts')} || '" is not a 10-digit statistical line (e.g. 8517.13.0000)'
      WHEN ${missing(col('origin'), raw('origin'))} THEN 'no country of origin'
      WHEN upper(trim(${text('origin')})) = ${importer}
        THEN 'country of origin is the importer ' || ${importer} || ' (goods returned are not modelled)'
      WHEN exporter IS NULL THEN 'country of origin "' || ${text('origin')} || '" is not an ISO 3166 alpha-2 code'
      WHEN ${missing(col('value'), raw('value'))} THEN 'no customs value'
      WHEN value_usd IS NULL OR value_usd < 0 OR isinf(value_usd) OR isnan(value_usd)
        THEN 'customs value "' || ${text('value')} || '" is not an amount of 0 or more'
      WHEN NOT value_usd < ${MAX_USD}
        THEN 'customs value "' || ${text('value')} || '" is $10 trillion or more: not the value of one entry line'
      WHEN ${badOptional('quantity', 'quantity')} THEN 'quantity "' || ${text('quantity')} || '" is not a number'
      WHEN ${badOptional('duty_paid', 'duty_paid_usd')} OR isinf(duty_paid_usd) OR isnan(duty_paid_usd)
        THEN 'duty paid "' || ${text('duty_paid')} || '" is not an amount'
      WHEN NOT abs(duty_paid_usd) < ${MAX_USD}
        THEN 'duty paid "' || ${text('duty_paid')} || '" is $10 trillion or more: not the duty of one entry line'
      WHEN ${badOptional('liquidation_date', 'liquidation_date')}
        THEN 'liquidation date "' || ${text('liquidation_date')} || '" is not a date'
      ELSE 'HTS code ' || hts || ' is not a line of the ' || ${importer}
        || ' tariff schedule the panel covers (current edition)'
    END AS reason,
    base_pct, statutory_pct, expected_pct, owed_pct, refundable_pct, coalesce(layer_set, 0) AS layer_set,
    unconfirmed, alternative_total_pct
  FROM joined
  ORDER BY "row"
)
SELECT "row", entry_number, line_number, entry_date, hts, origin, value_usd, ${afterSort('quantity', 'DOUBLE')},
  duty_paid_usd, ${afterSort('liquidation_date', 'DATE')}, CASE WHEN priced THEN 'ok' ELSE 'rejected' END AS status, reason, base_pct, statutory_pct, expected_pct, owed_pct,
  duty_base_usd, duty_statutory_usd, duty_expected_usd, duty_owed_usd, refundable_usd,
  CASE WHEN priced THEN ${cents('duty_paid_usd - CAST(duty_statutory_usd AS DOUBLE)')} END AS paid_minus_statutory_usd,
  CASE WHEN priced THEN ${cents('duty_paid_usd - CAST(duty_owed_usd AS DOUBLE)')} END AS difference_usd,
  CASE WHEN priced AND duty_paid_usd IS NOT NULL
    THEN greatest(0, least(${cents('duty_paid_usd - CAST(duty_owed_usd AS DOUBLE)')}, refundable_usd)) END AS refund_due_usd,
  ${refundPathSql(col('liquidation_date') ? 'liquidation_date' : 'CAST(NULL AS DATE)', 'refundable_usd', q.asOf)} AS refund_path,
  list_transform(all_layers[layer_set + 1], lambda l: {
    'measure': l.measure, 'authority': l.authority, 'rate_pct': l.rate_pct, 'expected_pct': l.expected_pct,
    'owed': l.owed,
    'duty_statutory_usd': ${cents('value_usd * l.rate_pct / 100')},
    'duty_expected_usd': ${cents('value_usd * l.expected_pct / 100')}}) AS layers,
  unconfirmed, alternative_total_pct
FROM (
  SELECT checked.*, layer_set <> 0 AS priced, ${usd('base_pct')} AS duty_base_usd,
    ${usd('statutory_pct')} AS duty_statutory_usd, ${usd('expected_pct')} AS duty_expected_usd,
    ${usd('owed_pct')} AS duty_owed_usd, ${usd('refundable_pct')} AS refundable_usd
  FROM checked
) CROSS JOIN sets`;
}

/** The columns in exact cents (DECIMAL), as numbers for a JSON answer: the client's JSON reader would give text. */
export function linesAsNumbersSql(parquetFile: string): string {
  const dollars = [
    'duty_base_usd',
    'duty_statutory_usd',
    'duty_expected_usd',
    'duty_owed_usd',
    'refundable_usd',
    'paid_minus_statutory_usd',
    'difference_usd',
    'refund_due_usd',
  ].map((c) => `CAST(${c} AS DOUBLE) AS ${c}`);
  const layer = `STRUCT(measure VARCHAR, authority VARCHAR, rate_pct DOUBLE, expected_pct DOUBLE, owed BOOLEAN,
    duty_statutory_usd DOUBLE, duty_expected_usd DOUBLE)`;
  return `SELECT * REPLACE (${dollars.join(', ')}, CAST(layers AS ${layer}[]) AS layers)
    FROM read_parquet(${sqlString(parquetFile)})`;
}

/** CSV has no lists: the layers become two text columns, `measure:usd;measure:usd`. */
export function csvProjection(parquetFile: string): string {
  const per = (field: string) =>
    `array_to_string(list_transform(layers, lambda l: l.measure || ':' || CAST(l.${field} AS VARCHAR)), ';')`;
  return `SELECT * EXCLUDE (layers), ${per('duty_statutory_usd')} AS layers_statutory_usd,
    ${per('duty_expected_usd')} AS layers_expected_usd FROM read_parquet(${sqlString(parquetFile)})`;
}

/** A text cell made formula-safe for CSV, by the rule of src/util/csv.ts formulaSafe (same patterns). */
export function formulaSafeSql(text: string): string {
  return `CASE WHEN regexp_matches(${text}, ${sqlString(FORMULA_START)})
    AND NOT regexp_matches(${text}, ${sqlString(PLAIN_NUMBER)}) THEN '''' || ${text} ELSE ${text} END`;
}

/** `query` with its text columns (type VARCHAR, from DESCRIBE) made formula-safe; other columns as they are. */
export function formulaSafeColumnsSql(query: string, columns: SourceColumn[]): string {
  const select = columns.map((c) =>
    c.type === 'VARCHAR' ? `${formulaSafeSql(ident(c.name))} AS ${ident(c.name)}` : ident(c.name),
  );
  return `SELECT ${select.join(', ')} FROM (${query})`;
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

export function byRefundPathSql(parquetFile: string): string {
  return `SELECT refund_path AS path, count(*)::BIGINT AS lines,
    coalesce(round(sum(refundable_usd), 2), 0) AS refundable_usd, coalesce(round(sum(refund_due_usd), 2), 0) AS refund_due_usd
  FROM read_parquet(${sqlString(parquetFile)}) WHERE status = 'ok' AND refund_path IS NOT NULL
  GROUP BY refund_path ORDER BY CASE refund_path WHEN 'cape' THEN 1 WHEN 'protest' THEN 2 ELSE 3 END`;
}

export function rejectedSql(parquetFile: string, limit: number): string {
  return `SELECT "row", reason FROM read_parquet(${sqlString(parquetFile)})
    WHERE status = 'rejected' ORDER BY "row" LIMIT ${limit}`;
}
