import { useRef } from 'react';

/**
 * The value, or the previous one when the new one holds the same data: a reload after every
 * change returns new objects, and passing those on would redo work (repaint highlights, re-render
 * cards and grids) for data that did not change. For small lists: the check serialises both.
 */
export function useStable<T>(value: T): T {
  const held = useRef<{ value: T; json: string } | null>(null);
  const json = JSON.stringify(value) ?? '';
  if (held.current?.json !== json) held.current = { value, json };
  return held.current.value;
}
