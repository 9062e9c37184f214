// Product search over both tariff schedules: a code prefix ("8517", "8517.13") or words found in descriptions.
import type { Datasets } from '../datasets/datasets.js';
import { normaliseCode } from '../codes/product-codes.js';
import type { ProductHit } from '../contract/answers.js';
export type { ProductHit };

interface Entry extends ProductHit {
  lower: string;
}

export class ProductIndex {
  private readonly entries: Entry[] = [];

  constructor(data: Datasets, importers: readonly string[] = ['US', 'CN']) {
    for (const importer of importers)
      for (const p of data.products.get(importer)?.values() ?? [])
        this.entries.push({
          importer,
          code: p.code,
          level: p.level,
          description: p.description ?? '',
          lower: (p.description ?? '').toLowerCase(),
        });
    this.entries.sort((a, b) => a.code.localeCompare(b.code) || a.importer.localeCompare(b.importer));
  }

  search(q: string, importer?: string, limit = 50): ProductHit[] {
    const text = q.trim();
    if (!text) return [];
    const pool = importer ? this.entries.filter((e) => e.importer === importer) : this.entries;
    const code = normaliseCode(text);
    const strip = ({ lower: _lower, ...hit }: Entry): ProductHit => hit;
    if (/^\d+$/.test(code)) {
      // national lines first (level 10), then shorter headings, each in code order
      const hits = pool.filter((e) => e.code.startsWith(code));
      hits.sort(
        (a, b) =>
          Number(b.level === 10) - Number(a.level === 10) ||
          a.code.localeCompare(b.code) ||
          a.importer.localeCompare(b.importer),
      );
      return hits.slice(0, limit).map(strip);
    }
    const words = text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0);
    if (words.length === 0) return [];
    const scored: Array<{ e: Entry; score: number }> = [];
    for (const e of pool) {
      if (!words.every((w) => e.lower.includes(w))) continue;
      // whole-word matches and short descriptions rank first
      let score = 0;
      for (const w of words)
        if (new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').test(e.lower))
          score += 10;
      score -= e.lower.length / 100;
      if (e.level === 10) score += 1;
      scored.push({ e, score });
    }
    scored.sort((a, b) => b.score - a.score || a.e.code.localeCompare(b.e.code));
    return scored.slice(0, limit).map((s) => strip(s.e));
  }
}
