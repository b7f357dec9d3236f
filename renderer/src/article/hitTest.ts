// The CSS Custom Highlight API paints ranges but cannot say which one is under the pointer, so
// this finds them: the character offset at the point, then the spans around it whose rectangles
// really contain the point.
import type { ArticleMap } from './layout';

export interface Span {
  start: number;
  end: number;
}

export function offsetAtPoint(map: ArticleMap, x: number, y: number): number | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  const caret = doc.caretPositionFromPoint?.(x, y);
  if (caret) return map.offsetOf(caret.offsetNode, caret.offset);
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? map.offsetOf(range.startContainer, range.startOffset) : null;
}

function contains(rects: DOMRectList, x: number, y: number): boolean {
  for (const r of rects) if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
  return false;
}

/** The spans under the point (x, y), in the order given. */
export function spansAtPoint<T extends Span>(map: ArticleMap, spans: readonly T[], x: number, y: number): T[] {
  const at = offsetAtPoint(map, x, y);
  if (at === null) return [];
  const out: T[] = [];
  for (const s of spans) {
    // The caret lands on the nearer edge of the character under the pointer, so look one either side.
    if (s.start > at || s.end < at) continue;
    const range = map.range(s.start, s.end);
    if (range && contains(range.getClientRects(), x, y)) out.push(s);
  }
  return out;
}
