// Scenario operations in words, for people reading a comparison.
import type { Operation } from './schema.js';

export function describeOperation(op: Operation): string {
  const note = 'note' in op && op.note ? ` — ${op.note}` : '';
  switch (op.op) {
    case 'add': {
      const parts = [
        ...(op.measures ?? []).map((m) => `measure ${m.id} (${m.title})`),
        ...(op.suspensions ?? []).map((s) => `suspension ${s.id}`),
        ...(op.stacking ?? []).map((s) => `stacking rule ${s.id}`),
        ...(op.events ?? []).map((e) => `event ${e.id}`),
      ];
      return `add ${parts.join(', ') || 'instruments'}${note}`;
    }
    case 'set':
      return `set ${op.measure}${op.list ? ` (list ${op.list})` : ''} to ${op.rate === null ? 'nothing (ends)' : `${op.rate}%`} from ${op.from}${op.until ? ` until ${op.until}, then back to the baseline` : ''}${note}`;
    case 'disable':
      return `switch off ${op.measure}${op.from ? ` from ${op.from}` : ' entirely'}${note}`;
    case 'patch':
      return `change ${op.measure}: ${[op.status ? `status ${op.status}` : '', op.basis_share !== undefined ? `content share ${op.basis_share}` : ''].filter(Boolean).join(', ')}${note}`;
    case 'end_suspension':
      return `end suspension ${op.suspension} on ${op.on}${note}`;
    case 'extend_suspension':
      return `extend suspension ${op.suspension} until ${op.until}${note}`;
    case 'cancel_step':
      return `cancel the ${op.date} step of ${op.measure}${note}`;
    case 'cancel_event':
      return `cancel event ${op.event}${note}`;
    case 'cancel_suspension':
      return `cancel suspension ${op.suspension} entirely (the measures it paused apply)${note}`;
    case 'add_step':
      return `add a "${op.event}" step to ${op.measure} on ${op.date}${note}`;
  }
}
