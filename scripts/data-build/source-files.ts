// The raw files the build reads, relative to the source directory (the shared data mirror).
import fs from 'node:fs';
import path from 'node:path';

export const SOURCE_FILES = {
  htsSchedule2025: 'us/hts-2025-basic-edition.csv',
  htsRevisions: 'us/hts-archives/revisions.csv',
  mfn2017: 'us/mfn-2017-hs8.csv',
  mfn2024: 'us/mfn-2024-hs8.csv',
  mfn2025: 'us/mfn-2025-hs8.csv',
  usImports2024: 'us/imports-2024-hs10-by-country.csv.gz',
  hs10Descriptions: 'us/hs10-descriptions.csv',
  comtrade: 'us/comtrade-us-reported-hs6-chn-mex-vnm-2015-2025.csv.gz',
  censusCountryMapping: 'us/census-country-mapping.csv',
  censusToIso3: 'us/census-to-iso3.csv',
  s301Lists2018: 'us/s301-lists-2018-2019-hs8.csv',
  s301Exclusions: 'us/s301-exclusions-2018-2020-hts10.csv',
  usitcChinaHeadings2020: 'us/usitc-china-tariffs-2020-01-01-hts8.csv',
  chapter99Notes: 'us/chapter99-notes-2026-rev6.txt.gz',
  ieepaExemptDated: 'us/ieepa-exempt-products-dated.csv',
  electronicsApr11: 'us/tariff-lists-2025/consumer_electronics_EO14257_apr11.csv',
  metalsAnnexIA: 'us/tariff-lists-2025/metals-annex-IA.csv',
  steelDerivatives2025: 'us/tariff-lists-2025/steel-tariffs.csv',
  aluDerivatives2025: 'us/tariff-lists-2025/alu-tariffs.csv',
  copperList2025: 'us/tariff-lists-2025/copper-list.csv',
  autoTariffs2025: 'us/tariff-lists-2025/auto-tariffs.csv',
  s122ProductExemptions: 'us/tariff-lists-2025/section122-product-exemptions.csv',
  s122AircraftExemptions: 'us/tariff-lists-2025/section122-aircraft-exemptions.csv',
  s122SpecificExemptions: 'us/tariff-lists-2025/section122-specific-exemptions.csv',
  china10pct2025: 'us/tariff-lists-2025/china-10-percent-030425.csv',
  china15pct2025: 'us/tariff-lists-2025/china-15-percent-030425.csv',
  yaleS301Lists: 'us/yale-tracker-resources/s301_product_lists.csv',
  yalePolicyParams: 'us/yale-tracker-resources/policy_params.yaml',
  yaleS232Annex: 'us/yale-tracker-resources/s232_annex_products.csv',
  yaleS232Derivatives: 'us/yale-tracker-resources/s232_derivative_products.csv',
  yaleS232Copper: 'us/yale-tracker-resources/s232_copper_products.csv',
  yaleS232AutoParts: 'us/yale-tracker-resources/s232_auto_parts.txt',
  yaleS232MhdParts: 'us/yale-tracker-resources/s232_mhd_parts.txt',
  yaleS232Semi: 'us/yale-tracker-resources/s232_semi_products.csv',
  yaleS122Exempt: 'us/yale-tracker-resources/s122_exempt_products.csv',
  yaleS201Solar: 'us/yale-tracker-resources/s201_solar_products.csv',
  cnTariffLines: 'cn/china-tariff-rates-2018-2019-hs10.csv',
  cnImportsFromUs2017: 'cn/china-imports-from-us-2017-hs8.csv',
  cnRetaliationHs8: 'cn/china-retaliation-2018-2019-hs8.csv',
  cnRetaliationApr2: 'cn/china-retaliation-2018-04-02-hs8.csv',
  usdaRetaliationMatrix: 'cn/usda-retaliation-matrix-2025-03-28.csv.gz',
  hs2022to2017: 'concordance/hs2022-to-hs2017-hs6.csv',
  hs2017to2012: 'concordance/hs2017-to-hs2012-hs6.csv',
} as const;

export class SourceError extends Error {}

/** Fail early, with one line naming the missing file and the fix. */
export function checkSources(sourceDir: string): void {
  if (!fs.existsSync(sourceDir) || !fs.statSync(sourceDir).isDirectory()) {
    throw new SourceError(
      `source directory not found: ${sourceDir} — clone/mount the shared data mirror there or pass --source DIR`,
    );
  }
  for (const rel of Object.values(SOURCE_FILES)) {
    const p = path.join(sourceDir, rel);
    if (!fs.existsSync(p)) {
      throw new SourceError(
        `missing source file: ${p} — restore it in the data mirror (see ../shared/data/README.md) or pass --source DIR`,
      );
    }
  }
}
