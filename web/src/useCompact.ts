import { useEffect, useState } from 'react';

/** True on narrow screens (phones), where charts use smaller margins and labels. */
export function useCompact(): boolean {
  const q = '(max-width: 700px)';
  const [compact, setCompact] = useState(() => window.matchMedia(q).matches);
  useEffect(() => {
    const m = window.matchMedia(q);
    const on = () => setCompact(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return compact;
}
