// Re-anchoring of annotations after the document text changes, as Hypothesis does it: try the
// stored position first, then the exact quote, then an approximate match of the quote scored
// with its context. Whatever cannot be found is reported as orphaned, never dropped.
//
// Selectors count Unicode code points (W3C Web Annotation); JavaScript strings and
// approx-string-match count UTF-16 code units. The search runs on UTF-16 offsets and the
// result is converted back through a CodePointIndex.

import search from 'approx-string-match';
import { CodePointIndex, codePointLength, isBlank } from './text';

export type AnchorState = 'anchored' | 'fuzzy' | 'orphaned';

/** A TextPositionSelector and a TextQuoteSelector of one annotation, against the old text. */
export interface Selector {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/** Where the annotation lies in the new text, in code points. Orphans keep their old offsets. */
export interface AnchorResult {
  state: AnchorState;
  start: number;
  end: number;
}

/** Quotes shorter than this (in code points) are only matched exactly. */
const MIN_FUZZY_QUOTE = 4;
/** Upper bound on the errors allowed in a fuzzy quote match. */
const MAX_FUZZY_ERRORS = 256;

// Weights of the fuzzy-match score (the ones Hypothesis uses in match-quote).
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;

/**
 * Finds a selector in `text`. Pass a prebuilt CodePointIndex when anchoring many selectors
 * against the same text (or use anchorAll): a string is indexed on every call, which is O(n).
 */
export function anchor(text: string | CodePointIndex, selector: Selector): AnchorResult {
  const index = typeof text === 'string' ? new CodePointIndex(text) : text;
  const { start, end, exact } = selector;
  const orphaned: AnchorResult = { state: 'orphaned', start, end };
  // An empty quote, or one of only white space, says nothing about where the passage is (and the
  // store holds no passage of only white space: there would be nothing to see or click).
  if (isBlank(exact)) return orphaned;

  // 1. Position: the quote is still at the stored offsets.
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= index.length) {
    const u0 = index.toUtf16(start);
    const u1 = index.toUtf16(end);
    if (u1 - u0 === exact.length && index.text.startsWith(exact, u0)) return { state: 'anchored', start, end };
  }

  const hint = positionHint(index, start);

  // 2. Exact quote elsewhere, chosen by context and then by closeness to the old start.
  const exactAt = findExact(index.text, selector, hint);
  if (exactAt !== null) {
    return { state: 'anchored', ...toCodePoints(index, exactAt, exactAt + exact.length) };
  }

  // 3. Approximate match of the quote, scored with its context and position.
  const quoteLength = codePointLength(exact);
  if (quoteLength < MIN_FUZZY_QUOTE) return orphaned;
  const maxErrors = Math.max(1, Math.min(MAX_FUZZY_ERRORS, Math.floor(quoteLength / 4)));
  const fuzzy = findFuzzy(index.text, selector, maxErrors, hint);
  if (fuzzy !== null && !isBlank(index.text.slice(fuzzy.start, fuzzy.end))) return { state: 'fuzzy', ...toCodePoints(index, fuzzy.start, fuzzy.end) };

  // 4. Not found.
  return orphaned;
}

/** Anchors many selectors against one text, indexing the text once. */
export function anchorAll(text: string | CodePointIndex, selectors: readonly Selector[]): AnchorResult[] {
  const index = typeof text === 'string' ? new CodePointIndex(text) : text;
  return selectors.map((s) => anchor(index, s));
}

/** The old start as a UTF-16 offset in the new text, clamped to it (for proximity scoring). */
function positionHint(index: CodePointIndex, start: number): number {
  const cp = Number.isFinite(start) ? Math.min(Math.max(0, Math.trunc(start)), index.length) : 0;
  return index.toUtf16(cp);
}

/**
 * Converts a UTF-16 range to code points, widening it to whole code points if an end falls
 * inside a surrogate pair (a fuzzy match may start or stop halfway through an emoji).
 */
function toCodePoints(index: CodePointIndex, u0: number, u1: number): { start: number; end: number } {
  const start = index.toCodePoint(u0);
  let end = index.toCodePoint(u1);
  if (index.toUtf16(end) < u1) end += 1;
  return { start, end: Math.max(end, start) };
}

/** How many code units at the end of `a` equal the end of `b`. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** How many code units at the start of `a` equal the start of `b`. */
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/**
 * UTF-16 start of the best exact occurrence of the quote: the most context characters matching
 * (prefix just before, suffix just after), then the nearest to `hint`. Null if there is none.
 */
function findExact(text: string, selector: Selector, hint: number): number | null {
  const { exact, prefix, suffix } = selector;
  let best: number | null = null;
  let bestContext = -1;
  let bestDistance = Infinity;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const before = text.slice(Math.max(0, at - prefix.length), at);
    const afterStart = at + exact.length;
    const after = text.slice(afterStart, afterStart + suffix.length);
    const context = commonSuffix(before, prefix) + commonPrefix(after, suffix);
    const distance = Math.abs(at - hint);
    if (context > bestContext || (context === bestContext && distance < bestDistance)) {
      best = at;
      bestContext = context;
      bestDistance = distance;
    }
  }
  return best;
}

/** Similarity in [0, 1] of `str` to its best approximate match in `text` (1 = found as is). */
function similarity(text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0;
  if (text.includes(str)) return 1;
  const [match] = search(text, str, str.length);
  if (match === undefined) return 0;
  return Math.max(0, 1 - match.errors / str.length);
}

/** The best-scoring approximate match of the quote in UTF-16 offsets, or null if none is close enough. */
function findFuzzy(
  text: string,
  selector: Selector,
  maxErrors: number,
  hint: number,
): { start: number; end: number } | null {
  const { exact, prefix, suffix } = selector;
  const matches = search(text, exact, maxErrors);
  let best: { start: number; end: number } | null = null;
  let bestScore = -Infinity;
  for (const m of matches) {
    if (m.end <= m.start) continue;
    const quoteScore = 1 - m.errors / exact.length;
    // A missing prefix/suffix (passage at the start/end of the text) neither helps nor hurts.
    const prefixScore = prefix.length > 0 ? similarity(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix) : 1;
    const suffixScore = suffix.length > 0 ? similarity(text.slice(m.end, m.end + suffix.length), suffix) : 1;
    const positionScore = text.length > 0 ? 1 - Math.abs(m.start - hint) / text.length : 1;
    const score =
      QUOTE_WEIGHT * quoteScore +
      PREFIX_WEIGHT * prefixScore +
      SUFFIX_WEIGHT * suffixScore +
      POSITION_WEIGHT * positionScore;
    if (score > bestScore) {
      best = { start: m.start, end: m.end };
      bestScore = score;
    }
  }
  return best;
}
