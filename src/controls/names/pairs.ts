// Labelled name pairs (columns schema,name1,name2[,is_match]): score each pair with an algorithm, decide at a
// threshold, and measure precision, recall and F1 overall and per schema when labels are present.
import { parseCsv } from '../io/csv-read.js';
import { compareNames, type NameAlgorithm } from './algorithms.js';
import type { NameSchema } from './normalize.js';
import { UserInputError } from '../../util/errors.js';
import { csvField } from '../../util/csv.js';

export interface ScoredPair {
  values: Record<string, string>;
  score: number;
  is_match: boolean;
  label: boolean | null;
}

export interface Metrics {
  group: string;
  pairs: number;
  true_positives: number;
  false_positives: number;
  false_negatives: number;
  true_negatives: number;
  precision: number;
  recall: number;
  f1: number;
}

const SCHEMAS: ReadonlySet<string> = new Set(['Person', 'Company', 'Organization', 'LegalEntity', 'Vessel']);

export function schemaOf(value: string | undefined): NameSchema {
  const v = (value ?? '').trim();
  if (v === '') return 'Other';
  const canon = v[0]!.toUpperCase() + v.slice(1);
  return SCHEMAS.has(canon) ? (canon as NameSchema) : 'Other';
}

function parseLabel(v: string | undefined, line: number): boolean | null {
  if (v === undefined || v === '') return null;
  const s = v.toLowerCase();
  if (['true', '1', 'yes', 't'].includes(s)) return true;
  if (['false', '0', 'no', 'f'].includes(s)) return false;
  throw new UserInputError(`line ${line}: is_match "${v}" is not true or false`, 'is_match');
}

export function scorePairs(csvText: string, algorithm: NameAlgorithm, threshold: number): ScoredPair[] {
  const rows = parseCsv(csvText, ['schema', 'name1', 'name2'], 'the pairs file');
  return rows.map(({ line, values }) => {
    const { score } = compareNames(values.name1!, values.name2!, schemaOf(values.schema), algorithm);
    return { values, score, is_match: score >= threshold, label: parseLabel(values.is_match, line) };
  });
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function metricsOf(group: string, pairs: ScoredPair[]): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const p of pairs) {
    if (p.label === null) continue;
    if (p.is_match && p.label) tp++;
    else if (p.is_match) fp++;
    else if (p.label) fn++;
    else tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    group,
    pairs: tp + fp + fn + tn,
    true_positives: tp,
    false_positives: fp,
    false_negatives: fn,
    true_negatives: tn,
    precision: r4(precision),
    recall: r4(recall),
    f1: r4(f1),
  };
}

/** Metrics over all labelled pairs, then per schema, then per case_group when the file has one. */
export function evaluatePairs(pairs: ScoredPair[]): Metrics[] {
  const labelled = pairs.filter((p) => p.label !== null);
  if (labelled.length === 0) return [];
  const out = [metricsOf('all', labelled)];
  for (const col of ['schema', 'case_group']) {
    const groups = [...new Set(labelled.map((p) => p.values[col] ?? ''))].filter((g) => g !== '').sort();
    for (const g of groups)
      out.push(
        metricsOf(
          `${col}=${g}`,
          labelled.filter((p) => p.values[col] === g),
        ),
      );
  }
  return out;
}

/** The pairs file again, with score and is_match (true/false) set by the algorithm. */
export function pairsToCsv(pairs: ScoredPair[], header: string[]): string {
  const cols = [...header.filter((h) => h !== 'score' && h !== 'is_match' && h !== 'label'), 'score', 'is_match'];
  const hasLabel = pairs.some((p) => p.label !== null);
  if (hasLabel) cols.push('label');
  const q = csvField; // quoted when needed, formula-safe
  const lines = [cols.map(q).join(',')];
  for (const p of pairs)
    lines.push(
      cols
        .map((c) =>
          c === 'score'
            ? String(p.score)
            : c === 'is_match'
              ? String(p.is_match)
              : c === 'label'
                ? p.label === null
                  ? ''
                  : String(p.label)
                : q(p.values[c] ?? ''),
        )
        .join(','),
    );
  return lines.join('\n') + '\n';
}
