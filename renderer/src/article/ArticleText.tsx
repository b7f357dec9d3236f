// The article's text as paragraphs of single text nodes. Highlights are painted over it with the
// CSS Custom Highlight API, so the text's DOM is never rewritten and offsets stay stable.
import { forwardRef, memo, useImperativeHandle, useLayoutEffect, useMemo, useRef } from 'react';
import { ArticleMap, splitParagraphs } from './layout';

export interface ArticleTextHandle {
  map: ArticleMap;
  element: HTMLElement;
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
      performance.mark('workbench:text-rendered');
      onRendered?.(map);
    }, [map, onRendered]);

    useImperativeHandle(ref, () => ({ map, element: container.current! }), [map]);

    return (
      <div className="article-text" ref={container}>
        {paragraphs.map((p, i) => (
          <p key={i} data-paragraph={i}>
            {p.text}
          </p>
        ))}
      </div>
    );
  }),
);
