// The article's text as paragraphs of single text nodes. Highlights are painted over it with the
// CSS Custom Highlight API, so the text's DOM is never rewritten and offsets stay stable.
//
// A long article (1 MB is 1,200 paragraphs, half a kilometre of text) is laid out only where it is
// on screen: paragraphs are `content-visibility: auto`, sized until first shown by an estimate of
// their line count (their length over the characters a line holds, corrected once a line of the
// first long paragraph is measured), so opening, restyling or resizing costs a screenful of layout.
// It is also rendered in slices: the first few screens in the first commit, the rest in the tasks
// after the first frame (a spacer of the estimated height stands in for them meanwhile, and
// scrolling near it renders everything at once), so a long article shows its top without first
// building a thousand paragraphs.
import { memo, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { ArticleMap, splitParagraphs, type Paragraph } from './layout';

/** The characters per line the first estimate assumes (the article's measure, roughly). */
const ASSUMED_PER_LINE = 75;
/** Paragraphs up to this many estimated lines share a class (and so their style); longer get their own. */
const CLASSES = 120;
let sheet: CSSStyleSheet | null = null;

/** The lines a paragraph of `chars` characters is estimated to take, before the scale. */
function estimatedLines(chars: number): number {
  return Math.max(1, Math.ceil(chars / ASSUMED_PER_LINE));
}

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
  const lines = estimatedLines(chars);
  if (lines <= CLASSES) return { className: `l${lines}` };
  return { className: '', style: { containIntrinsicSize: `auto calc(${(lines * 1.7).toFixed(1)}em * var(--line-scale, 1))` } };
}

/** Characters in the first commit (a dozen screens), then in each slice after it. */
const FIRST_CHARS = 20_000;
const SLICE_CHARS = 200_000;

/** How many paragraphs from `from` hold at least `chars` characters (or all that are left). */
function upTo(paragraphs: readonly Paragraph[], from: number, chars: number): number {
  let n = from;
  let sum = 0;
  while (n < paragraphs.length && sum < chars) sum += paragraphs[n++]!.text.length;
  return n;
}

/** A stand-in as tall as the paragraphs from `from` are estimated to be. */
function restHeight(paragraphs: readonly Paragraph[], from: number): string {
  let lines = 0;
  for (let i = from; i < paragraphs.length; i++) lines += estimatedLines(paragraphs[i]!.end - paragraphs[i]!.start);
  return `calc(${(lines * 1.7).toFixed(1)}em * var(--line-scale, 1) + ${paragraphs.length - from}em)`;
}

/** The text the line measure is taken from: the first paragraph long enough to wrap several times. */
function sampleOf(paragraphs: readonly Paragraph[]): string | null {
  const long = paragraphs.find((p) => p.end - p.start >= 300);
  return long ? long.text : null;
}

/** How much taller than the estimate a paragraph is: the probe's lines over its estimated lines. */
function measureScale(probe: HTMLElement): number | null {
  const lineHeight = parseFloat(getComputedStyle(probe).lineHeight);
  const chars = probe.textContent?.length ?? 0;
  const lines = Math.round(probe.getBoundingClientRect().height / lineHeight);
  if (!(lineHeight > 0) || lines <= 0 || chars === 0) return null;
  return ASSUMED_PER_LINE / (chars / lines);
}

/** Paragraphs [from, to), rendered once: later slices leave earlier ones alone. */
const Slice = memo(function Slice({ paragraphs, from, to }: { paragraphs: readonly Paragraph[]; from: number; to: number }) {
  return paragraphs.slice(from, to).map((p, k) => {
    const i = from + k;
    const size = lineClass(p.end - p.start);
    return (
      <p key={i} data-paragraph={i} className={size.className || undefined} style={size.style}>
        {p.text}
      </p>
    );
  });
});

export const ArticleText = memo(function ArticleText({
  text,
  onRendered,
  onComplete,
  scroller,
}: {
  text: string;
  /** Once the first paragraphs are rendered (the map knows their text nodes). */
  onRendered?: (map: ArticleMap) => void;
  /** Once every paragraph is; then again whenever the text changes. */
  onComplete?: (map: ArticleMap) => void;
  /** The element the article scrolls in: coming near the part not yet rendered is measured in it. */
  scroller?: RefObject<HTMLElement | null>;
}) {
  const container = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLParagraphElement>(null);
  const paragraphs = useMemo(() => splitParagraphs(text), [text]);
  const map = useMemo(() => new ArticleMap(text, paragraphs, []), [text, paragraphs]);
  const sample = useMemo(() => sampleOf(paragraphs), [paragraphs]);
  // The line scale is measured on one paragraph before the others are rendered (a render of its
  // own, before the first paint), so that the paragraphs are styled and laid out once, at their
  // estimated size, instead of once more when the scale changes. It is measured once per view:
  // it follows the font and the column's width, and another text changes it only slightly.
  const [scale, setScale] = useState<string | null>(null);
  // The slices rendered so far, for this list of paragraphs: where each one ends.
  const first = useMemo(() => ({ paragraphs, ends: [upTo(paragraphs, 0, FIRST_CHARS)] }), [paragraphs]);
  const [slices, setSlices] = useState(first);
  const { ends } = slices.paragraphs === paragraphs ? slices : first;
  const count = ends[ends.length - 1]!;
  const complete = count >= paragraphs.length;
  const rest = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    if (scale !== null) return;
    const measured = probe.current ? measureScale(probe.current) : null;
    setScale(measured ? measured.toFixed(3) : '1');
  }, [scale]);

  useLayoutEffect(() => {
    if (scale === null) return;
    const el = container.current!;
    map.nodes.length = 0;
    for (const p of el.querySelectorAll<HTMLElement>('[data-paragraph]')) map.nodes.push(p.firstChild as Text);
    if (map.nodes.length === count) {
      performance.mark('workbench:text-rendered');
      onRendered?.(map);
    }
  }, [map, onRendered, scale, count]);

  useLayoutEffect(() => {
    if (scale !== null && complete && map.nodes.length === paragraphs.length) onComplete?.(map);
  }, [map, onComplete, scale, complete, paragraphs]);

  // The next slice once this one has been shown; everything at once if the reader gets near
  // the part not rendered yet.
  useLayoutEffect(() => {
    if (scale === null || complete) return;
    const add = (end: number) => setSlices({ paragraphs, ends: [...ends, end] });
    const all = () => add(paragraphs.length);
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => add(upTo(paragraphs, count, SLICE_CHARS)), 0);
    });
    // Rooted at the scroller: a margin on the window's viewport would not reach into it.
    const near = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && all(), { root: scroller?.current ?? null, rootMargin: '200% 0px' });
    if (rest.current) near.observe(rest.current);
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      near.disconnect();
    };
  }, [scale, complete, paragraphs, ends, count, scroller]);

  if (scale === null) {
    return (
      <div className="article-text" ref={container}>
        {sample !== null && (
          <p ref={probe} className="article-probe">
            {sample}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="article-text" ref={container} style={{ '--line-scale': scale } as CSSProperties}>
      {ends.map((end, k) => (
        <Slice key={k} paragraphs={paragraphs} from={k === 0 ? 0 : ends[k - 1]!} to={end} />
      ))}
      {!complete && <div ref={rest} className="article-rest" aria-hidden style={{ height: restHeight(paragraphs, count) }} />}
    </div>
  );
});
