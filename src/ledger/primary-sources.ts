// Which source URLs are primary government texts, and which are code repositories: the one list of host patterns
// that `ledger check` (primary share, repository-only sources) and `ledger coverage --sources` use.
import type { Ledger } from './ledger.js';
import type { LegalInstrument } from './schema.js';

export type SourceSide = 'US' | 'CN';

/** A government publisher: a host (matching it and its subdomains) and, optionally, a path prefix under it. */
export interface PrimaryHost {
  host: string;
  path?: string;
  side: SourceSide;
  publisher: string;
}

export const PRIMARY_HOSTS: readonly PrimaryHost[] = [
  // United States
  { host: 'federalregister.gov', side: 'US', publisher: 'Federal Register' },
  { host: 'govinfo.gov', side: 'US', publisher: 'GPO govinfo (Federal Register, U.S. Code)' },
  { host: 'ecfr.gov', side: 'US', publisher: 'Electronic Code of Federal Regulations' },
  { host: 'whitehouse.gov', side: 'US', publisher: 'White House' },
  { host: 'archives.gov', side: 'US', publisher: 'National Archives (incl. archived White House sites)' },
  { host: 'ustr.gov', side: 'US', publisher: 'USTR' },
  { host: 'regulations.gov', side: 'US', publisher: 'Regulations.gov dockets' },
  { host: 'bis.gov', side: 'US', publisher: 'Bureau of Industry and Security' },
  { host: 'bis.doc.gov', side: 'US', publisher: 'Bureau of Industry and Security' },
  { host: 'commerce.gov', side: 'US', publisher: 'Department of Commerce' },
  { host: 'trade.gov', side: 'US', publisher: 'International Trade Administration' },
  { host: 'cbp.gov', side: 'US', publisher: 'U.S. Customs and Border Protection' },
  { host: 'content.govdelivery.com', path: '/accounts/USDHSCBP/', side: 'US', publisher: 'CBP CSMS messages' },
  { host: 'usitc.gov', side: 'US', publisher: 'USITC (HTS, DataWeb)' },
  { host: 'supremecourt.gov', side: 'US', publisher: 'Supreme Court' },
  { host: 'uscourts.gov', side: 'US', publisher: 'Federal courts (CIT, Federal Circuit)' },
  { host: 'treasury.gov', side: 'US', publisher: 'Treasury (OFAC)' },
  { host: 'defense.gov', side: 'US', publisher: 'Department of Defense' },
  { host: 'congress.gov', side: 'US', publisher: 'Congress.gov' },
  { host: 'uscode.house.gov', side: 'US', publisher: 'U.S. Code (Office of the Law Revision Counsel)' },
  { host: 'state.gov', side: 'US', publisher: 'Department of State' },
  { host: 'fas.usda.gov', side: 'US', publisher: 'USDA Foreign Agricultural Service' },
  { host: 'usda.gov', path: '/fas', side: 'US', publisher: 'USDA Foreign Agricultural Service' },
  // China
  { host: 'mofcom.gov.cn', side: 'CN', publisher: 'Ministry of Commerce (MOFCOM)' },
  { host: 'mof.gov.cn', side: 'CN', publisher: 'Ministry of Finance (incl. Customs Tariff Commission, gss.mof.gov.cn)' },
  { host: 'customs.gov.cn', side: 'CN', publisher: 'General Administration of Customs' },
  { host: 'mot.gov.cn', side: 'CN', publisher: 'Ministry of Transport' },
  { host: 'samr.gov.cn', side: 'CN', publisher: 'State Administration for Market Regulation' },
  { host: 'mfa.gov.cn', side: 'CN', publisher: 'Ministry of Foreign Affairs' },
  { host: 'ccgp.gov.cn', side: 'CN', publisher: 'China Government Procurement (Ministry of Finance)' },
  { host: 'gov.cn', side: 'CN', publisher: 'State Council and central government (www.gov.cn, english.www.gov.cn)' },
];

