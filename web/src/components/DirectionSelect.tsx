// Which way: US tariffs on China, or China's tariffs on the US.
import { DIRECTIONS, type Direction } from '../types';
import { Select } from './Select';

export function DirectionSelect({ value, onChange }: { value: Direction; onChange: (v: Direction) => void }) {
  return (
    <Select
      label="Direction"
      value={value}
      onChange={(v) => onChange(v as Direction)}
      testId="direction"
      options={DIRECTIONS.map((d) => ({ value: d.id, label: d.label }))}
    />
  );
}
