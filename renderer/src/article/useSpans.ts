// A document's annotation spans, kept current after every change by asking the store only for what
// changed since the last answer (annotations.spans with a cursor): one new annotation costs one
// span on the wire and one merge, not a reload of ten thousand.
import { useEffect, useRef, useState } from 'react';
import type { Span } from '../../../electron/ipc/contract';
import { mergeSpans } from '../../../common/spans';
import { call } from '../client';

export type SpansState = { status: 'loading' } | { status: 'ready'; documentId: number; spans: readonly Span[] } | { status: 'error'; error: Error };

export function useSpans(documentId: number | null, revision: number): SpansState & { reload: () => void } {
  const [state, setState] = useState<SpansState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  // What the copy holds; updates run one after another so each starts from the last cursor.
  const held = useRef<{ documentId: number; cursor: number; spans: readonly Span[] } | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    if (documentId === null) return;
    let live = true;
    queue.current = queue.current.then(async () => {
      const current = held.current?.documentId === documentId ? held.current : null;
      try {
        const changes = await call('annotations.spans', current ? { documentId, since: current.cursor } : { documentId });
        const spans = mergeSpans(current?.spans ?? [], changes);
        held.current = { documentId, cursor: changes.cursor, spans };
        if (live && (spans !== current?.spans || !current)) setState({ status: 'ready', documentId, spans });
        else if (live) setState((s) => (s.status === 'ready' && s.documentId === documentId ? s : { status: 'ready', documentId, spans }));
      } catch (error) {
        if (live) setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      }
    });
    return () => {
      live = false;
    };
  }, [documentId, revision, generation]);

  return { ...state, reload: () => setGeneration((g) => g + 1) };
}
