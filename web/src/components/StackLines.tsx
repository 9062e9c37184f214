// What a shorter (or another edition's) code covers: its lines, or headings when there are many, with the range
// of totals; the duty stack below is the highest line's.
import type { Stack } from '../types';
import { fmtPct } from '../format';

export function StackLines({ stack }: { stack: Stack }) {
  const q = stack.query;
  if (!q || !stack.lines || !stack.total_range_pct) return null;
  const { min, max } = stack.total_range_pct;
  const t = q.translation;
  const anyExpected = !stack.headings && stack.lines.some((l) => l.expected_pct !== l.total_pct);
  return (
    <div className="stack-lines" data-testid="stack-lines" data-lines={q.lines_count}>
      <p>
        {t ? (
          <>
            <code>{q.asked}</code> is an {t.from_edition} code; this schedule follows {t.to_edition}: {t.from_hs6} →{' '}
            {t.to_hs6.join(', ')} (WCO correlation).{' '}
          </>
        ) : (
          <>
            <code>{q.asked}</code> is not a national tariff line.{' '}
          </>
        )}
        It covers {q.lines_count} lines,{' '}
        {min === max ? `all at ${fmtPct(max, true)}` : `totals from ${fmtPct(min, true)} to ${fmtPct(max, true)}`}; the
        stack below is <code>{q.shown}</code>
        {min === max ? '' : ', the highest'}.
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{stack.headings ? 'Heading' : 'Line'}</th>
              {anyExpected && <th className="num">Expected</th>}
              <th className="num">{stack.headings ? 'Lines' : anyExpected ? 'Statutory' : 'Total'}</th>
              {stack.headings && <th className="num">Totals</th>}
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {stack.headings
              ? stack.headings.map((h) => (
                  <tr key={h.code}>
                    <td>
                      <code>{h.code}</code>
                    </td>
                    <td className="num">{h.lines}</td>
                    <td className="num">
                      {h.min_total_pct === h.max_total_pct
                        ? fmtPct(h.max_total_pct, true)
                        : `${fmtPct(h.min_total_pct, true)}–${fmtPct(h.max_total_pct, true)}`}
                    </td>
                    <td>{h.description}</td>
                  </tr>
                ))
              : stack.lines.map((l) => (
                  <tr key={l.code}>
                    <td>
                      <code>{l.code}</code>
                    </td>
                    {anyExpected && <td className="num">{fmtPct(l.expected_pct, true)}</td>}
                    <td className="num">{fmtPct(l.total_pct, true)}</td>
                    <td>{l.description}</td>
                  </tr>
                ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
