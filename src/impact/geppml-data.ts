// The GEPPML sample of Anderson, Larch and Yotov (2018): 41 countries, 2002, with log distance, contiguity and an
// international-border dummy, read in place from the raw mirror (model/geppml-aly2018); Germany is the reference
// importer (recoded ZZZ in the authors' code), σ = 7.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserInputError } from '../util/errors.js';
import type { GravityData } from './geppml.js';

export function loadGeppmlData(source: string): GravityData {
  const file = join(source, 'model', 'geppml-aly2018', 'ge_ppml_data_orig.csv');
  if (!existsSync(file))
    throw new UserInputError(
      `the GEPPML data is not at ${file}: pass --source DIR pointing at the raw data mirror (the folder holding model/geppml-aly2018)`,
      'source',
    );
  const rows = readFileSync(file, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','));
  // the authors order countries alphabetically with Germany recoded ZZZ (last)
  const names = [...new Set(rows.map((r) => r[0]!))].sort((a, b) =>
    (a === 'DEU' ? 'ZZZ' : a).localeCompare(b === 'DEU' ? 'ZZZ' : b),
  );
  const index = new Map(names.map((c, i) => [c, i]));
  const n = rows.length;
  const covariateNames = ['LN_DIST', 'CNTG', 'BRDR'];
  const covariates = covariateNames.map(() => new Float64Array(n));
  const exporter = new Int32Array(n);
  const importer = new Int32Array(n);
  const trade = new Float64Array(n);
  rows.forEach((r, k) => {
    exporter[k] = index.get(r[0]!)!;
    importer[k] = index.get(r[1]!)!;
    trade[k] = Number(r[3]);
    covariates[0]![k] = Number(r[4]);
    covariates[1]![k] = Number(r[5]);
    covariates[2]![k] = Number(r[6]);
  });
  return { countries: names, reference: index.get('DEU')!, exporter, importer, trade, covariates, covariateNames };
}
