// Which paragraphs of the article are on screen, and the window of text around them whose
// highlights are painted (see painter.ts). The window reaches a screenful of paragraphs beyond
// each edge, so ordinary scrolling moves it only now and then; a jump moves it at once, in the
// scroll event, which runs before the frame that shows the new place.
//
// The paragraphs on screen are also marked to be rendered in that frame: `content-visibility:
// auto` finds out that a paragraph came on screen only after a frame has been drawn, so without
// the mark a jump showed blank paragraphs for a frame or two.
import type { ArticleMap } from './layout';
import type { HighlightPainter } from './painter';

/** Index of the first paragraph whose box ends below y (viewport coordinates), or the last one. */
function firstEndingBelow(map: ArticleMap, y: number): number {
  let lo = 0;
  let hi = map.nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const box = map.nodes[mid]!.parentElement!.getBoundingClientRect();
    if (box.bottom > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The paragraphs the scroller shows, at least in part: indices [first, last]. */
export function visibleParagraphs(scroller: HTMLElement, map: ArticleMap): { first: number; last: number } | null {
  if (map.nodes.length === 0) return null;
  const box = scroller.getBoundingClientRect();
  const first = firstEndingBelow(map, box.top);
  return { first, last: Math.max(first, firstEndingBelow(map, box.bottom)) };
}

/** The class of paragraphs on screen (styles.css renders them whatever content-visibility decides). */
const ON_SCREEN = 'on-screen';

/** At least this many paragraphs beyond each edge of the screen are painted. */
const MIN_MARGIN = 8;

/** Paragraphs painted beyond each edge of the screen: a screenful, at least MIN_MARGIN. */
const marginFor = (view: { first: number; last: number }) => Math.max(MIN_MARGIN, view.last - view.first + 1);

/** Keeps `painter`'s window around what `scroller` shows of `map`'s paragraphs. */
export class PaintWindow {
  private first = -1;
  private last = -1;
  /** The paragraphs marked as on screen. */
  private shown = { first: 0, last: -1 };

  constructor(
    private readonly scroller: HTMLElement,
    readonly map: ArticleMap,
    private readonly painter: HighlightPainter,
  ) {
    // Marks left by the window of an earlier text (React keeps the paragraph elements it can).
    for (const p of scroller.querySelectorAll(`.${ON_SCREEN}`)) p.classList.remove(ON_SCREEN);
  }

  /** Sets the window the first time (later, scrolling and resizing move it). */
  start(): void {
    if (this.first < 0) this.refresh();
  }

  /**
   * Moves the window if the screen has come near its edge; `retry` also paints spans in it whose
   * paragraphs have been rendered since.
   */
  refresh(retry = false): void {
    const view = visibleParagraphs(this.scroller, this.map);
    if (!view) return;
    this.markShown(view.first, view.last);
    const slack = marginFor(view) >> 1;
    const lastIndex = this.map.paragraphs.length - 1;
    const coveredAbove = view.first - this.first >= slack || this.first === 0;
    const coveredBelow = this.last - view.last >= slack || this.last === lastIndex;
    const stays = this.first >= 0 && view.first >= this.first && view.last <= this.last && coveredAbove && coveredBelow;
    if (!stays) this.move(view);
    if (retry) this.painter.retry();
  }

  private move(view: { first: number; last: number }): void {
    const margin = marginFor(view);
    const lastIndex = this.map.paragraphs.length - 1;
    this.first = Math.max(0, view.first - margin);
    this.last = Math.min(lastIndex, view.last + margin);
    const { index, paragraphs } = this.map;
    // At either end of the article the window runs to the end of the text (line breaks included).
    const lo = this.first === 0 ? 0 : index.toCodePoint(paragraphs[this.first]!.start);
    const hi = this.last === lastIndex ? Number.MAX_SAFE_INTEGER : index.toCodePoint(paragraphs[this.last]!.end);
    this.painter.setWindow(lo, hi);
  }

  private markShown(first: number, last: number): void {
    const old = this.shown;
    const element = (i: number) => this.map.nodes[i]?.parentElement;
    for (let i = old.first; i <= old.last; i++) if (i < first || i > last) element(i)?.classList.remove(ON_SCREEN);
    for (let i = first; i <= last; i++) if (i < old.first || i > old.last) element(i)?.classList.add(ON_SCREEN);
    this.shown = { first, last };
  }
}
