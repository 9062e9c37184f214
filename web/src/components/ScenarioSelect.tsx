// Picks a scenario (or the baseline) from /api/scenarios.
import { useApi } from '../useApi';
import type { Scenario } from '../types';
import { Select } from './Select';

interface Props {
  label?: string;
  value: string;
  onChange: (value: string) => void;
  allowNone?: boolean;
  testId?: string;
}

export function ScenarioSelect({ label = 'Scenario', value, onChange, allowNone, testId }: Props) {
  const { data } = useApi<Scenario[]>('/api/scenarios');
  const options = [
    ...(allowNone
      ? [{ value: '', label: 'None (baseline only)' }]
      : [{ value: 'baseline', label: 'Baseline (the ledger as it stands)' }]),
    ...(data ?? []).map((s) => ({ value: s.name, label: s.title })),
  ];
  return <Select label={label} value={value} options={options} onChange={onChange} testId={testId} />;
}
