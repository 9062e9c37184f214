// A table whose columns sort on click (numbers descending first).
import { useMemo, useState, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  label: string;
  value: (row: T) => string | number;
  render?: (row: T) => ReactNode;
  numeric?: boolean;
}

interface Props<T> {
  rows: T[];
  columns: Array<Column<T>>;
  initialSort?: string;
  testId?: string;
}

export function SortableTable<T>({ rows, columns, initialSort, testId }: Props<T>) {
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({
    key: initialSort ?? columns[0]!.key,
    desc: !!columns.find((c) => c.key === initialSort)?.numeric,
  });
  const sorted = useMemo(() => {
    const col = columns.find((c) => c.key === sort.key) ?? columns[0]!;
    const out = [...rows].sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      const c =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x).localeCompare(String(y), undefined, { numeric: true });
      return sort.desc ? -c : c;
    });
    return out;
  }, [rows, columns, sort]);
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                className={c.numeric ? 'num' : ''}
                aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : !!c.numeric }))}
                >
                  {c.label}
                  <span className="arrow">{sort.key === c.key ? (sort.desc ? '▼' : '▲') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : ''}>
                  {c.render ? c.render(r) : c.value(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
