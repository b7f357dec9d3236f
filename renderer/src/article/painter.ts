// Paints annotation spans as CSS Custom Highlights, one layer per code, and on every later update
// changes only the ranges of spans that were added, moved, recoded or removed: adding one
// annotation to ten thousand adds one range to one Highlight instead of rebuilding them all.
//
// Only spans in a window around what is on screen are given ranges (as @recogito/text-annotator
// paints only what intersects the viewport). Chrome re-checks every registered highlight range on
// each frame it paints, whatever changed: with 10,000 registered, each frame of a save or a
// scroll cost 10–25 ms of PrePaint; with the few hundred near the screen, about 2 ms. The window
// moves with scrolling (see viewport.ts) before the frame that shows the new place is painted.
import type { ArticleMap } from './layout';

interface Entry {
  layer: string;
  start: number;
  end: number;
  /** Set while the span is in the window and painted. */
  range: StaticRange | null;
  seen: number;
}

export interface PaintSpan {
  id: number;
  start: number;
  end: number;
  /** Orphaned spans have no place in the text and are not painted. */
  anchor?: string;
}

/** How `spans` differs from an earlier list (`base`): what was added or changed, what was removed. */
export interface SpanDelta<T> {
  base: readonly T[];
  spans: readonly T[];
  removed: readonly number[];
}

export class HighlightPainter {
  private readonly entries = new Map<number, Entry>();
  private readonly layers = new Map<string, Highlight>();
  private pass = 0;
  /** The code-point window [lo, hi) whose spans are painted; empty until the view sets it. */
  private lo = 0;
  private hi = 0;

  constructor(private readonly map: ArticleMap) {}

  private last: readonly PaintSpan[] | null = null;
  private lastLayerOf: unknown = null;

  /**
   * Makes the layers show exactly the anchored `spans` that meet the window, each on the layer
   * `layerOf` names. Given how they differ from the list painted last (`delta`), only that
   * difference is applied; else every span is checked.
   */
  update<T extends PaintSpan>(spans: readonly T[], layerOf: (span: T) => string, delta?: SpanDelta<T> | null): void {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const pass = ++this.pass;
    if (delta && delta.base === this.last && layerOf === this.lastLayerOf) {
      for (const id of delta.removed) this.remove(id);
      for (const s of delta.spans) this.put(s, layerOf(s), pass);
    } else {
      for (const s of spans) this.put(s, layerOf(s), pass);
      for (const [id, e] of this.entries) if (e.seen !== pass) this.remove(id);
    }
    this.last = spans;
    this.lastLayerOf = layerOf;
  }

  /** Paints the spans that meet code points [lo, hi) and no others. */
  setWindow(lo: number, hi: number): void {
    if (lo === this.lo && hi === this.hi) return;
    this.lo = lo;
    this.hi = hi;
    this.retry();
  }

  /**
   * Brings the layers in line with the window: paints the spans in it that have no range yet (also
   * those whose paragraphs were not rendered before), takes away those outside it.
   */
  retry(): void {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    for (const e of this.entries.values()) {
      if (this.inWindow(e)) this.show(e);
      else this.hide(e);
    }
  }

  private inWindow(e: { start: number; end: number }): boolean {
    return e.start < this.hi && e.end > this.lo;
  }

  private show(e: Entry): void {
    if (e.range) return;
    e.range = this.map.staticRange(e.start, e.end);
    if (e.range) this.layer(e.layer).add(e.range);
  }

  private hide(e: Entry): void {
    if (!e.range) return;
    this.layers.get(e.layer)?.delete(e.range);
    e.range = null;
  }

  private put(s: PaintSpan, layer: string, pass: number): void {
    if (s.anchor === 'orphaned') return this.remove(s.id);
    const old = this.entries.get(s.id);
    if (old && old.layer === layer && old.start === s.start && old.end === s.end) {
      old.seen = pass;
      return;
    }
    if (old) this.hide(old);
    const entry: Entry = { layer, start: s.start, end: s.end, range: null, seen: pass };
    this.entries.set(s.id, entry);
    if (this.inWindow(entry)) this.show(entry);
  }

  private remove(id: number): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.hide(e);
    this.entries.delete(id);
  }

  /**
   * Paints a passage at once, before it is a span (an annotation being saved), whether or not it
   * is in the window. Returns what takes it away again.
   */
  draft(start: number, end: number, layer: string): () => void {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return () => {};
    const range = this.map.staticRange(start, end);
    if (!range) return () => {};
    const highlight = this.layer(layer);
    highlight.add(range);
    return () => highlight.delete(range);
  }

  /** Removes every layer this painter made. */
  clear(): void {
    for (const name of this.layers.keys()) CSS.highlights.delete(name);
    this.layers.clear();
    this.entries.clear();
    this.last = null;
  }

  private layer(name: string): Highlight {
    let h = this.layers.get(name);
    if (!h) {
      h = new Highlight();
      this.layers.set(name, h);
      CSS.highlights.set(name, h);
    }
    return h;
  }
}
