// Loading, error and empty states.
interface Props {
  kind: 'loading' | 'error' | 'empty';
  text?: string;
}

export function Status({ kind, text }: Props) {
  if (kind === 'loading')
    return (
      <p className="status loading" role="status">
        <span className="spinner" aria-hidden /> Loading…
      </p>
    );
  if (kind === 'error')
    return (
      <p className="status error" role="alert">
        {text ?? 'Something went wrong.'}
      </p>
    );
  return <p className="status empty">{text ?? 'Nothing to show.'}</p>;
}
