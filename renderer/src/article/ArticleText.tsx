// The article's text as paragraphs of single text nodes. Highlights are painted over it with the
// CSS Custom Highlight API, so the text's DOM is never rewritten and offsets stay stable.
//
// A long article (1 MB is 1,200 paragraphs, half a kilometre of text) is laid out only where it is
// on screen: paragraphs are `content-visibility: auto`, sized until first shown by an estimate of
// their line count (their length over the characters a line holds, corrected once a line of the
// first long paragraph is measured), so opening, restyling or resizing costs a screenful of layout.
import { forwardRef, memo, useImperativeHandle, useLayoutEffect, useMemo, useRef, type CSSProperties } from 'react';
import { ArticleMap, splitParagraphs } from './layout';

export interface ArticleTextHandle {
  map: ArticleMap;
  element: HTMLElement;
}

/** The characters per line the first estimate assumes (the article's measure, roughly). */
const ASSUMED_PER_LINE = 75;
/** Paragraphs up to this many estimated lines share a class (and so their style); longer get their own. */
const CLASSES = 120;
let sheet: CSSStyleSheet | null = null;

/**
 * One class per estimated line count, each sized in lines, scaled by --line-scale once a line has
 * been measured: shared classes let the browser share the paragraphs' styles, which an inline
 * size per paragraph (1,200 of them in a 1 MB article) does not.
 */
function lineClass(chars: number): { className: string; style?: CSSProperties } {
  if (!sheet && typeof CSSStyleSheet !== 'undefined') {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(Array.from({ length: CLASSES }, (_, i) => `.article-text p.l${i + 1} { contain-intrinsic-size: auto calc(${((i + 1) * 1.7).toFixed(1)}em * var(--line-scale, 1)); }`).join('\n'));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  const lines = Math.max(1, Math.ceil(chars / ASSUMED_PER_LINE));
  if (lines <= CLASSES) return { className: `l${lines}` };
  return { className: '', style: { containIntrinsicSize: `auto calc(${(lines * 1.7).toFixed(1)}em * var(--line-scale, 1))` } };
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
      if (perLine) el.style.setProperty('--line-scale', (ASSUMED_PER_LINE / perLine).toFixed(3));
      performance.mark('workbench:text-rendered');
      onRendered?.(map);
    }, [map, onRendered]);

    useImperativeHandle(ref, () => ({ map, element: container.current! }), [map]);

    return (
      <div className="article-text" ref={container}>
        {paragraphs.map((p, i) => {
          const size = lineClass(p.end - p.start);
          return (
            <p key={i} data-paragraph={i} className={size.className || undefined} style={size.style}>
              {p.text}
            </p>
          );
        })}
      </div>
    );
  }),
);
