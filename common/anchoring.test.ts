import { describe, expect, it } from 'vitest';
import { anchor, anchorAll, type Selector } from './anchoring';
import { CodePointIndex, describePassage } from './text';

/** The selector an annotation on `exact` (its n-th occurrence) in `text` would have stored. */
function annotate(text: string, exact: string, occurrence = 0): Selector {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(exact, at + 1);
    if (at === -1) throw new Error(`"${exact}" does not occur ${occurrence + 1} times`);
  }
  const index = new CodePointIndex(text);
  const start = index.toCodePoint(at);
  return describePassage(index, start, start + [...exact].length);
}

const REPORT = [
  'Field report, third week of March.',
  'The delegation arrived at the border crossing before dawn and was held for four hours.',
  'Officials cited paperwork irregularities, but no documents were ever requested.',
  'Later that morning the convoy was allowed through without explanation.',
  'Witnesses described the mood in the town as tense but calm.',
].join('\n');

describe('re-anchoring annotations after the text changes', () => {
  it('anchors every annotation at the same offsets when the text is unchanged', () => {
    const selectors = [
      annotate(REPORT, 'Field report'),
      annotate(REPORT, 'held for four hours'),
      annotate(REPORT, 'no documents were ever requested'),
      annotate(REPORT, 'tense but calm.'),
    ];
    const index = new CodePointIndex(REPORT);
    const results = anchorAll(index, selectors);
    expect(results).toEqual(selectors.map((s) => ({ state: 'anchored', start: s.start, end: s.end })));
    // A plain string works too.
    expect(anchor(REPORT, selectors[1]!)).toEqual({ state: 'anchored', start: selectors[1]!.start, end: selectors[1]!.end });
  });

  it('follows a passage when text is inserted before it', () => {
    const sel = annotate(REPORT, 'no documents were ever requested');
    const inserted = 'Summary: nothing of note.\n';
    const edited = inserted + REPORT;
    const result = anchor(edited, sel);
    expect(result).toEqual({ state: 'anchored', start: sel.start + inserted.length, end: sel.end + inserted.length });
    expect(new CodePointIndex(edited).slice(result.start, result.end)).toBe('no documents were ever requested');
  });

  it('picks the occurrence of a repeated quote whose context matches', () => {
    const text =
      'The minister said the talks failed. Later, the envoy said the talks failed. Finally the press said the talks failed.';
    const sel = annotate(text, 'the talks failed', 1); // the envoy's
    // Shift everything so the position check fails, and move a new occurrence close to the old offset.
    const edited = 'Update: the talks failed. ' + text;
    const result = anchor(edited, sel);
    expect(result.state).toBe('anchored');
    const index = new CodePointIndex(edited);
    expect(index.slice(result.start, result.end)).toBe('the talks failed');
    expect(index.slice(result.start - 'envoy said '.length, result.start)).toBe('envoy said ');
  });

  it('prefers the occurrence nearest the old offset when contexts tie', () => {
    const text = 'alpha beta gamma. alpha beta gamma. alpha beta gamma.';
    const sel: Selector = { start: 24, end: 28, exact: 'beta', prefix: 'zzz', suffix: 'yyy' };
    // "beta" is at 6, 24 and 42; with one character prepended it is at 7, 25 and 43.
    const result = anchor('x' + text, sel);
    expect(result).toEqual({ state: 'anchored', start: 25, end: 29 });
  });

  it('re-anchors fuzzily when a word inside the passage was changed', () => {
    const passage = 'The delegation arrived at the border crossing before dawn';
    const sel = annotate(REPORT, passage);
    const edited = REPORT.replace('border crossing', 'frontier crossing');
    const result = anchor(edited, sel);
    expect(result.state).toBe('fuzzy');
    expect(new CodePointIndex(edited).slice(result.start, result.end)).toBe(
      'The delegation arrived at the frontier crossing before dawn',
    );
  });

  it('reports a deleted passage as orphaned, keeping its old offsets', () => {
    const line = 'Officials cited paperwork irregularities, but no documents were ever requested.';
    const sel = annotate(REPORT, 'paperwork irregularities, but no documents');
    const edited = REPORT.replace(line + '\n', '');
    expect(anchor(edited, sel)).toEqual({ state: 'orphaned', start: sel.start, end: sel.end });
  });

  it('does not fuzzy-match quotes shorter than four characters', () => {
    const sel = annotate('We met at noon.', 'met');
    expect(anchor('We mat at noon.', sel)).toEqual({ state: 'orphaned', start: sel.start, end: sel.end });
  });

  it('counts offsets in code points when non-BMP and non-Latin text precedes the passage', () => {
    const text = 'Greeting 👋🏽 from 김정은 and Владимир Путин: the summit is postponed.';
    const sel = annotate(text, 'the summit is postponed');
    const index = new CodePointIndex(text);
    expect(index.slice(sel.start, sel.end)).toBe('the summit is postponed');
    expect(sel.start).toBe(text.indexOf('the summit') - 2); // two surrogate pairs before it

    // Unchanged.
    expect(anchor(index, sel)).toEqual({ state: 'anchored', start: sel.start, end: sel.end });

    // More astral characters inserted before (four regional indicators, 8 UTF-16 units, and a
    // space): exact match, shifted by 5 code points.
    const edited = '🇰🇵🇷🇺 ' + text;
    const moved = anchor(edited, sel);
    expect(moved).toEqual({ state: 'anchored', start: sel.start + 5, end: sel.end + 5 });
    expect(new CodePointIndex(edited).slice(moved.start, moved.end)).toBe('the summit is postponed');

    // Inserted before and edited inside: fuzzy, still in code points.
    const fuzzed = edited.replace('is postponed', 'was postponed');
    const fuzzy = anchor(fuzzed, sel);
    expect(fuzzy.state).toBe('fuzzy');
    expect(new CodePointIndex(fuzzed).slice(fuzzy.start, fuzzy.end)).toBe('the summit was postponed');
  });

  it('anchors a quote made of non-BMP and non-Latin characters', () => {
    const text = 'Reaction: 👋🏽 김정은 met Путин 🤝 today.';
    const sel = annotate(text, '김정은 met Путин 🤝');
    const edited = 'Note. ' + text;
    const result = anchor(edited, sel);
    expect(result).toEqual({ state: 'anchored', start: sel.start + 6, end: sel.end + 6 });
    expect(new CodePointIndex(edited).slice(result.start, result.end)).toBe('김정은 met Путин 🤝');
  });

  it('never splits a surrogate pair when a fuzzy match ends inside an emoji', () => {
    const text = 'Summit closing: Ким met Путин 🤝';
    const sel = annotate(text, 'Ким met Путин 🤝');
    const edited = 'Summit closing: Ким met Путин 🤜'; // same high surrogate, different low one
    const result = anchor(edited, sel);
    expect(result.state).toBe('fuzzy');
    expect(new CodePointIndex(edited).slice(result.start, result.end)).toBe('Ким met Путин 🤜');
  });

  it('works with CRLF line endings', () => {
    const crlf = REPORT.replaceAll('\n', '\r\n');
    const passage = 'held for four hours.\r\nOfficials cited paperwork';
    const sel = annotate(crlf, passage);
    expect(anchor(crlf, sel)).toEqual({ state: 'anchored', start: sel.start, end: sel.end });

    const inserted = 'Header line\r\n\r\n';
    const edited = inserted + crlf;
    const result = anchor(edited, sel);
    expect(result).toEqual({ state: 'anchored', start: sel.start + inserted.length, end: sel.end + inserted.length });
    expect(new CodePointIndex(edited).slice(result.start, result.end)).toBe(passage);
  });

  it('finds a passage spanning a line break after the text is converted from LF to CRLF', () => {
    const passage = 'held for four hours.\nOfficials cited paperwork';
    const sel = annotate(REPORT, passage);
    const crlf = REPORT.replaceAll('\n', '\r\n');
    const result = anchor(crlf, sel);
    expect(result.state).toBe('fuzzy');
    expect(new CodePointIndex(crlf).slice(result.start, result.end)).toBe('held for four hours.\r\nOfficials cited paperwork');
  });

  it('treats out-of-range or empty selectors sensibly', () => {
    const sel = annotate(REPORT, 'tense but calm');
    const short = 'Witnesses described the mood as tense but calm.';
    // Stored offsets now lie past the end of the text: found by quote.
    expect(anchor(short, sel)).toEqual({ state: 'anchored', start: short.indexOf('tense'), end: short.indexOf('tense') + 14 });
    const empty: Selector = { start: 3, end: 3, exact: '', prefix: '', suffix: '' };
    expect(anchor(REPORT, empty)).toEqual({ state: 'orphaned', start: 3, end: 3 });
  });

  it('never anchors a passage of only white space: a blank quote, or a fuzzy match that finds only spaces', () => {
    const gap = REPORT.indexOf('\n');
    // A line break, still at its offsets: there is nothing to see or click, so it is an orphan.
    const lineBreak: Selector = { start: gap, end: gap + 1, exact: '\n', prefix: '', suffix: '' };
    expect(anchor(REPORT, lineBreak)).toEqual({ state: 'orphaned', start: gap, end: gap + 1 });
    // One letter and three spaces: with one error allowed, four spaces would match it.
    const spaces = 'Talks     resumed.';
    const almost: Selector = { start: 40, end: 44, exact: 'x   ', prefix: '', suffix: '' };
    expect(anchor(spaces, almost).state).toBe('orphaned');
  });

  // Speed is measured in `npm run bench`; this checks that the many-annotation path is right.
  it('re-anchors 10,000 position-unchanged annotations in a 1 MB text in place', () => {
    const sentence = 'Kim 👋🏽 met the delegation at the border crossing before dawn; nothing else happened. ';
    const text = sentence.repeat(Math.ceil(1_000_000 / sentence.length));
    const index = new CodePointIndex(text);
    const selectors: Selector[] = [];
    const step = Math.floor((index.length - 100) / 10_000);
    for (let i = 0; i < 10_000; i++) selectors.push(describePassage(index, i * step, i * step + 40));
    const results = anchorAll(index, selectors);
    expect(results.every((r, i) => r.state === 'anchored' && r.start === selectors[i]!.start)).toBe(true);
  });
});
