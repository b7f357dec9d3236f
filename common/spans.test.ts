import { describe, expect, it } from 'vitest';
import { mergeSpans } from './spans';

const span = (id: number, start: number, codeIds: number[] = []) => ({ id, start, end: start + 5, anchor: 'anchored', codeIds });

describe('merging span changes', () => {
  const current = [span(1, 0), span(2, 10, [3]), span(3, 10), span(4, 40)];

  it('inserts, moves and removes in text order', () => {
    const next = mergeSpans(current, { full: false, spans: [span(5, 12), span(1, 50)], removed: [3] });
    expect(next.map((s) => s.id)).toEqual([2, 5, 4, 1]);
  });

  it('returns the same array when the changes are already held, so nothing re-renders', () => {
    expect(mergeSpans(current, { full: false, spans: [], removed: [] })).toBe(current);
    expect(mergeSpans(current, { full: false, spans: [span(2, 10, [3]), span(3, 10)], removed: [] })).toBe(current);
    expect(mergeSpans(current, { full: false, spans: [span(2, 10, [4])], removed: [] })).not.toBe(current);
    expect(mergeSpans(current, { full: false, spans: [], removed: [9] })).toEqual(current);
  });

  it('replaces everything with a full list, sorted', () => {
    expect(mergeSpans(current, { full: true, spans: [span(7, 9), span(6, 3)], removed: [] }).map((s) => s.id)).toEqual([6, 7]);
  });
});
