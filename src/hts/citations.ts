// The Chapter 99 headings a ledger text cites: "HTSUS 9903.88.01", "9903.91.01-9903.91.11", "9903.82.06-.08",
// "9903.88.69/.70", "9903.01.20 / 9903.01.24" and whole groups "HTSUS 9903.80/9903.81" or "9903.85".

export type HeadingPattern = { from: string; to: string } | { prefix: string };

const CITE = /9903\.(\d{2})(?:\.(\d{2}))?(?:\s*[-–]\s*(?:9903\.(\d{2})\.(\d{2})|\.(\d{2}))|\/\.(\d{2})(?!\.))?/g;

export function citedHeadings(text: string): HeadingPattern[] {
  const out: HeadingPattern[] = [];
  for (const m of text.matchAll(CITE)) {
    const [, group, sub, toGroup, toSub, shortTo, alt] = m;
    if (!sub) {
      out.push({ prefix: `9903.${group}` });
      continue;
    }
    const from = `9903.${group}.${sub}`;
    if (toGroup && toSub) out.push({ from, to: `9903.${toGroup}.${toSub}` });
    else if (shortTo) out.push({ from, to: `9903.${group}.${shortTo}` });
    else {
      out.push({ from, to: from });
      if (alt) out.push({ from: `9903.${group}.${alt}`, to: `9903.${group}.${alt}` });
    }
  }
  return out;
}

export function patternCovers(p: HeadingPattern, heading: string): boolean {
  if ('prefix' in p) return heading.startsWith(`${p.prefix}.`);
  return heading >= p.from && heading <= p.to;
}

/** A list id naming one heading: us_s301_review_9903_91_07 → 9903.91.07. */
export function headingOfListId(list: string): string | null {
  const m = /9903_(\d{2})_(\d{2})/.exec(list);
  return m ? `9903.${m[1]}.${m[2]}` : null;
}
