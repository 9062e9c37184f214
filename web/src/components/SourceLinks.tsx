// Links to the sources of a record.
export function SourceLinks({ urls }: { urls: string[] }) {
  return (
    <span className="sources">
      {urls.map((u, i) => (
        <a key={u + i} href={u} target="_blank" rel="noreferrer noopener" title={u}>
          {hostOf(u)}
        </a>
      ))}
    </span>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return 'source';
  }
}
