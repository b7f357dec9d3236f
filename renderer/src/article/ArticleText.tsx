// The article's text as paragraphs of single text nodes. Highlights are painted over it with the
// CSS Custom Highlight API, so the text's DOM is never rewritten and offsets stay stable.
//
// A long article (1 MB is 1,200 paragraphs, half a kilometre of text) is laid out only where it is
// on screen: paragraphs are `content-visibility: auto`, sized until first shown by an estimate of
// their line count (their length over the characters a line holds, measured on the first long
// paragraph), so opening, restyling or resizing costs a screenful of layout, not the whole text.
import { forwardRef, memo, useImperativeHandle, useLayoutEffect, useMemo, useRef, type CSSProperties } from 'react';
import { ArticleMap, splitParagraphs } from './layout';

export interface ArticleTextHandle {
  map: ArticleMap;
  element: HTMLElement;
}

/** Characters per line, from a rendered paragraph: its length over its number of lines. */
function measureLine(container: HTMLElement, nodes: readonly Text[]): number | null {
  const lineHeight = parseFloat(getComputedStyle(container).lineHeight);
  const sample = nodes.slice(0, 40).reduce<Text | null>((best, n) => (n.length > (best?.length ?? 0) ? n : best), null);
  if (!sample || sample.length < 200 || !(lineHeight > 0)) return null;
  const range = document.createRange();
  range.selectNodeContents(sample);
  const lines = Math.round(range.getBoundingClientRect().height / lineHeight);
  return lines > 0 ? sample.length / lines : null;
}

export const ArticleText = memo(
  forwardRef<ArticleTextHandle | null, { text: string; onRendered?: (map: ArticleMap) => void }>(function ArticleText({ text, onRendered }, ref) {
    const container = useRef<HTMLDivElement>(null);
    const paragraphs = useMemo(() => splitParagraphs(text), [text]);
    const map = useMemo(() => new ArticleMap(text, paragraphs, []), [text, paragraphs]);

    useLayoutEffect(() => {
      const el = container.current!;
      map.nodes.length = 0;
      for (const p of el.querySelectorAll<HTMLElement>('[data-paragraph]')) map.nodes.push(p.firstChild as Text);
      const perLine = measureLine(el, map.nodes);
      if (perLine) el.style.setProperty('--chars-per-line', perLine.toFixed(1));
      performance.mark('workbench:text-rendered');
      onRendered?.(map);
    }, [map, onRendered]);

    useImperativeHandle(ref, () => ({ map, element: container.current! }), [map]);

    return (
      <div className="article-text" ref={container}>
        {paragraphs.map((p, i) => (
          <p key={i} data-paragraph={i} style={{ '--chars': p.end - p.start } as CSSProperties}>
            {p.text}
          </p>
        ))}
      </div>
    );
  }),
);
