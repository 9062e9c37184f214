// countries.parquet: the trading partners that appear in the shipped trade weights, with ISO and Census codes.
import type { BuildContext } from './context.js';
import { csv, fact, lit, rows, run, writeParquet } from './context.js';
import { SOURCE_FILES as F } from './source-files.js';

/** ISO 3166-1 alpha-3 → alpha-2 for the partners of the 2024 US import file (facts from the ISO standard). */
export const ISO3_TO_ISO2: Record<string, string> = {
  USA: 'US',
  CHN: 'CN',
  HKG: 'HK',
  CAN: 'CA',
  MEX: 'MX',
  GTM: 'GT',
  SLV: 'SV',
  HND: 'HN',
  NIC: 'NI',
  CRI: 'CR',
  DOM: 'DO',
  TTO: 'TT',
  COL: 'CO',
  VEN: 'VE',
  ECU: 'EC',
  PER: 'PE',
  CHL: 'CL',
  BRA: 'BR',
  ARG: 'AR',
  NOR: 'NO',
  GBR: 'GB',
  SVK: 'SK',
  CHE: 'CH',
  RUS: 'RU',
  TUR: 'TR',
  IRQ: 'IQ',
  ISR: 'IL',
  KWT: 'KW',
  SAU: 'SA',
  ARE: 'AE',
  IND: 'IN',
  PAK: 'PK',
  BGD: 'BD',
  LKA: 'LK',
  THA: 'TH',
  VNM: 'VN',
  KHM: 'KH',
  MYS: 'MY',
  SGP: 'SG',
  IDN: 'ID',
  PHL: 'PH',
  KOR: 'KR',
  TWN: 'TW',
  JPN: 'JP',
  AUS: 'AU',
  NZL: 'NZ',
  DZA: 'DZ',
  EGY: 'EG',
  NGA: 'NG',
  AGO: 'AO',
  ZAF: 'ZA',
};

export async function buildCountries(ctx: BuildContext): Promise<void> {
  const map = Object.entries(ISO3_TO_ISO2)
    .map(([a3, a2]) => `(${lit(a3)}, ${lit(a2)})`)
    .join(', ');
  await run(ctx, `CREATE TABLE iso_map AS SELECT * FROM (VALUES ${map}) t(iso3, iso2)`);
  await run(
    ctx,
    `CREATE TABLE census_iso AS
     SELECT code AS census_code, any_value(iso3 ORDER BY pref) AS iso3, any_value(name ORDER BY pref) AS name FROM (
       SELECT "CTY_CODE" AS code, "ISO3" AS iso3, country AS name, 1 AS pref FROM ${csv(ctx, F.censusCountryMapping)}
       UNION ALL SELECT cty_code, iso3, NULL, 2 FROM ${csv(ctx, F.censusToIso3)})
     WHERE iso3 IS NOT NULL AND iso3 <> 'NA' GROUP BY 1`,
  );
  // partners of the 2024 import file (the EU aggregate and the excluded Slovakia row are handled explicitly)
  await run(ctx, `CREATE TABLE partners_2024 AS SELECT DISTINCT cty_code, cty_name FROM ${csv(ctx, F.usImports2024)}`);
  await run(
    ctx,
    `CREATE TABLE countries AS
     SELECT m.iso2, c.iso3, p.cty_code AS census_code, coalesce(c.name, p.cty_name) AS name
     FROM partners_2024 p LEFT JOIN census_iso c ON c.census_code = p.cty_code LEFT JOIN iso_map m ON m.iso3 = c.iso3
     WHERE p.cty_code <> '0003'
     UNION ALL SELECT 'EU', NULL, '0003', 'European Union (27)'
     UNION ALL SELECT 'US', 'USA', '1000', 'United States'`,
  );
  const missing = await rows<{ census_code: string; name: string }>(
    ctx,
    `SELECT census_code, name FROM countries WHERE iso2 IS NULL`,
  );
  if (missing.length)
    throw new Error(`countries: no ISO2 for ${missing.map((m) => `${m.census_code} ${m.name}`).join(', ')}`);
  for (const must of ['US', 'CN', 'HK', 'EU']) {
    const n = await rows<{ n: number }>(ctx, `SELECT count(*)::INTEGER AS n FROM countries WHERE iso2 = '${must}'`);
    if (!n[0]?.n) throw new Error(`countries: ${must} missing`);
  }
  const n = await rows<{ n: number }>(ctx, `SELECT count(*)::INTEGER AS n FROM countries`);
  fact(ctx, 'countries', 'rows', n[0]?.n);
  await writeParquet(
    ctx,
    `SELECT iso2, iso3, census_code, name FROM countries ORDER BY iso2, census_code`,
    'countries.parquet',
  );
}
