// The 2024 duty check of ADR 9: Census 2024 US imports from China (HTS10, the raw mirror, read in place) priced at the
// statutory rate (total_pct) and at the expected rate (expected_pct), month by month (a twelfth of the annual value
// at the middle of each month). Prints both totals and what the mirror holds about duties actually collected.
//   npx tsx scripts/check-duties-2024.ts [-- --source DIR]
import path from 'node:path';
import { openContext } from '../src/service/context.js';
import { panelAt } from '../src/engine/panel.js';
import { queryRows, sqlString } from '../src/datasets/duckdb.js';
import { projectPath } from '../src/util/paths.js';

const sourceArg = process.argv.indexOf('--source');
const source = sourceArg > 0 ? process.argv[sourceArg + 1]! : path.join(projectPath(), '..', 'shared', 'data');
const file = path.join(source, 'us', 'imports-2024-hs10-by-country.csv.gz');

const ctx = await openContext();
const rules = ctx.rules('US');
const trade = await queryRows<{ hts10: string; v: number }>(
  `select hts10, sum(cast(value_usd as double)) v from read_csv(${sqlString(file)}, delim=',', quote='"', escape='"', header=true, all_varchar=true, sample_size=-1)
   where cty_code = '5700' group by 1`,
);
const value = new Map(trade.map((t) => [t.hts10, Number(t.v)]));
const totalValue = trade.reduce((s, t) => s + Number(t.v), 0);
const codes = [...value.keys()].filter((c) => rules.universe.get(c)?.level === 10);
const matched = codes.reduce((s, c) => s + value.get(c)!, 0);
let statutory = 0;
let expected = 0;
for (let m = 1; m <= 12; m++) {
  const date = `2024-${String(m).padStart(2, '0')}-15`;
  for (const r of panelAt(rules, 'CN', date, codes)) {
    const v = value.get(r.product)! / 12;
    statutory += (v * r.total_pct) / 100;
    expected += (v * r.expected_pct) / 100;
  }
}
const bn = (x: number) => `$${(x / 1e9).toFixed(2)}bn`;
console.log(
  `Census 2024 imports from China (5700): ${bn(totalValue)}; priced lines ${bn(matched)} (${((matched / totalValue) * 100).toFixed(1)}%)`,
);
console.log(
  `duty at the statutory rate (total_pct): ${bn(statutory)} (${((statutory / matched) * 100).toFixed(2)}% of value)`,
);
console.log(
  `duty at the expected rate (expected_pct): ${bn(expected)} (${((expected / matched) * 100).toFixed(2)}% of value)`,
);
console.log('duties collected on imports from China in 2024: no figure in the data mirror or the reference documents');
