// Named highlight layers over the article, painted with the CSS Custom Highlight API.

/** Paints ranges; static ones cost nothing when the page's DOM changes (live Ranges are all updated). */
export function paint(name: string, ranges: readonly AbstractRange[]): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  if (ranges.length === 0) CSS.highlights.delete(name);
  else CSS.highlights.set(name, new Highlight(...ranges));
}

export function clear(name: string): void {
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) CSS.highlights.delete(name);
}

/**
 * Scrolls a passage into view and flashes it for a moment. Paragraphs far from the screen are laid
 * out only when they come near it (until then their height is an estimate), so a long jump is made
 * at once and then corrected once the passage and its neighbours have their real size; a short
 * one scrolls smoothly.
 */
export function flash(range: Range): void {
  const scroller = (range.startContainer.parentElement as HTMLElement | null)?.closest('.article-scroll');
  if (scroller) {
    const offset = () => {
      const box = scroller.getBoundingClientRect();
      return range.getBoundingClientRect().top - box.top - box.height / 3;
    };
    const first = offset();
    if (Math.abs(first) < scroller.clientHeight) scroller.scrollBy({ top: first, behavior: 'smooth' });
    else {
      scroller.scrollBy({ top: first });
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const rest = offset();
          if (Math.abs(rest) > 2) scroller.scrollBy({ top: rest });
        }),
      );
    }
  }
  paint('flash', [range]);
  window.setTimeout(() => clear('flash'), 1400);
}
