// A labelled input for an amount in US dollars (empty = no amount).
interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
}

export function MoneyInput({ label, value, onChange, testId }: Props) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        inputMode="decimal"
        min="0"
        step="any"
        placeholder="e.g. 10000"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </label>
  );
}
