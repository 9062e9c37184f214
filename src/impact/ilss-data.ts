// The ILSS (2025) replication inputs, read in place from the raw mirror (../shared/data/model/ilss-2025): 194×194
// BACI 2023 flows (row = exporter, column = importer, $1000), WDI GDP ($), the USTR "Liberation Day" rates by
// exporter, the country order and the EU membership list. No licence: used for reproduction and tests only.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserInputError } from '../util/errors.js';

export interface IlssData {
  n: number;
  iso3: string[];
  trade: Float64Array; // exporter-major, zero diagonal, $1000
  gdp: Float64Array; // $1000
  ustrTariff: Float64Array; // by exporter
  us: number;
  eu: number[];
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
}

function num(s: string | undefined): number {
  if (s === undefined || s.trim() === '') return 0;
  const v = Number(s);
  if (!Number.isFinite(v)) throw new Error(`not a number in the ILSS data: ${s}`);
  return v;
}

export function ilssDir(source: string): string {
  return join(source, 'model', 'ilss-2025');
}

export function loadIlssData(source: string): IlssData {
  const dir = ilssDir(source);
  if (!existsSync(join(dir, 'trade_cepii.csv')))
    throw new UserInputError(
      `the ILSS replication data is not at ${dir}: pass --source DIR pointing at the raw data mirror (the folder holding model/ilss-2025)`,
      'source',
    );
  const iso3 = lines(join(dir, 'country_labels.csv'))
    .slice(1)
    .map((l) => l.split(',')[0]!);
  const n = iso3.length;
  const tradeRows = lines(join(dir, 'trade_cepii.csv')).slice(1);
  if (tradeRows.length !== n) throw new Error(`trade_cepii.csv has ${tradeRows.length} rows for ${n} countries`);
  const trade = new Float64Array(n * n);
  tradeRows.forEach((row, j) => {
    const cells = row.split(',');
    for (let i = 0; i < n; i++) trade[j * n + i] = num(cells[i]);
  });
  const gdp = Float64Array.from(
    lines(join(dir, 'gdp.csv'))
      .slice(1)
      .map((l) => num(l) / 1000),
  );
  const ustrTariff = Float64Array.from(
    lines(join(dir, 'tariffs.csv'))
      .slice(1)
      .map((l) => num(l)),
  );
  const ids = readFileSync(join(dir, 'ids.txt'), 'utf8');
  const idOf = (name: string) => {
    const m = new RegExp(`${name}\\s*=\\s*(\\d+)`).exec(ids);
    if (!m) throw new Error(`ids.txt has no ${name}`);
    return Number(m[1]) - 1;
  };
  const euMatch = /id_EU\s*=\s*\[([^\]]*)\]/.exec(ids);
  const eu = (euMatch?.[1] ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => Number(s) - 1);
  return { n, iso3, trade, gdp, ustrTariff, us: idOf('id_US'), eu };
}
