// Offsets in the W3C Web Annotation model count Unicode code points; JavaScript strings and the
// DOM count UTF-16 code units. This module converts between the two and builds selectors.

/** Maps between code-point offsets and UTF-16 offsets of one text, in O(log n) per lookup. */
export class CodePointIndex {
  /** UTF-16 offsets at which a surrogate pair (a code point outside the BMP) starts. */
  private readonly astral: number[] = [];
  readonly length: number;
  readonly utf16Length: number;

  constructor(readonly text: string) {
    // A regular expression finds the pairs far faster than a loop over 1 MB of code units.
    const pairs = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
    for (let m = pairs.exec(text); m; m = pairs.exec(text)) this.astral.push(m.index);
    this.utf16Length = text.length;
    this.length = text.length - this.astral.length;
  }

  /** UTF-16 offset of the code point at `cp` (cp may equal length, for an end offset). */
  toUtf16(cp: number): number {
    if (this.astral.length === 0) return cp;
    // Count the astral code points that start before the result: find the largest k such that
    // astral[k] - k < cp (astral[k] - k is that pair's code-point offset).
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid]! - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }

  /** Code-point offset of UTF-16 offset `u` (an offset inside a surrogate pair rounds down). */
  toCodePoint(u: number): number {
    if (this.astral.length === 0) return u;
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    // lo pairs start before u; if u falls inside the last of them, round down to its start.
    if (lo > 0 && this.astral[lo - 1] === u - 1) return u - 1 - (lo - 1);
    return u - lo;
  }

  /** The text between two code-point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

/** Number of code points in a string. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** How many code points of context a TextQuoteSelector keeps on each side, as Hypothesis does. */
export const QUOTE_CONTEXT = 32;

export interface TextPositionSelector {
  start: number;
  end: number;
}

export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

export type Passage = TextPositionSelector & TextQuoteSelector;

/** True when a text has nothing but white space (spaces, tabs, line breaks) in it. */
export function isBlank(text: string): boolean {
  return !/\S/u.test(text);
}

/** Checks a code-point range against a text; returns a reason a person can act on, or null. */
export function rangeProblem(index: CodePointIndex, start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return 'The passage offsets must be whole numbers.';
  if (start < 0) return `The passage starts before the text (offset ${start}).`;
  if (end > index.length) return `The passage ends at ${end}, past the end of the text (${index.length} characters).`;
  if (end === start) return 'The passage is empty: select at least one character.';
  if (end < start) return `The passage is reversed (starts at ${start}, ends at ${end}).`;
  if (isBlank(index.slice(start, end))) return 'The passage is only white space (a line break or spaces): select some words.';
  return null;
}

/** Both selectors for a code-point range of a text; the range must be valid (see rangeProblem). */
export function describePassage(index: CodePointIndex, start: number, end: number): Passage {
  return {
    start,
    end,
    exact: index.slice(start, end),
    prefix: index.slice(Math.max(0, start - QUOTE_CONTEXT), start),
    suffix: index.slice(end, Math.min(index.length, end + QUOTE_CONTEXT)),
  };
}

/** Whitespace as JavaScript's \s knows it (spaces, tabs, line ends, no-break and typographic spaces). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The number of words (runs of non-space characters), without splitting a long text into strings. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/**
 * `text` on one line, cut to at most `max` characters at a word where it is too long, ending in
 * “…” (for titles and labels made from a passage: “in charge of munitions…”, not “…of munitio…”).
 * A first word longer than half of `max` is cut where it must be.
 */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
