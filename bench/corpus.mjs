// The bench's scenario: a 1 MiB article built from the sentences of the shipped summit report
// (re-ordered, lightly varied, in paragraphs of 2-8 sentences), and 10,000 annotations spread over
// all of it, a tenth of them overlapping another. Deterministic: the same text and spans every run.
//
// Offsets are Unicode code points, as the store keeps them (W3C TextPositionSelector); exact,
// prefix and suffix (32 code points of context) are the TextQuoteSelector the store would write.
// A few paragraphs carry emoji (outside the BMP), so code points and UTF-16 units really differ.

export const TARGET_BYTES = 1024 * 1024;
export const ANNOTATIONS = 10_000;
export const OVERLAPPING = 1_000;
export const QUOTE_CONTEXT = 32;

/** mulberry32: a small seeded PRNG, so the scenario never changes between runs. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPENERS = ['', '', '', '', 'Separately, ', 'Meanwhile, ', 'Earlier, ', 'In a later briefing, ', 'According to officials, ', 'On the third day, ', 'By the evening, '];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const EMOJI_SENTENCES = [
  'State media posted the photos online under the caption “🇷🇺🤝🇰🇵 friendship”.',
  'A pinned post (📌) on the embassy’s channel repeated the itinerary.',
  'Commentators on Telegram marked the arrival with 🚂 and 🛰️.',
];

/** The article: paragraphs separated by line breaks (sometimes a blank line), about 1 MiB of UTF-8. */
export function buildText(source, seed = 20230913) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const sentences = source
    .split(/\r?\n/)
    .flatMap((line) => line.split(/(?<=[.!?”])\s+(?=[A-Z“])/))
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
  const vary = (s) => {
    let out = s.replace(/\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/g, () => pick(DAYS));
    const opener = pick(OPENERS);
    if (opener && /^[A-Z]/.test(out) && !/^(North|South|Russia|Kim|Putin|Vladimir|U\.)/.test(out)) out = opener + out[0].toLowerCase() + out.slice(1);
    else if (opener) out = opener + out;
    return out;
  };
  const paragraphs = [];
  let bytes = 0;
  let n = 0;
  while (bytes < TARGET_BYTES) {
    n++;
    const count = 2 + Math.floor(rand() * 7);
    const parts = [];
    for (let i = 0; i < count; i++) parts.push(vary(pick(sentences)));
    if (n % 47 === 0) parts.splice(1, 0, pick(EMOJI_SENTENCES));
    const p = parts.join(' ');
    const separator = paragraphs.length === 0 ? '' : n % 9 === 0 ? '\n\n' : '\n';
    paragraphs.push(separator + p);
    bytes += Buffer.byteLength(separator + p, 'utf8');
  }
  return paragraphs.join('');
}

/**
 * 10,000 spans over the text: 9,000 that never touch each other, one per equal slice of the text's
 * words, and 1,000 more that each start inside one of them and run past its end. Each has one code
 * (15% two), chosen among codeIds. Returns code-point offsets and the quote selectors.
 */
export function buildAnnotations(text, codeIds, seed = 7) {
  const rand = prng(seed);
  const cps = Array.from(text);
  // Words as [start, end) in code points, with their paragraph number.
  const words = [];
  let para = 0;
  let start = -1;
  for (let i = 0; i <= cps.length; i++) {
    const c = cps[i];
    const space = c === undefined || c === ' ' || c === '\n' || c === '\r' || c === '\t';
    if (!space && start < 0) start = i;
    if (space && start >= 0) {
      words.push({ start, end: i, para });
      start = -1;
    }
    if (c === '\n') para++;
  }
  const baseCount = ANNOTATIONS - OVERLAPPING;
  const base = [];
  for (let k = 0; k < baseCount; k++) {
    const lo = Math.floor((k * words.length) / baseCount);
    const hi = Math.floor(((k + 1) * words.length) / baseCount); // exclusive
    const slot = hi - lo;
    const len = Math.max(1, Math.min(slot - 1, 1 + Math.floor(rand() * 14)));
    const first = lo + Math.floor(rand() * Math.max(1, slot - len));
    let last = first + len - 1;
    while (last > first && words[last].para !== words[first].para) last--;
    base.push({ first, last });
  }
  const spans = base.map(({ first, last }) => ({ start: words[first].start, end: words[last].end }));
  const step = baseCount / OVERLAPPING;
  for (let k = 0; k < OVERLAPPING; k++) {
    const { first, last } = base[Math.floor(k * step + step / 2)];
    const from = last > first ? first + 1 + Math.floor(rand() * (last - first)) : first;
    let to = Math.min(words.length - 1, last + 1 + Math.floor(rand() * 6));
    while (to > last && words[to].para !== words[from].para) to--;
    if (to === last && from === first) to = Math.min(words.length - 1, last + 1); // still overlaps (contains it)
    spans.push({ start: words[from].start, end: words[to].end });
  }
  return spans.map((s, i) => {
    const codes = [codeIds[Math.floor(rand() * codeIds.length)]];
    if (rand() < 0.15) {
      const second = codeIds[Math.floor(rand() * codeIds.length)];
      if (second !== codes[0]) codes.push(second);
    }
    return {
      n: i,
      start: s.start,
      end: s.end,
      exact: cps.slice(s.start, s.end).join(''),
      prefix: cps.slice(Math.max(0, s.start - QUOTE_CONTEXT), s.start).join(''),
      suffix: cps.slice(s.end, Math.min(cps.length, s.end + QUOTE_CONTEXT)).join(''),
      codeIds: codes,
    };
  });
}

/** Counts how many spans overlap at least one other (sorted sweep). */
export function countOverlapping(spans) {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const hit = new Set();
  let open = [];
  for (const s of sorted) {
    open = open.filter((o) => o.end > s.start);
    for (const o of open) {
      hit.add(o);
      hit.add(s);
    }
    open.push(s);
  }
  return hit.size;
}
