// The comparison page of `npm run bench`: the same paragraphs and the same 10,000 spans as the app's
// annotation view, painted by @recogito/text-annotator 4.1.1 (its W3C path and its best path) and,
// as baselines, by one plain CSS Custom Highlight pass and by nothing at all (the bare document).
// The paragraphs and the offset -> Range mapping are the app's own (renderer/src/article/layout.ts).
import '@fontsource-variable/inter';
import '@fontsource-variable/source-serif-4';
import '@recogito/text-annotator/text-annotator.css';
import './recogito.css';
import { createTextAnnotator, W3CTextFormat } from '@recogito/text-annotator';
import { ArticleMap, splitParagraphs, type Paragraph } from '../renderer/src/article/layout';

interface Span {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  codeIds: number[];
}
interface Data {
  text: string;
  width: number | null;
  colors: Record<string, string>;
  spans: Span[];
}
export type Mode = 'build' | 'css' | 'w3c' | 'best' | 'mutate-live' | 'mutate-static';

export interface Result {
  mode: Mode;
  /** Building the bare document: JS, and until the frame that shows it is done. */
  buildJs: number;
  buildShown: number;
  textHeight: number;
  /** The mode's own pass (ms from its start), when it ran. */
  js?: number;
  painted?: number;
  settled?: number;
  redraws?: number;
  longestTask?: number;
  highlighted?: number;
  anchored?: number;
  /** mutate-*: removing card-like elements one by one while 10,000 highlight ranges exist. */
  removed?: number;
  error?: string;
}

/** Elements shaped like the side panel's annotation cards (an article with a textarea and buttons). */
function cards(n: number): HTMLElement {
  const panel = document.createElement('aside');
  for (let i = 0; i < n; i++) {
    const card = document.createElement('article');
    card.innerHTML = '<blockquote>quote</blockquote><div><span>code</span><button>Edit codes</button></div><label><span>Comment</span><textarea rows="2"></textarea></label><footer><span>Saved</span><button>Delete</button></footer>';
    panel.append(card);
  }
  return panel;
}

declare global {
  interface Window {
    bench: { run(mode: Mode): Promise<Result> };
    benchReady: boolean;
  }
}

/** Resolves once the next frame has been produced (after its rAF callbacks, style, layout, paint). */
function frameDone(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const longTasks: { start: number; duration: number }[] = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // no long-task timing in this browser: longestTask stays undefined
}
const longestTaskSince = (t: number) => longTasks.filter((l) => l.start + l.duration >= t).reduce((m, l) => Math.max(m, l.duration), 0);

/** Recogito counts UTF-16 units of the container's text (the paragraphs, without line breaks). */
function containerOffsets(paragraphs: readonly Paragraph[]) {
  const before: number[] = [];
  let sum = 0;
  for (const p of paragraphs) {
    before.push(sum);
    sum += p.text.length;
  }
  return (u: number): number => {
    let lo = 0;
    let hi = paragraphs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (paragraphs[mid]!.start <= u) lo = mid;
      else hi = mid - 1;
    }
    const p = paragraphs[lo]!;
    return before[lo]! + Math.max(0, Math.min(u, p.end) - p.start);
  };
}

