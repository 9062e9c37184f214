// 2017 (pre-war base year), 2024 (latest full year) or world (PIIE's method: exporter-neutral composition) trade weights.
import { Select } from './Select';

export function WeightsSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <Select
      label="Trade weights"
      value={value}
      onChange={onChange}
      testId="weights"
      options={[
        { value: '2017', label: '2017 trade (pre-war)' },
        { value: '2024', label: '2024 trade (latest)' },
        { value: 'world', label: 'World trade (PIIE method)' },
      ]}
    />
  );
}
