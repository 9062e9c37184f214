// Readers for trade files a user downloads in official layouts, so the tracker is current when newer data are
// at hand:
//  - US Census monthly exports by HS (International Trade API `timeseries/intltrade/exports/hs` variables:
//    E_COMMODITY, CTY_CODE / CTY_NAME, ALL_VAL_MO, QTY_1_MO, UNIT_QY1, time) as CSV or as the API's JSON array;
//  - USDA FAS weekly export sales (ESR: weekEndingDate, countryCode, commodityCode, weeklyExports,
//    currentMYNetSales, unitId ... or the ESR query's column titles "Week Ending", "Weekly Exports", "Net Sales").
// Each reader keeps the rows for China and returns dated actual rows; a file in neither layout is refused with
// the columns it lacks.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { queryRows, sqlString } from '../datasets/duckdb.js';
import { addDays, isValidIsoDate } from '../util/dates.js';
import { UserInputError } from '../util/errors.js';
import type { ActualRow, ActualSet } from './actuals.js';

type Record_ = Record<string, string | null>;

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

async function readTable(file: string): Promise<Record_[]> {
  if (!existsSync(file)) throw new UserInputError(`actuals file ${file} not found`, 'actuals');
  if (/\.json$/i.test(file)) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new UserInputError(`actuals file ${file} is not valid JSON`, 'actuals');
    }
    if (Array.isArray(data) && Array.isArray(data[0])) {
      const [head, ...body] = data as unknown[][];
      return body.map((r) => Object.fromEntries(head!.map((h, i) => [String(h), r[i] == null ? null : String(r[i])])));
    }
    if (Array.isArray(data))
      return (data as Record<string, unknown>[]).map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v == null ? null : String(v)])),
      );
    throw new UserInputError(
      `actuals file ${file}: expected a JSON array (rows or the Census API's arrays)`,
      'actuals',
    );
  }
  try {
    return await queryRows<Record_>(
      `select * from read_csv(${sqlString(file)}, header=true, all_varchar=true, sample_size=-1)`,
    );
  } catch (err) {
    throw new UserInputError(
      `actuals file ${file} could not be read as CSV: ${(err as Error).message.split('\n')[0]}`,
      'actuals',
    );
  }
}

/** Column lookup by normalised header name, trying aliases in order. */
function columns(rows: Record_[]): (aliases: string[]) => string | undefined {
  const headers = Object.keys(rows[0] ?? {});
  const byNorm = new Map(headers.map((h) => [norm(h), h]));
  return (aliases) => aliases.map((a) => byNorm.get(norm(a))).find((h) => h !== undefined);
}

