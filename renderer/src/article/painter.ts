// Paints annotation spans as CSS Custom Highlights, one layer per code, and on every later update
// changes only the ranges of spans that were added, moved, recoded or removed: adding one
// annotation to ten thousand adds one range to one Highlight instead of rebuilding them all.
import type { ArticleMap } from './layout';

interface Painted {
  layer: string;
  start: number;
  end: number;
  range: StaticRange;
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
  private readonly painted = new Map<number, Painted>();
  private readonly layers = new Map<string, Highlight>();
  private pass = 0;

  constructor(private readonly map: ArticleMap) {}

  private last: readonly PaintSpan[] | null = null;
  private lastLayerOf: unknown = null;

  /**
   * Makes the layers show exactly the anchored `spans`, each on the layer `layerOf` names. Given
   * how they differ from the list painted last (`delta`), only that difference is applied; else
   * every span is checked.
   */
  update<T extends PaintSpan>(spans: readonly T[], layerOf: (span: T) => string, delta?: SpanDelta<T> | null): void {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const pass = ++this.pass;
    if (delta && delta.base === this.last && layerOf === this.lastLayerOf) {
      for (const id of delta.removed) this.remove(id);
      for (const s of delta.spans) this.put(s, layerOf(s), pass);
    } else {
      for (const s of spans) this.put(s, layerOf(s), pass);
      for (const [id, p] of this.painted) if (p.seen !== pass) this.remove(id);
    }
    this.last = spans;
    this.lastLayerOf = layerOf;
  }

  private put(s: PaintSpan, layer: string, pass: number): void {
    if (s.anchor === 'orphaned') return this.remove(s.id);
    const old = this.painted.get(s.id);
    if (old && old.layer === layer && old.start === s.start && old.end === s.end) {
      old.seen = pass;
      return;
    }
    if (old) this.layers.get(old.layer)?.delete(old.range);
    const range = this.map.staticRange(s.start, s.end);
    if (!range) {
      this.painted.delete(s.id);
      return;
    }
    this.layer(layer).add(range);
    this.painted.set(s.id, { layer, start: s.start, end: s.end, range, seen: pass });
  }

  private remove(id: number): void {
    const p = this.painted.get(id);
    if (!p) return;
    this.layers.get(p.layer)?.delete(p.range);
    this.painted.delete(id);
  }

  /** Removes every layer this painter made. */
  clear(): void {
    for (const name of this.layers.keys()) CSS.highlights.delete(name);
    this.layers.clear();
    this.painted.clear();
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