async function run(mode: Mode): Promise<Result> {
  const data = (await (await fetch('./data.json')).json()) as Data;
  if (data.width) document.documentElement.style.setProperty('--text-width', `${data.width}px`);
  await document.fonts.load('18px "Source Serif 4 Variable"');
  await document.fonts.load('14px "Inter Variable"');
  await frameDone();

  // Building the bare document, as the app's ArticleText does: one <p> of one text node per paragraph.
  const container = document.getElementById('text')!;
  const b0 = performance.now();
  const paragraphs = splitParagraphs(data.text);
  const fragment = document.createDocumentFragment();
  paragraphs.forEach((p, i) => {
    const el = document.createElement('p');
    el.dataset.paragraph = String(i);
    el.textContent = p.text;
    fragment.append(el);
  });
  container.append(fragment);
  const map = new ArticleMap(data.text, paragraphs, []);
  for (const p of container.querySelectorAll('p')) map.nodes.push(p.firstChild as Text);
  const b1 = performance.now();
  const b2 = await frameDone();
  const result: Result = { mode, buildJs: b1 - b0, buildShown: b2 - b0, textHeight: container.getBoundingClientRect().height };
  if (mode === 'build') return result;
  // Let the page settle before the timed pass.
  await sleep(150);
  await frameDone();
  await frameDone();

  const colorOf = (code: unknown) => data.colors[String(code)] ?? '#78716c';
  const { spans } = data;

  if (mode === 'mutate-live' || mode === 'mutate-static') {
    // The same 10,000 spans as live Ranges or as StaticRanges (which the app paints, for this
    // reason), then the cost of removing 1,000 card-like elements elsewhere in the page, one by
    // one (as React does).
    const ranges: AbstractRange[] = [];
    if (mode === 'mutate-live') {
      for (const s of spans) {
        const r = map.range(s.start, s.end);
        if (r) ranges.push(r);
      }
    } else {
      const at = (cp: number, isEnd: boolean) => {
        const u = map.index.toUtf16(cp);
        let i = 0;
        let hi = paragraphs.length - 1;
        while (i < hi) {
          const mid = (i + hi + 1) >> 1;
          if (paragraphs[mid]!.start <= u) i = mid;
          else hi = mid - 1;
        }
        const p = paragraphs[i]!;
        if (!isEnd && u >= p.end && i + 1 < paragraphs.length) return { node: map.nodes[i + 1]!, offset: 0 };
        return { node: map.nodes[i]!, offset: Math.max(0, Math.min(p.end, u) - p.start) };
      };
      for (const s of spans) {
        const a = at(s.start, false);
        const b = at(s.end, true);
        ranges.push(new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset }));
      }
    }
    CSS.highlights.set('bench', new Highlight(...ranges));
    const panel = cards(1000);
    document.body.append(panel);
    await frameDone();
    await frameDone();
    const t0 = performance.now();
    while (panel.lastChild) panel.removeChild(panel.lastChild);
    return { ...result, removed: performance.now() - t0, highlighted: ranges.length };
  }

  if (mode === 'css') {
    const t0 = performance.now();
    const ranges: Range[] = [];
    for (const s of spans) {
      const r = map.range(s.start, s.end);
      if (r) ranges.push(r);
    }
    CSS.highlights.set('bench', new Highlight(...ranges));
    const t1 = performance.now();
    const t2 = await frameDone();
    return { ...result, js: t1 - t0, painted: t2 - t0, settled: t2 - t0, longestTask: longestTaskSince(t0), highlighted: ranges.length, anchored: ranges.length };
  }

  const offsetOf = containerOffsets(paragraphs);
  const id = (n: number) => `a${n}`;
  // The W3C form as a server would hand it over (built before the clock starts).
  const w3c =
    mode === 'w3c'
      ? spans.map((s, n) => {
          const start = offsetOf(map.index.toUtf16(s.start));
          const end = offsetOf(map.index.toUtf16(s.end));
          return {
            '@context': 'http://www.w3.org/ns/anno.jsonld',
            id: id(n),
            type: 'Annotation',
            body: s.codeIds.map((c) => ({ type: 'TextualBody', purpose: 'tagging', value: String(c) })),
            target: {
              source: 'bench',
              selector: [
                { type: 'TextQuoteSelector', exact: s.exact, prefix: s.prefix, suffix: s.suffix },
                { type: 'TextPositionSelector', start, end },
              ],
            },
          };
        })
      : [];

  let redraws = 0;
  let firstPaint: number | null = null;
  let lastRedraw = 0;
  const t0 = performance.now();
  let js = 0;
  try {
    const style = (annotation: { bodies: { value?: string }[] }) => ({ fill: colorOf(annotation.bodies[0]?.value), fillOpacity: 0.26 });
    if (mode === 'w3c') {
      const anno = createTextAnnotator(container, { adapter: W3CTextFormat('bench', container), renderer: 'CSS_HIGHLIGHTS', style: style as never });
      anno.renderer.on('onRedraw', () => {
        redraws++;
        lastRedraw = performance.now();
        if (firstPaint === null && CSS.highlights.size > 0) firstPaint = lastRedraw;
      });
      // setAnnotations(list) would replace through the core store, which skips the text annotator's
      // range revival: nothing would be painted. replace=false goes through bulkUpsertAnnotations,
      // which revives each annotation's TextPositionSelector into a DOM Range.
      anno.setAnnotations(w3c as never, false);
      js = performance.now() - t0;
      (window as unknown as { anno: unknown }).anno = anno;
    } else {
      const annotations = spans.map((s, n) => {
        const range = map.range(s.start, s.end)!;
        return {
          id: id(n),
          bodies: s.codeIds.map((c, k) => ({ id: `${id(n)}b${k}`, annotation: id(n), purpose: 'tagging', value: String(c) })),
          target: { annotation: id(n), selector: [{ quote: s.exact, start: offsetOf(map.index.toUtf16(s.start)), end: offsetOf(map.index.toUtf16(s.end)), range }] },
        };
      });
      const anno = createTextAnnotator(container, { renderer: 'CSS_HIGHLIGHTS', style: style as never });
      anno.renderer.on('onRedraw', () => {
        redraws++;
        lastRedraw = performance.now();
        if (firstPaint === null && CSS.highlights.size > 0) firstPaint = lastRedraw;
      });
      anno.setAnnotations(annotations as never);
      js = performance.now() - t0;
      (window as unknown as { anno: unknown }).anno = anno;
    }
  } catch (error) {
    return { ...result, error: `threw: ${(error as Error).message}` };
  }
  // Painted: its first redraw that put highlights on the page. Settled: no redraw for 400 ms.
  const deadline = performance.now() + 90_000;
  while (firstPaint === null && performance.now() < deadline) await sleep(5);
  if (firstPaint === null) return { ...result, js, redraws, error: 'no highlight was painted within 90 s' };
  while (performance.now() - Math.max(lastRedraw, firstPaint) < 400) await sleep(20);

  // Check the result: how many of the 10,000 passages it holds with a range over the right text.
  const anno = (window as unknown as { anno: { state: { store: { all(): { target: { selector: { range?: Range }[] } }[] } } } }).anno;
  const all = anno.state.store.all();
  const exact = new Map(spans.map((s, n) => [id(n), s.exact]));
  let anchored = 0;
  for (const a of all as unknown as { id: string; target: { selector: { range?: Range }[] } }[]) {
    const r = a.target.selector[0]?.range;
    // A range's text has no line breaks (they separate paragraphs and are not rendered).
    if (r && !r.collapsed && r.toString() === exact.get(a.id)?.replace(/\r\n|\n|\r/g, '')) anchored++;
  }
  let highlighted = 0;
  for (const [, h] of CSS.highlights) highlighted += h.size;
  return {
    ...result,
    js,
    painted: firstPaint - t0,
    settled: lastRedraw - t0,
    redraws,
    longestTask: longestTaskSince(t0),
    highlighted,
    anchored,
  };
}

window.bench = { run };
window.benchReady = true;
