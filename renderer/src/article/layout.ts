// The article as paragraphs of plain text nodes, and the mapping between the store's code-point
// offsets and DOM positions. Line breaks (LF, CRLF or CR) separate paragraphs and are not rendered,
// so offsets stay right whatever line ends the text has.
import { CodePointIndex, isBlank } from '../../../common/text';

export interface Paragraph {
  /** UTF-16 offsets into the document text. */
  start: number;
  end: number;
  text: string;
}

export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > start) out.push({ start, end: m.index, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length, text: text.slice(start) });
  return out;
}

export class ArticleMap {
  readonly index: CodePointIndex;
  private readonly starts: number[];

  constructor(
    text: string,
    readonly paragraphs: readonly Paragraph[],
    /** The text node of each paragraph, in order (filled in once rendered). */
    readonly nodes: Text[],
  ) {
    this.index = new CodePointIndex(text);
    this.starts = paragraphs.map((p) => p.start);
  }

  /** The paragraph holding UTF-16 offset u (or, between paragraphs, the next one). */
  private paragraphAt(u: number, preferNext: boolean): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= u) lo = mid;
      else hi = mid - 1;
    }
    const p = this.paragraphs[lo]!;
    if (u > p.end || (preferNext && u === p.end && lo + 1 < this.paragraphs.length)) {
      return Math.min(lo + 1, this.paragraphs.length - 1);
    }
    return lo;
  }

  private position(u: number, isEnd: boolean): { node: Text; offset: number } | null {
    if (this.paragraphs.length === 0) return null;
    const i = this.paragraphAt(u, !isEnd);
    const p = this.paragraphs[i]!;
    const node = this.nodes[i];
    if (!node) return null;
    return { node, offset: Math.max(0, Math.min(p.end, u) - p.start) };
  }

  /** A DOM Range over code points [start, end), or null if the article is not rendered. */
  range(start: number, end: number): Range | null {
    const a = this.position(this.index.toUtf16(start), false);
    const b = this.position(this.index.toUtf16(end), true);
    if (!a || !b) return null;
    const range = new Range();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    return range;
  }

  private nodeIndex: Map<Node, number> | null = null;

  /**
   * The same passage as a StaticRange, for painting: the article's text nodes do not change while
   * this map is in use (a new text makes a new map, and its painter starts afresh), and
   * unlike a live Range a StaticRange is not updated by the browser on every change elsewhere in
   * the page (with 10,000 highlights, live Ranges made each card added to the side panel slow).
   */
  staticRange(start: number, end: number): StaticRange | null {
    const a = this.position(this.index.toUtf16(start), false);
    const b = this.position(this.index.toUtf16(end), true);
    if (!a || !b) return null;
    return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
  }

  /** Code-point offset of a DOM position inside the article, or null if it lies outside. */
  offsetOf(node: Node, offset: number): number | null {
    // Built once the text is rendered: a 1 MB article has thousands of paragraphs.
    if (!this.nodeIndex || this.nodeIndex.size !== this.nodes.length) this.nodeIndex = new Map(this.nodes.map((n, k) => [n, k]));
    const i = this.nodeIndex.get(node) ?? -1;
    if (i >= 0) return this.index.toCodePoint(this.paragraphs[i]!.start + offset);
    // A position on an element (a paragraph or the container): resolve to a text boundary.
    const el = node as Element;
    const p = el.closest?.('[data-paragraph]');
    if (p) {
      const k = Number((p as HTMLElement).dataset.paragraph);
      const para = this.paragraphs[k]!;
      return this.index.toCodePoint(offset === 0 ? para.start : para.end);
    }
    return null;
  }

  /** The code-point range of a DOM selection's range, or null if it is not inside the article. */
  selection(range: Range): { start: number; end: number } | null {
    const start = this.offsetOf(range.startContainer, range.startOffset);
    const end = this.offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    // A drag across the gap between paragraphs selects only a line break: nothing to code.
    if (isBlank(this.index.slice(start, end))) return null;
    return { start, end };
  }
}
