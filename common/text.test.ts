import { describe, expect, it } from 'vitest';
import { CodePointIndex, codePointLength, describePassage, rangeProblem, countWords, shorten } from './text';

describe('code-point offsets', () => {
  const text = 'Ким 김정은 met 👋🏽 Putin in Владивосток\r\nnext line 🚂.';
  const index = new CodePointIndex(text);
  const points = [...text];

  it('count code points, not UTF-16 units', () => {
    expect(index.length).toBe(points.length);
    expect(codePointLength(text)).toBe(points.length);
    expect(index.length).toBeLessThan(text.length);
  });

  it('convert both ways at every position', () => {
    let u = 0;
    for (let cp = 0; cp <= points.length; cp++) {
      expect(index.toUtf16(cp)).toBe(u);
      expect(index.toCodePoint(u)).toBe(cp);
      u += points[cp]?.length ?? 0;
    }
  });

  it('slice by code points', () => {
    const start = points.indexOf('👋');
    expect(index.slice(start, start + 2)).toBe('👋🏽');
    const train = points.indexOf('🚂');
    expect(index.slice(train, train + 1)).toBe('🚂');
  });

  it('round an offset inside a surrogate pair down to the pair’s start', () => {
    const u = text.indexOf('🚂');
    expect(index.toCodePoint(u + 1)).toBe(index.toCodePoint(u));
  });

  it('keep combining marks as separate code points', () => {
    const decomposed = 'e\u0301te\u0301';
    expect(new CodePointIndex(decomposed).length).toBe(5);
    expect(new CodePointIndex(decomposed).slice(0, 2)).toBe('e\u0301');
  });
});

describe('passages', () => {
  const index = new CodePointIndex('Putin arrived in Vladivostok on Monday.');

  it('explain what is wrong with a bad range', () => {
    expect(rangeProblem(index, -1, 3)).toMatch(/before the text/);
    expect(rangeProblem(index, 0, 999)).toMatch(/past the end/);
    expect(rangeProblem(index, 5, 5)).toMatch(/empty/);
    expect(rangeProblem(index, 9, 4)).toMatch(/reversed/);
    expect(rangeProblem(index, 1.5, 4)).toMatch(/whole numbers/);
    expect(rangeProblem(index, 0, 5)).toBeNull();
    // Only the line breaks between two paragraphs, or spaces: nothing to code.
    const lines = new CodePointIndex('One.\r\n\r\nTwo. \t three');
    expect(rangeProblem(lines, 4, 8)).toMatch(/only white space/);
    expect(rangeProblem(lines, 12, 14)).toMatch(/only white space/);
    expect(rangeProblem(lines, 3, 9)).toBeNull();
  });

  it('carry both W3C selectors with context', () => {
    expect(describePassage(index, 17, 28)).toEqual({ start: 17, end: 28, exact: 'Vladivostok', prefix: 'Putin arrived in ', suffix: ' on Monday.' });
  });
});

describe('word counts', () => {
  it('counts runs of non-space characters as JavaScript splits on \\s', () => {
    const samples = ['', '   ', 'one', ' Kim  Jong\tUn\r\narrived\u00a0in Vladivostok. ', '김정은 위원장이 🚂 러시아에', 'a\u2003b\u3000c\ufeffd', 'line\u2028break'];
    for (const s of samples) expect(countWords(s)).toBe(s.split(/\s+/).filter(Boolean).length);
  });
});

describe('shorten', () => {
  it('keeps a short text whole, on one line', () => {
    expect(shorten('Kim met\n  Putin.', 60)).toBe('Kim met Putin.');
  });

  it('cuts a long one at a word, within the limit, ending in an ellipsis', () => {
    const quote = 'Kim is accompanied by Jo Chun Ryong, a ruling party official in charge of munitions policies';
    const short = shorten(quote, 60);
    expect(short).toBe('Kim is accompanied by Jo Chun Ryong, a ruling party…');
    expect(short.length).toBeLessThanOrEqual(60);
  });

  it('cuts a first word longer than half the limit where it must', () => {
    expect(shorten(`${'x'.repeat(50)} tail`, 20)).toBe(`${'x'.repeat(19)}…`);
  });
});
