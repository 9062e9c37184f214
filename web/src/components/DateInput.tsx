// A labelled date picker (ISO value).
interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
}

export function DateInput({ label, value, onChange, testId }: Props) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="date"
        value={value}
        min="2018-01-01"
        max="2030-12-31"
        onChange={(e) => e.target.value && onChange(e.target.value)}
        data-testid={testId}
      />
    </label>
  );
}
