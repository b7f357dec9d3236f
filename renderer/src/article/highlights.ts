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

/** Scrolls a passage into view and flashes it for a moment. */
export function flash(range: Range): void {
  const rect = range.getBoundingClientRect();
  const scroller = (range.startContainer.parentElement as HTMLElement | null)?.closest('.article-scroll');
  if (scroller) {
    const box = scroller.getBoundingClientRect();
    scroller.scrollBy({ top: rect.top - box.top - box.height / 3, behavior: 'smooth' });
  }
  paint('flash', [range]);
  window.setTimeout(() => clear('flash'), 1400);
}
