// Answers of the export-control routes (src/api/routes-controls.ts), as the dashboard reads them.
export interface Feature {
  feature: string;
  value: number;
  weight: number;
  contribution: number;
  detail?: string;
}

export interface ScreenHit {
  party_id: string;
  list: string;
  name: string;
  matched_name: string;
  country: string;
  score: number;
  listed_on_date: boolean | null;
  date_added: string | null;
  citation: string;
  features: Feature[];
}

export interface ScreenResult {
  date: string;
  algorithm: string;
  threshold: number;
  hits: ScreenHit[];
  lists: Array<{ list: string; name: string; snapshot_date: string; entries: number }>;
}

export interface RuleAnswer {
  measure: string;
  title: string;
  kind: string;
  citation: string;
  source: string;
  state: string;
  state_reason: string;
  triggered: boolean;
  outcome: string;
  reasons: string[];
  items: string[];
  content_share_pct?: number;
}

export interface BomAnswer {
  date: string;
  scenario: string;
  destination: string;
  licence_required: boolean;
  prohibited: boolean;
  summary: string;
  rules: RuleAnswer[];
}

export interface StateSegment {
  from: string;
  until: string | null;
  state: string;
  reason: string;
}

export interface ControlTimelineRow {
  measure: string;
  title: string;
  imposer: string;
  kind: string;
  citation: string;
  source: string;
  segments: StateSegment[];
}

export interface ProductControls {
  product: string;
  date: string;
  measures: Array<{
    measure: string;
    title: string;
    imposer: string;
    via: string;
    state: string;
    in_force: boolean;
    reason: string;
    citation: string;
    source: string;
  }>;
  reliance: {
    year: number;
    hs6: string;
    us_imports_usd: number;
    from_china_usd: number;
    china_share_pct: number | null;
    top_partners: Array<{ partner: string; usd: number; share_pct: number }>;
    source: string;
  } | null;
  usgs: {
    net_import_reliance_pct: Array<{ year: string; value: string }>;
    china_share_world_mine_production_pct: number | null;
    year: string;
    source: string;
  } | null;
}

/** POSTs a body (JSON object or CSV text) and reads the JSON answer; errors carry the server's message. */
export async function postApi<T>(path: string, body: string | object, query: Record<string, string> = {}): Promise<T> {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
  const isText = typeof body === 'string' && !body.trimStart().startsWith('{');
  const res = await fetch(`${path}${q.size ? `?${q}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': isText ? 'text/csv' : 'application/json', accept: 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const answer = (await res.json().catch(() => null)) as (T & { error?: string }) | null;
  if (!res.ok) throw new Error(answer?.error ?? `${res.status} ${res.statusText}`);
  return answer as T;
}
