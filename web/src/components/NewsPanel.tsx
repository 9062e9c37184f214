// Paste an article, read it into statements of measures and events, each linked to the ledger (known / new /
// contradicts) with the reason — POST /api/news.
import { useState } from 'react';
import { ChartCard } from './ChartCard';
import { ApiError } from '../api';

interface Statement {
  sentence: string;
  actor: string | null;
  action: string;
  instrument: string;
  rate_pct?: number;
  dates: Array<{ text: string; date: string; until?: string }>;
  products: string[];
  status: 'known' | 'new' | 'contradicts';
  ledger_id?: string;
  reason: string;
}
interface Reading {
  published: string;
  statements: Statement[];
}

export function NewsPanel() {
  const [text, setText] = useState('');
  const [published, setPublished] = useState('');
  const [reading, setReading] = useState<Reading | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [loading, setLoading] = useState(false);
  const read = async () => {
    setLoading(true);
    setError(undefined);
    try {
      const q = published ? `?published=${encodeURIComponent(published)}` : '';
      const res = await fetch(`/api/news${q}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: text,
      });
      const body = await res.json();
      if (!res.ok) throw new ApiError(body?.error ?? `${res.status}`, res.status, body?.field);
      setReading(body as Reading);
    } catch (e) {
      setReading(undefined);
      setError(e instanceof ApiError ? e : new ApiError(String(e), 0));
    } finally {
      setLoading(false);
    }
  };
  return (
    <ChartCard
      title="Read an article"
      subtitle="Paste a news article: the statements of measures and events it makes, linked to the ledger — known, new, or contradicting it (rate, date, status). Offline and rule-based."
      error={error}
      loading={loading}
      csvName="article-statements"
      csvRows={() =>
        (reading?.statements ?? []).map((s) => ({
          status: s.status,
          ledger_id: s.ledger_id ?? '',
          actor: s.actor,
          action: s.action,
          instrument: s.instrument,
          rate_pct: s.rate_pct ?? '',
          dates: s.dates.map((d) => d.date).join(' '),
          sentence: s.sentence,
          reason: s.reason,
        }))
      }
      testId="news-panel"
    >
      <div className="controls">
        <label className="field">
          <span>Published</span>
          <input
            type="date"
            value={published}
            onChange={(e) => setPublished(e.target.value)}
            data-testid="news-published"
          />
        </label>
        <button type="button" onClick={read} disabled={!text.trim() || loading} data-testid="news-read">
          Read
        </button>
      </div>
      <textarea
        className="news-text"
        rows={6}
        value={text}
        placeholder="Paste the article here (text, Markdown or HTML)"
        onChange={(e) => setText(e.target.value)}
        data-testid="news-text"
        style={{ width: '100%', boxSizing: 'border-box', marginTop: 8 }}
      />
      {reading && (
        <>
          <p className="muted">
            Published {reading.published}: {reading.statements.length} statements —{' '}
            {(['known', 'new', 'contradicts'] as const)
              .map((k) => `${reading.statements.filter((s) => s.status === k).length} ${k}`)
              .join(', ')}
          </p>
          <div className="table-wrap">
            <table data-testid="news-statements">
              <thead>
                <tr>
                  <th>Status</th>
                  <th>Ledger</th>
                  <th>Who · what</th>
                  <th>Dates</th>
                  <th>Sentence and reason</th>
                </tr>
              </thead>
              <tbody>
                {reading.statements.map((s, i) => (
                  <tr key={i} data-status={s.status}>
                    <td>{s.status}</td>
                    <td>
                      {s.ledger_id ? <a href={`#/events?q=${encodeURIComponent(s.ledger_id)}`}>{s.ledger_id}</a> : '—'}
                    </td>
                    <td>
                      {s.actor ?? '?'} · {s.action} · {s.instrument}
                      {s.rate_pct !== undefined ? ` · ${s.rate_pct}%` : ''}
                    </td>
                    <td>{s.dates.map((d) => d.date).join(', ') || '—'}</td>
                    <td>
                      {s.sentence}
                      <br />
                      <small className="muted">{s.reason}</small>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </ChartCard>
  );
}
