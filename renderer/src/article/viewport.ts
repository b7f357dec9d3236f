// Which paragraphs of the article are on screen, and the window of text around them whose
// highlights are painted (see painter.ts). The window reaches a screenful of paragraphs beyond
// each edge, so ordinary scrolling moves it only now and then; a jump moves it at once, in the
// scroll event, which runs before the frame that shows the new place.
//
// The paragraphs on screen are also marked to be rendered in that frame: `content-visibility:
// auto` finds out that a paragraph came on screen only after a frame has been drawn, so without
// the mark a jump showed blank paragraphs for a frame or two.
//
// In a long article, paragraphs far beyond the painted window are set `hidden="until-found"`
// (content-visibility: hidden). Chrome checks every `content-visibility: auto` element against the
// screen in every frame: with a thousand paragraphs that was 1.5–3 ms of each frame, twice in the
// frame after a jump. Hidden ones are not checked; they keep their size, stay in the DOM (offsets,
// quotes and search are unchanged), and the browser's find-in-page still finds them and shows them.
// A screen reader and Select All do not reach them, which is why shorter articles are left whole.
import type { ArticleMap } from './layout';
import type { HighlightPainter } from './painter';
import { whenIdle } from '../intlReady';

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

/** The first paragraph that begins on screen (or the one running through the whole screen). */
export function firstParagraphOnScreen(scroller: HTMLElement, map: ArticleMap): number {
  const view = visibleParagraphs(scroller, map);
  if (!view) return 0;
  const top = map.nodes[view.first]!.parentElement!.getBoundingClientRect().top;
  return top < scroller.getBoundingClientRect().top - 1 && view.first < view.last ? view.first + 1 : view.first;
}

/** The class of paragraphs on screen (styles.css renders them whatever content-visibility decides). */
const ON_SCREEN = 'on-screen';

/** At least this many paragraphs beyond each edge of the screen are painted. */
const MIN_MARGIN = 8;

/** Paragraphs painted beyond each edge of the screen: a screenful, at least MIN_MARGIN. */
const marginFor = (view: { first: number; last: number }) => Math.max(MIN_MARGIN, view.last - view.first + 1);

/**
 * Paragraphs beyond the painted window that stay `content-visibility: auto` (rendered by Chrome as
 * they come near, and found by a screen reader); those farther away are hidden until found.
 */
const LIVE_MARGIN = 50;

/**
 * Articles of up to this many paragraphs are never hidden in part: each frame's check of them
 * costs little, and a screen reader and Select All keep the whole text.
 */
const HIDE_ABOVE = 200;

/** Milliseconds of one idle step of hiding and showing paragraphs. */
const HIDE_BUDGET_MS = 4;

/** Keeps `painter`'s window around what `scroller` shows of `map`'s paragraphs. */
export class PaintWindow {
  private first = -1;
  private last = -1;
  /** The paragraphs marked as on screen. */
  private shown = { first: 0, last: -1 };
  /** The paragraphs this window has set hidden until found (1), by index. */
  private readonly far: Uint8Array;
  /** Cancels the next idle step of hiding and showing paragraphs, if one is scheduled. */
  private cancelHide: (() => void) | null = null;
  /** The paragraph the pass of hideFar goes on from. */
  private hideFrom = 0;
  /** For `beforematch`: find-in-page shows a hidden paragraph it finds a match in, which is then no longer hidden. */
  readonly found = (e: Event) => {
    const i = Number((e.target as HTMLElement).dataset?.paragraph);
    if (Number.isInteger(i)) this.far[i] = 0;
  };
  /**
   * For `selectionchange`: the paragraphs holding the selection's ends are never hidden (Chrome
   * moves a selection's end out of hidden content, which would change the passage being selected),
   * and one the selection has left may be hidden again.
   */
  readonly selectionChanged = () => this.scheduleHide();

  constructor(
    private readonly scroller: HTMLElement,
    readonly map: ArticleMap,
    private readonly painter: HighlightPainter,
  ) {
    // Marks left by the window of an earlier text (React keeps the paragraph elements it can).
    for (const p of scroller.querySelectorAll(`.${ON_SCREEN}`)) p.classList.remove(ON_SCREEN);
    for (const p of scroller.querySelectorAll('.article-text [data-paragraph][hidden]')) p.removeAttribute('hidden');
    this.far = new Uint8Array(map.paragraphs.length);
  }

