// Which trade values weight an average: fixed base-year weights, selectable by a short name or a set name.
import { loadWeights, type Datasets } from '../datasets/datasets.js';
import { UserInputError } from '../util/errors.js';

export interface WeightChoice {
  name: string; // what the user asked for ("2017", "2024", or a set name)
  set: string; // weight_set in data/trade_weights.parquet
  importer: string;
  exporter: string;
  description: string;
}

/**
 * Short names: 2017 = pre-war base year (PIIE's choice), 2024 = latest full year, world = PIIE's method
 * (exporter-neutral product composition; ADR 73).
 * US←CN: 2017 = US imports from China 2017 (HS6 spread over HTS10), 2024 = US imports 2024 (HTS10).
 * CN←US: 2017 = US exports to China 2017 (US-reported HS6 spread over China's HS10 lines): PIIE weights the
 * China side by US export data (to the world, which we do not have); US-reported exports to China are the
 * nearest in reporter and composition. China's own record of imports from the US (HS8) stays available as
 * `cn_imports_us_2017`. 2024 = US exports to China 2024.
 */
const SHORT: Record<string, Record<string, { set: string; description: string }>> = {
  'US<CN': {
    '2017': {
      set: 'us_imports_cn_2017',
      description: 'US imports from China, 2017 (UN Comtrade HS6, spread over HTS10 lines)',
    },
    '2024': { set: 'us_imports_2024', description: 'US imports for consumption, 2024 (Census HTS10)' },
    world: {
      set: 'us_imports_world_2024',
      description:
        'PIIE method: US imports from all partners, 2024 (Census HTS10), on the lines China sold to the US: an exporter-neutral product composition (ADR 73)',
    },
  },
  'CN<US': {
    '2017': {
      set: 'us_exports_cn_2017',
      description: "US exports to China, 2017 (UN Comtrade, US-reported HS6, spread over China's HS10 lines)",
    },
    '2024': {
      set: 'us_exports_cn_2024',
      description: 'US exports to China, 2024 (UN Comtrade HS6 mirror, spread over HS10 lines)',
    },
    world: {
      set: 'us_exports_cn_2017',
      description:
        "PIIE method, China side: falls back to US exports to China, 2017 - US exports to the world (PIIE's weights) are not in the data (ADR 73)",
    },
  },
};

export function resolveWeights(data: Datasets, name: string, importer: string, exporter: string): WeightChoice {
  // own keys only: a name such as "constructor" must not reach Object.prototype
  const table = SHORT[`${importer}<${exporter}`];
  const short = table && Object.hasOwn(table, name) ? table[name] : undefined;
  if (short) return { name, set: short.set, importer, exporter, description: short.description };
  if (importer === 'US' && name === '2024')
    return {
      name,
      set: 'us_imports_2024',
      importer,
      exporter,
      description: `US imports from ${exporter}, 2024 (Census HTS10)`,
    };
  if (name === 'world' && importer === 'US')
    return {
      name,
      set: 'us_imports_world_2024',
      importer,
      exporter,
      description: 'PIIE method: US imports from all partners, 2024, on the lines China sold to the US (ADR 73)',
    };
  if (/^\d{4}$/.test(name)) {
    const byYear = `us_exports_cn_${name}`;
    if (importer === 'CN' && data.weightSets.includes(byYear))
      return { name, set: byYear, importer, exporter, description: `US exports to China, ${name} (mirror)` };
  }
  if (data.weightSets.includes(name)) return { name, set: name, importer, exporter, description: name };
  const options = [
    ...Object.keys(SHORT[`${importer}<${exporter}`] ?? (importer === 'US' ? { '2024': 1 } : {})),
    ...data.weightSets,
  ];
  throw new UserInputError(
    `unknown weights "${name}" for ${importer}←${exporter}; choose one of: ${options.join(', ')}` +
      (importer === 'US' && exporter !== 'CN' ? ' (2017 weights exist only for US imports from China)' : ''),
    'weights',
  );
}

export async function weightsFor(data: Datasets, choice: WeightChoice): Promise<Map<string, number>> {
  const w = await loadWeights(data, choice.set, choice.importer, choice.exporter);
  if (w.size === 0)
    throw new UserInputError(
      `weight set ${choice.set} has no trade for ${choice.importer}←${choice.exporter}; choose other weights` +
        (choice.importer === 'US' ? ' (EU members are traded as the EU aggregate: use EU)' : ''),
      'weights',
    );
  return w;
}
