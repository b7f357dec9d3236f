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
}

export class HighlightPainter {
  private readonly painted = new Map<number, Painted>();
  private readonly layers = new Map<string, Highlight>();
  private pass = 0;

  constructor(private readonly map: ArticleMap) {}

  /** Makes the layers show exactly `spans`, each on the layer `layerOf` names. */
  update<T extends PaintSpan>(spans: readonly T[], layerOf: (span: T) => string): void {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const pass = ++this.pass;
    for (const s of spans) {
      const layer = layerOf(s);
      const old = this.painted.get(s.id);
      if (old && old.layer === layer && old.start === s.start && old.end === s.end) {
        old.seen = pass;
        continue;
      }
      if (old) this.layers.get(old.layer)?.delete(old.range);
      const range = this.map.staticRange(s.start, s.end);
      if (!range) {
        this.painted.delete(s.id);
        continue;
      }
      this.layer(layer).add(range);
      this.painted.set(s.id, { layer, start: s.start, end: s.end, range, seen: pass });
    }
    for (const [id, p] of this.painted) {
      if (p.seen === pass) continue;
      this.layers.get(p.layer)?.delete(p.range);
      this.painted.delete(id);
    }
  }

  /** Removes every layer this painter made. */
  clear(): void {
    for (const name of this.layers.keys()) CSS.highlights.delete(name);
    this.layers.clear();
    this.painted.clear();
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
