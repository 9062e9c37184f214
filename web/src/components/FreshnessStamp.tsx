// "Ledger as of": the latest dated record in the ledger up to today.
import { useApi } from '../useApi';
import type { Meta } from '../types';
import { fmtDate } from '../format';

export function FreshnessStamp() {
  const { data } = useApi<Meta>('/api/meta');
  if (!data) return null;
  return (
    <p
      className="stamp"
      data-testid="freshness"
      title="Latest date written in the ledger (a signed, published or effective instrument, a schedule step or an event)"
    >
      Ledger as of <b>{fmtDate(data.ledger_as_of)}</b> · {data.counts.measures} measures · {data.counts.events} events
    </p>
  );
}
