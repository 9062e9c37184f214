// Legend of the event markers on the time axis.
import { EVENT_COLORS } from '../charts/colors';
import { humanize } from '../format';

export function EventKeys({ kinds }: { kinds: string[] }) {
  if (!kinds.length) return null;
  return (
    <p className="event-keys">
      Events on the axis:{' '}
      {kinds.map((k) => (
        <span key={k} className="key">
          <span className="dot" style={{ background: EVENT_COLORS[k] ?? '#999' }} /> {humanize(k)}
        </span>
      ))}
      <span className="hint">(hover a marker for the event)</span>
    </p>
  );
}
