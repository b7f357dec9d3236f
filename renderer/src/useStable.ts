import { useMemo } from 'react';

/**
 * The value, or the previous one when the new one holds the same data: a reload after every
 * change returns new objects, and passing those on would redo work (repaint highlights, re-render
 * cards and grids) for data that did not change. For small lists: the check serialises the value.
 */
export function useStable<T>(value: T): T {
  const json = JSON.stringify(value) ?? '';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `json` stands for `value`
  return useMemo(() => value, [json]);
}