  /** Stops what this window has scheduled (the view is going away or has a new text). */
  dispose(): void {
    this.cancelHide?.();
    this.cancelHide = null;
    // Set again by start() if the view comes back with this window (React's development mode
    // mounts every view twice).
    this.first = -1;
    this.last = -1;
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
    let view = visibleParagraphs(this.scroller, this.map);
    if (!view) return;
    // Marked paragraphs are laid out in full, and may turn out shorter than their estimated
    // height: then the next ones come on screen too, and are marked in turn (a hidden one that was
    // not would stay blank until idle time). Each look lays out only what the last marked.
    for (let looks = 0; looks < 4 && this.markShown(view.first, view.last); looks++) view = visibleParagraphs(this.scroller, this.map)!;
    const slack = marginFor(view) >> 1;
    const lastIndex = this.map.paragraphs.length - 1;
    const coveredAbove = view.first - this.first >= slack || this.first === 0;
    const coveredBelow = this.last - view.last >= slack || this.last === lastIndex;
    const stays = this.first >= 0 && view.first >= this.first && view.last <= this.last && coveredAbove && coveredBelow;
    if (!stays) this.move(view);
    if (retry) {
      this.painter.retry();
      // Paragraphs rendered since: those far away are hidden with the others.
      this.scheduleHide();
    }
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
    this.scheduleHide();
  }

  /**
   * Brings the hidden paragraphs in line with the window in idle time, a few milliseconds at a
   * time: not in the frame that shows a new place (a paragraph on screen is drawn whether or not it
   * is hidden, see styles.css), and not all at once after opening, when most of a long article is
   * hidden. A move while a pass is under way starts it again from the top.
   */
  private scheduleHide(): void {
    this.hideFrom = 0;
    if (this.cancelHide || this.map.paragraphs.length <= HIDE_ABOVE) return;
    const step = () => {
      this.cancelHide = null;
      if (!this.hideFar(performance.now() + HIDE_BUDGET_MS)) this.cancelHide = whenIdle(step);
    };
    this.cancelHide = whenIdle(step);
  }

  /**
   * Hides the rendered paragraphs more than LIVE_MARGIN beyond the painted window and shows the
   * others, from `hideFrom` on, until the time `until`; true once it has reached the end.
   */
  private hideFar(until: number): boolean {
    const lo = this.first - LIVE_MARGIN;
    const hi = this.last + LIVE_MARGIN;
    const { nodes } = this.map;
    const selection = document.getSelection();
    const anchor = this.paragraphOf(selection?.anchorNode ?? null);
    const focus = this.paragraphOf(selection?.focusNode ?? null);
    for (let i = this.hideFrom; i < nodes.length; i++) {
      if (i % 64 === 0 && performance.now() > until) {
        this.hideFrom = i;
        return false;
      }
      const far = (i < lo || i > hi) && i !== anchor && i !== focus ? 1 : 0;
      if (far === this.far[i]) continue;
      const p = nodes[i]!.parentElement!;
      if (far) p.setAttribute('hidden', 'until-found');
      else p.removeAttribute('hidden');
      this.far[i] = far;
    }
    this.hideFrom = nodes.length;
    return true;
  }

  /** The index of the article's paragraph that holds `node`, or -1. */
  private paragraphOf(node: Node | null): number {
    const element = node?.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element | null);
    const p = element?.closest<HTMLElement>('[data-paragraph]');
    return p && this.scroller.contains(p) ? Number(p.dataset.paragraph) : -1;
  }

  /** Marks paragraphs [first, last] as on screen and no others; true if it marked one that was not. */
  private markShown(first: number, last: number): boolean {
    const old = this.shown;
    const element = (i: number) => this.map.nodes[i]?.parentElement;
    let added = false;
    for (let i = old.first; i <= old.last; i++) if (i < first || i > last) element(i)?.classList.remove(ON_SCREEN);
    for (let i = first; i <= last; i++) {
      if (i >= old.first && i <= old.last) continue;
      element(i)?.classList.add(ON_SCREEN);
      added = true;
    }
    this.shown = { first, last };
    return added;
  }
}
