// A big number with a label and a note (e.g. today's average and its MFN part).
import type { ReactNode } from 'react';

export function Headline({
  label,
  value,
  note,
  color,
  testId,
}: {
  label: string;
  value: string;
  note?: ReactNode;
  color?: string;
  testId?: string;
}) {
  return (
    <div className="headline" style={color ? { borderTopColor: color } : undefined} data-testid={testId}>
      <div className="h-label">{label}</div>
      <div className="h-value">{value}</div>
      {note && <div className="h-note">{note}</div>}
    </div>
  );
}