const num = (v: string | null | undefined): number | null => {
  if (v == null || v.trim() === '') return null;
  const n = Number(v.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
};

const CHINA_CENSUS_CODE = '5700';
const isChina = (code: string | null | undefined, name: string | null | undefined) =>
  code != null ? code.trim() === CHINA_CENSUS_CODE : name != null ? /^china$/i.test(name.trim()) : true;

function monthPeriod(time: string, file: string): { from: string; until: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(time.trim());
  if (!m) throw new UserInputError(`${file}: time "${time}" is not YYYY-MM`, 'actuals');
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  return { from: `${m[1]}-${m[2]}-01`, until: `${next}-01` };
}

export function isCensusLayout(rows: Record_[]): boolean {
  const col = columns(rows);
  return !!col(['E_COMMODITY']) && !!col(['ALL_VAL_MO']);
}

export function isEsrLayout(rows: Record_[]): boolean {
  const col = columns(rows);
  return !!col(['weekEndingDate', 'Week Ending', 'WeekEnding']) && !!col(['weeklyExports', 'Weekly Exports']);
}

function readCensus(rows: Record_[], file: string): ActualSet {
  const col = columns(rows);
  const code = col(['E_COMMODITY'])!;
  const value = col(['ALL_VAL_MO'])!;
  const time = col(['time']);
  const year = col(['YEAR']);
  const month = col(['MONTH']);
  const level = col(['COMM_LVL']);
  const ctyCode = col(['CTY_CODE']);
  const ctyName = col(['CTY_NAME']);
  const qty = col(['QTY_1_MO']);
  const unit = col(['UNIT_QY1']);
  if (!time && !(year && month))
    throw new UserInputError(`${file}: Census layout needs "time" (YYYY-MM) or YEAR and MONTH columns`, 'actuals');
  const id = `census-file:${basename(file)}`;
  // one depth only (HS6 preferred; else the finest present), so that nested rows are not counted twice
  const depthOf = (r: Record_) =>
    level && r[level] ? Number(r[level]!.replace(/\D/g, '')) : (r[code] ?? '').trim().length;
  const depths = new Set(rows.map(depthOf));
  const depth = depths.has(6) ? 6 : Math.max(...depths);
  const out: ActualRow[] = [];
  for (const r of rows) {
    if (!isChina(ctyCode ? r[ctyCode] : undefined, ctyName ? r[ctyName] : undefined)) continue;
    const c = (r[code] ?? '').trim();
    if (depthOf(r) !== depth || !/^\d{2,10}$/.test(c)) continue;
    const t = time ? r[time]! : `${r[year!]}-${String(r[month!]).padStart(2, '0')}`;
    const p = monthPeriod(t, file);
    const q = qty ? num(r[qty]) : null;
    const u = unit ? (r[unit] ?? '').trim().toUpperCase() : '';
    const tonnes = q === null ? null : u === 'T' ? q : u === 'KG' ? q / 1000 : null;
    out.push({ source: id, ...p, code: c, valueUsd: num(r[value]), tonnes });
  }
  if (!out.length) throw new UserInputError(`${file}: no rows for China (CTY_CODE 5700) in the Census file`, 'actuals');
  return {
    sources: [
      { id, label: `US Census monthly exports file ${basename(file)}`, granularity: 'month', user: true, file },
    ],
    rows: out,
  };
}

/** ESR commodity codes and names → HS prefix. */
const ESR_COMMODITIES: Array<[RegExp, string]> = [
  [/^(0?801|soybeans?)$/i, '1201'],
  [/^(0?701|sorghum)$/i, '1007'],
];

function readEsr(rows: Record_[], file: string): ActualSet {
  const col = columns(rows);
  const week = col(['weekEndingDate', 'Week Ending', 'WeekEnding'])!;
  const exportsCol = col(['weeklyExports', 'Weekly Exports'])!;
  const netSales = col(['currentMYNetSales', 'Net Sales', 'Current MY Net Sales']);
  const nextNet = col(['nextMYNetSales', 'Next MY Net Sales']);
  const country = col(['countryCode', 'Country Code']);
  const countryName = col(['Country', 'countryName']);
  const commodity = col(['commodityCode', 'Commodity Code', 'Commodity']);
  const unitId = col(['unitId', 'Unit Id']);
  const unitDesc = col(['Unit Desc', 'unitDesc', 'Unit']);
  if (!commodity) throw new UserInputError(`${file}: ESR layout needs a commodityCode or Commodity column`, 'actuals');
  const id = `usda-esr-file:${basename(file)}`;
  const out: ActualRow[] = [];
  for (const r of rows) {
    if (!isChina(country ? r[country] : undefined, countryName ? r[countryName] : undefined)) continue;
    const com = (r[commodity] ?? '').trim();
    const hs = ESR_COMMODITIES.find(([re]) => re.test(com))?.[1];
    if (!hs)
      throw new UserInputError(
        `${file}: ESR commodity "${com}" is not one the tracker maps (soybeans 801, sorghum 701)`,
        'actuals',
      );
    const unitOk =
      (unitId && r[unitId] ? r[unitId]!.trim() === '1' : true) &&
      (unitDesc && r[unitDesc] ? /metric ton/i.test(r[unitDesc]!) : true);
    if (!unitOk) throw new UserInputError(`${file}: ESR quantities must be in metric tons (unitId 1)`, 'actuals');
    const end = (r[week] ?? '').trim().slice(0, 10);
    if (!isValidIsoDate(end))
      throw new UserInputError(`${file}: week ending "${r[week]}" is not YYYY-MM-DD`, 'actuals');
    const sales = (netSales ? (num(r[netSales]) ?? 0) : 0) + (nextNet ? (num(r[nextNet]) ?? 0) : 0);
    out.push({
      source: id,
      from: addDays(end, -6),
      until: addDays(end, 1),
      code: hs,
      valueUsd: null,
      tonnes: num(r[exportsCol]),
      salesTonnes: netSales || nextNet ? sales : null,
    });
  }
  if (!out.length)
    throw new UserInputError(`${file}: no rows for China (countryCode 5700) in the export-sales file`, 'actuals');
  return {
    sources: [
      { id, label: `USDA FAS weekly export sales file ${basename(file)}`, granularity: 'week', user: true, file },
    ],
    rows: out,
  };
}

/** Reads a Census monthly exports file or a USDA export-sales file, told apart by their columns. */
export async function readActualsFile(file: string): Promise<ActualSet> {
  const rows = await readTable(file);
  if (!rows.length) throw new UserInputError(`actuals file ${file} has no rows`, 'actuals');
  if (isCensusLayout(rows)) return readCensus(rows, file);
  if (isEsrLayout(rows)) return readEsr(rows, file);
  throw new UserInputError(
    `actuals file ${file}: not a Census exports layout (E_COMMODITY, ALL_VAL_MO, time) nor USDA export sales (weekEndingDate, weeklyExports)`,
    'actuals',
  );
}
