// The duty stack of one product on one date: base (MFN) and every candidate layer, whether it applies and why,
// with its legal citation and a link to the instrument; then the total assessed and owed after rulings, and beside
// the statutory figures the expected ones (partial exclusions and exemptions priced by their shares, ADR 9).
import type { Stack } from '../types';
import { countryName, fmtDate, fmtMoney, fmtPct, humanize } from '../format';
import { StackLines } from './StackLines';

export function DutyStack({ stack }: { stack: Stack }) {
  const applying = stack.layers.filter((l) => l.applies);
  const others = stack.layers.filter((l) => !l.applies);
  // exclusions granted to buyers that the expected rate prices (ADR 81), once each
  const exclusions = [
    ...new Map(applying.flatMap((l) => l.expected_exclusions).map((x) => [`${x.id} ${x.url}`, x])).values(),
  ];
  const differs = stack.expected_pct !== stack.total_pct;
  return (
    <div className="stack" data-testid="duty-stack" data-total={stack.total_pct} data-expected={stack.expected_pct}>
      <StackLines stack={stack} />
      <p className="stack-head">
        <code>{stack.product}</code> {stack.description} — from {countryName(stack.origin)} into{' '}
        {countryName(stack.dest)} on {fmtDate(stack.date)}
      </p>
      {differs && (
        // where they differ the expected rate (what a buyer pays on average) comes first, the statutory rate beside it
        <div className="stack-rates" data-testid="stack-rates">
          <p>
            <b data-testid="stack-rate-expected">Expected {fmtPct(stack.expected_pct, true)}</b> — what the line pays on
            average, exclusions and exemptions priced by their shares ·{' '}
            <span data-testid="stack-rate-statutory">statutory {fmtPct(stack.total_pct, true)}</span> for goods with no
            exclusion or exemption
          </p>
          {exclusions.length > 0 && (
            <ul className="muted" data-testid="stack-exclusions">
              {exclusions.map((x) => (
                <li key={`${x.id} ${x.url}`}>
                  {x.title} ({Math.round(x.coverage * 100)}% of the line&apos;s trade assumed covered):{' '}
                  <a href={x.url} target="_blank" rel="noreferrer noopener" title={x.url}>
                    {x.citation ?? x.instrument}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="table-wrap">
        <table className="stack-table">
          <thead>
            <tr>
              <th>Layer</th>
              <th className="num">Rate</th>
              <th className="num">Adds</th>
              <th
                className="num"
                title="what the layer adds on average: partial exclusions and exemptions priced by their shares"
              >
                Expected
              </th>
              <th>Why</th>
              <th>Legal basis</th>
            </tr>
          </thead>
          <tbody>
            <tr className="base">
              <td>
                <b>Base (MFN)</b>
                <div className="muted">{stack.base.rate_text ?? (stack.base.found ? '' : 'no base rate found')}</div>
              </td>
              <td className="num">{fmtPct(stack.base_pct, true)}</td>
              <td className="num">{fmtPct(stack.base_pct, true)}</td>
              <td className="num">{fmtPct(stack.base_pct, true)}</td>
              <td>{stack.base.note ?? `${stack.base.table} ${stack.base.key ?? ''}`}</td>
              <td>
                <a href={stack.base.source} target="_blank" rel="noreferrer noopener">
                  {stack.base.measure}
                </a>
              </td>
            </tr>
            {[...applying, ...others].map((l) => (
              <tr
                key={l.measure}
                className={l.applies ? 'applies' : 'off'}
                data-measure={l.measure}
                data-applies={l.applies}
              >
                <td>
                  <b>{l.title}</b>
                  <div className="muted">
                    {humanize(l.authority)}
                    {l.status_on_date !== 'in_force' && (
                      <span className="tag warn" title={`status in the ledger today: ${humanize(l.status)}`}>
                        {humanize(l.status_on_date)}
                      </span>
                    )}
                  </div>
                </td>
                <td className="num">{fmtPct(l.rate_pct, true)}</td>
                <td className="num">{l.applies ? `+${fmtPct(l.contribution_pct, true)}` : '—'}</td>
                <td className="num" title={l.expected_source ?? undefined} data-testid="layer-expected">
                  {l.applies || l.expected_contribution_pct > 0 ? `+${fmtPct(l.expected_contribution_pct, true)}` : '—'}
                </td>
                <td className="reason">
                  {l.reason}
                  {l.share_source && <div className="muted">Content share: {l.share_source}</div>}
                  {l.expected_source && <div className="muted">Expected: {l.expected_source}</div>}
                </td>
                <td>
                  <a href={l.source} target="_blank" rel="noreferrer noopener" title={l.source}>
                    {l.citation}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td>
                <b>Total</b>
              </td>
              <td />
              <td className="num total" data-testid="stack-total">
                {fmtPct(stack.total_pct, true)}
              </td>
              <td className="num total" data-testid="stack-expected" title="expected on average (ADR 9)">
                {fmtPct(stack.expected_pct, true)}
              </td>
              <td colSpan={2}>
                {stack.owed_total_pct !== stack.total_pct ? (
                  <>
                    Owed after court rulings: <b>{fmtPct(stack.owed_total_pct, true)}</b> (assessed{' '}
                    {fmtPct(stack.total_pct, true)})
                  </>
                ) : (
                  `base ${fmtPct(stack.base_pct, true)} + additional ${fmtPct(stack.additional_pct, true)}`
                )}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {stack.amounts && (
        <p className="stack-amounts" data-testid="stack-amounts">
          On a customs value of {fmtMoney(stack.amounts.value_usd)}: duty <b>{fmtMoney(stack.amounts.total_usd)}</b>{' '}
          (base {fmtMoney(stack.amounts.base_usd)}
          {Object.entries(stack.amounts.layers_usd).map(([m, v]) => ` + ${m} ${fmtMoney(v)}`)})
          {stack.amounts.owed_usd !== stack.amounts.total_usd && (
            <>; owed after court rulings {fmtMoney(stack.amounts.owed_usd)}</>
          )}
        </p>
      )}
      {stack.notes.length > 0 && (
        <ul className="notes">
          {stack.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
