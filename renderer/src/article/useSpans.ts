// A document's annotation spans, kept current after every change by asking the store only for what
// changed since the last answer (annotations.spans with a cursor): one new annotation costs one
// span on the wire and one merge, not a reload of ten thousand.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Span } from '../../../electron/ipc/contract';
import { mergeSpans } from '../../../common/spans';
import { call } from '../client';

/** How the spans differ from the list before them, when that is known (not after a full load). */
export interface SpansDelta {
  base: readonly Span[];
  spans: readonly Span[];
  removed: readonly number[];
}

export type SpansState = { status: 'loading' } | { status: 'ready'; documentId: number; spans: readonly Span[]; delta: SpansDelta | null } | { status: 'error'; error: Error };

export interface SpansHandle {
  reload: () => void;
  /**
   * Shows a change this window made to `documentId` at once (the annotation a save returned),
   * before the next sync confirms it; merging the same span again then changes nothing. A change
   * to another document than the one held (one switched away from while saving) is left out.
   */
  apply: (documentId: number, changes: { spans: readonly Span[]; removed: readonly number[] }) => void;
}

export function useSpans(documentId: number | null, revision: number): SpansState & SpansHandle {
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
        // Into what is held now: a change applied meanwhile (apply) is kept, changes are idempotent.
        const base = held.current?.documentId === documentId ? held.current.spans : [];
        const spans = mergeSpans(base, changes);
        held.current = { documentId, cursor: changes.cursor, spans };
        const delta = changes.full ? null : { base, spans: changes.spans, removed: changes.removed };
        if (live && (spans !== base || !current)) setState({ status: 'ready', documentId, spans, delta });
        else if (live) setState((s) => (s.status === 'ready' && s.documentId === documentId ? s : { status: 'ready', documentId, spans, delta: null }));
      } catch (error) {
        if (live) setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      }
    });
    return () => {
      live = false;
    };
  }, [documentId, revision, generation]);

  const apply = useCallback((documentId: number, changes: { spans: readonly Span[]; removed: readonly number[] }) => {
    const current = held.current;
    if (!current || current.documentId !== documentId) return;
    const spans = mergeSpans(current.spans, { full: false, ...changes });
    if (spans === current.spans) return;
    held.current = { ...current, spans };
    setState({ status: 'ready', documentId: current.documentId, spans, delta: { base: current.spans, ...changes } });
  }, []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload, apply };
}
