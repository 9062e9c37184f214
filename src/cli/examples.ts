// Two real examples for every command's --help (by the command's full name). A command without an entry here
// may add its own with `.addHelpText('after', …)`; the CLI test checks every command shows two.
import type { Command } from 'commander';

export const EXAMPLES: Record<string, string[]> = {
  tradewar: [
    'tradewar rate --product 8517.13.00.00 --origin CN --dest US --date 2025-11-05',
    'tradewar search soybeans --importer CN',
  ],
  rate: [
    'tradewar rate --product 8517130000 --origin CN --dest US --date 2025-11-05 --value 10000',
    'tradewar rate --product 9403.60.80 --origin CN --dest US --format json   # every HTS10 line under a heading',
  ],
  average: [
    'tradewar average --importer US --exporter CN --at 2018-01-01,2025-05-14 --by authority',
    'tradewar average --importer CN --exporter US --at 2025-11-10 --weights 2024 --format csv',
  ],
  series: [
    'tradewar series --importer US --exporter CN --from 2018-01-01 --to 2026-12-31',
    'tradewar series --importer CN --exporter US --weights 2024 --format csv > cn-series.csv',
  ],
  panel: [
    'tradewar panel --importer US --exporter CN --at 2025-11-05 | head',
    'tradewar panel --importer CN --exporter US --intervals --format parquet --out cn-panel.parquet',
  ],
  events: ['tradewar events --from 2025-01-01 --side US', 'tradewar events --kind export_control --format csv'],
  ledger: ['tradewar ledger check', 'tradewar ledger coverage --format csv'],
  'ledger check': ['tradewar ledger check', 'tradewar --ledger ./my-ledger ledger check'],
  'ledger coverage': ['tradewar ledger coverage', 'tradewar ledger coverage --sources --format csv'],
  summary: ['tradewar summary', 'tradewar summary --date 2025-05-14 --format json'],
  scenario: ['tradewar scenario list', 'tradewar scenario compare baseline no-deal-2025-11 --at 2026-01-01'],
  'scenario list': ['tradewar scenario list', 'tradewar scenario list --format json'],
  'scenario show': ['tradewar scenario show busan-truce', 'tradewar scenario show ./my-overlay.yaml --format json'],
  'scenario compare': [
    'tradewar scenario compare baseline no-deal-2025-11 --at 2026-01-01',
    'tradewar scenario compare baseline extension-2027 --at 2026-12-01,2027-06-01 --by-section --format csv',
  ],
  changes: [
    'tradewar changes --since 2026-01-01',
    'tradewar changes --upcoming --product 8517130000 --dest US --origin CN',
  ],
  refund: [
    'tradewar refund --product 8517130000 --origin CN --from 2025-02-04 --to 2026-02-23 --value 1000000',
    'tradewar refund --product 9403608093 --origin CN --from 2025-04-01 --to 2025-12-31 --value 250000',
  ],
  serve: ['tradewar serve', 'tradewar serve --port 9090 --host 0.0.0.0 --log'],
  search: [
    'tradewar search soybeans --importer CN',
    'tradewar search "wooden furniture" --date 2025-11-05 --format csv',
  ],
  screen: [
    'tradewar screen "Huawei Technologies Co., Ltd." --country CN --date 2026-12-01',
    'tradewar screen --file test/fixtures/controls/parties.csv --ownership test/fixtures/controls/ownership.csv --format csv --out hits.csv',
  ],
  'match-pairs': [
    'tradewar match-pairs ../shared/data/controls/name-match-pairs/cases-dev.csv --out scored.csv',
    'tradewar match-pairs ../shared/data/controls/name-match-pairs/cases-dev.csv --algorithm tw-jaro-1 --threshold 0.92',
  ],
  bom: [
    'tradewar bom test/fixtures/controls/bom-motor-de.json --date 2026-12-01 --destination US',
    'tradewar bom test/fixtures/controls/bom-gallium-us.csv --date 2026-12-01 --scenario extension-2027 --format json',
  ],
  controls: ['tradewar controls --product 8505.11 --date 2026-12-01', 'tradewar controls --timeline --format csv'],
  commitments: ['tradewar commitments --name phase-one', 'tradewar commitments --name busan-soybeans --format json'],
  news: [
    'tradewar news article.html --published 2025-10-26',
    'tradewar news article.txt --format json --overlay draft.yaml --url https://example.org/article',
  ],
  impact: [
    'tradewar impact --scenario no-deal-2025-11 --over busan-truce --at 2025-12-01 --model pe --draws 200',
    'tradewar impact --scenario extension-2027 --at 2026-12-01 --model ge --format json',
  ],
  entries: [
    'tradewar entries test/fixtures/entries/broker.csv --out priced.csv',
    'tradewar entries test/fixtures/entries/ace-lines.parquet --format json --summary json --out priced.json',
  ],
  hts: ['tradewar hts audit --revision 2026_rev_10 --origin CN', 'tradewar hts diff 2026_rev_9 2026_rev_10'],
  'hts audit': [
    'tradewar hts audit --revision 2026_rev_10 --origin CN --format json',
    'tradewar hts audit --all   # every shipped revision, one line each',
  ],
  'hts diff': [
    'tradewar hts diff 2026_rev_9 2026_rev_10',
    'tradewar hts diff 2026_rev_10 ./hts_2026_rev_11.json --format json',
  ],
  'impact replicate': ['tradewar impact replicate --list', 'tradewar impact replicate ilss-2025-case1 --format json'],
};

function fullName(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.length > 1 ? names.slice(1).join(' ') : names[0]!;
}

/** Adds the examples above to every command of the program that has some. */
export function addExamples(program: Command): void {
  const visit = (cmd: Command) => {
    const examples = EXAMPLES[fullName(cmd)];
    if (examples) cmd.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
    cmd.commands.forEach(visit);
  };
  visit(program);
}