/** Hosts of code repositories and their raw-file mirrors: never the legal basis of a measure on their own. */
export const CODE_REPOSITORY_HOSTS: readonly string[] = [
  'github.com',
  'raw.githubusercontent.com',
  'gist.github.com',
  'gist.githubusercontent.com',
  'githubusercontent.com',
  'gitlab.com',
  'bitbucket.org',
  'codeberg.org',
  'sourceforge.net',
];

function parsed(url: string): { host: string; path: string } | null {
  try {
    const u = new URL(url);
    return { host: u.hostname.toLowerCase().replace(/\.$/, ''), path: u.pathname };
  } catch {
    return null;
  }
}

const hostMatches = (host: string, pattern: string) => host === pattern || host.endsWith(`.${pattern}`);

/** The government publisher of `url`, or null when it is not a primary government text. */
export function primaryHostOf(url: string): PrimaryHost | null {
  const u = parsed(url);
  if (!u) return null;
  return PRIMARY_HOSTS.find((p) => hostMatches(u.host, p.host) && (!p.path || u.path.startsWith(p.path))) ?? null;
}

export function isPrimarySource(url: string): boolean {
  return primaryHostOf(url) !== null;
}

export function isCodeRepository(url: string): boolean {
  const u = parsed(url);
  return u !== null && CODE_REPOSITORY_HOSTS.some((h) => hostMatches(u.host, h));
}

/** Every source of an instrument: its `url`, then `also`. */
export function instrumentSources(i: LegalInstrument): string[] {
  return [i.url, ...(i.also ?? [])];
}

/** True when every source of the instrument is a code repository (nothing else stands behind it). */
export function onlyCodeRepositories(i: LegalInstrument): boolean {
  return instrumentSources(i).every(isCodeRepository);
}

export type InstrumentSide = SourceSide | 'other';

/** The side of an instrument, from the folder of the file it is written in (`ledger/us/`, `ledger/cn/`). */
export function sideOfFile(file: string): InstrumentSide {
  const m = /(?:^|[\\/])(us|cn)[\\/][^\\/]+$/i.exec(file);
  return m ? (m[1]!.toUpperCase() as SourceSide) : 'other';
}

export interface InstrumentSource {
  id: string;
  side: InstrumentSide;
  file: string;
  line: number;
  url: string;
  primary: boolean;
  /** Why no primary text is cited (the instrument's `primary_source_note`), when it says. */
  note?: string;
}

export function instrumentSourceRows(ledger: Ledger): InstrumentSource[] {
  return [...ledger.instruments.values()].map((i) => {
    const pos = ledger.positions.get(i.id);
    const file = pos?.file ?? '?';
    return {
      id: i.id,
      side: sideOfFile(file),
      file,
      line: pos?.line ?? 1,
      url: i.url,
      primary: isPrimarySource(i.url),
      ...(i.primary_source_note ? { note: i.primary_source_note } : {}),
    };
  });
}

export interface ShareCount {
  primary: number;
  total: number;
  /** Percentage with one decimal; 0 when there are no instruments. */
  pct: number;
}

export interface PrimaryShare {
  overall: ShareCount;
  US: ShareCount;
  CN: ShareCount;
  other: ShareCount;
}

const share = (rows: InstrumentSource[]): ShareCount => {
  const primary = rows.filter((r) => r.primary).length;
  return { primary, total: rows.length, pct: rows.length ? Math.round((1000 * primary) / rows.length) / 10 : 0 };
};

/** How many instruments cite a primary government text as their `url`: overall and by side. */
export function primaryShare(ledger: Ledger): PrimaryShare {
  const rows = instrumentSourceRows(ledger);
  return {
    overall: share(rows),
    US: share(rows.filter((r) => r.side === 'US')),
    CN: share(rows.filter((r) => r.side === 'CN')),
    other: share(rows.filter((r) => r.side === 'other')),
  };
}

export function formatPrimaryShare(s: PrimaryShare): string {
  const part = (label: string, c: ShareCount) => `${label} ${c.primary}/${c.total} (${c.pct.toFixed(1)}%)`;
  const parts = [part('overall', s.overall), part('US', s.US), part('China', s.CN)];
  if (s.other.total) parts.push(part('other', s.other));
  return `primary sources (instruments whose url is a government text): ${parts.join('; ')}`;
}
