// A titled card around a chart (or table) with its CSV export and loading / error / empty states.
import type { ReactNode } from 'react';
import { downloadCsv, type CsvRow } from '../csv';
import { Status } from './Status';
import type { ApiError } from '../api';

interface Props {
  title: string;
  subtitle?: ReactNode;
  csvName?: string;
  csvRows?: () => CsvRow[];
  loading?: boolean;
  error?: ApiError;
  empty?: boolean;
  emptyText?: string;
  actions?: ReactNode;
  children?: ReactNode;
  testId?: string;
}

export function ChartCard({
  title,
  subtitle,
  csvName,
  csvRows,
  loading,
  error,
  empty,
  emptyText,
  actions,
  children,
  testId,
}: Props) {
  const ready = !loading && !error && !empty;
  return (
    <section className="card" data-testid={testId}>
      <header className="card-head">
        <div>
          <h2>{title}</h2>
          {subtitle && <p className="sub">{subtitle}</p>}
        </div>
        <div className="card-actions">
          {actions}
          {csvRows && (
            <button
              type="button"
              className="csv"
              disabled={!ready}
              onClick={() => downloadCsv(csvName ?? title, csvRows())}
              title="Download the data behind this view as CSV"
            >
              CSV
            </button>
          )}
        </div>
      </header>
      {loading && <Status kind="loading" />}
      {error && <Status kind="error" text={error.message} />}
      {!loading && !error && empty && <Status kind="empty" text={emptyText} />}
      {!error && !empty && <div className={loading ? 'dim' : ''}>{children}</div>}
    </section>
  );
}
