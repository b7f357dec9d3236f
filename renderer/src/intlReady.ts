// The first use of Intl in a page (a date, or a number with separators) loads locale data: 40 to
// 120 ms here, enough to delay the first screen. The article header therefore writes its counts
// without Intl and adds its date once Intl has been set up in idle time after the first paint.
import { useEffect, useState } from 'react';
import { formatDay } from './format';

let ready = false;

function warm(): void {
  formatDay(new Date(0).toISOString());
  (0).toLocaleString();
  ready = true;
}

/** Runs `fn` when the page is next idle (within 1.5 s); returns what cancels it. */
export function whenIdle(fn: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout: 1500 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(fn, 200);
  return () => window.clearTimeout(id);
}

/** False until Intl has been set up (in idle time); the component renders again then. */
export function useIntlReady(): boolean {
  const [isReady, setReady] = useState(ready);
  useEffect(() => {
    if (isReady) return;
    return whenIdle(() => {
      if (!ready) warm();
      setReady(true);
    });
  }, [isReady]);
  return isReady;
}

/** A count with thousands separators (10,000), without Intl. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
