import { describe, expect, it } from 'vitest';
import { titleAndText } from './importText';

const ARTICLE = 'Kim Jong Un arrives in Russia\n\nNorth Korean leader Kim Jong Un has arrived in Russia.\n\nPutin arrived in Vladivostok on Monday.';
const BODY = 'North Korean leader Kim Jong Un has arrived in Russia.\n\nPutin arrived in Vladivostok on Monday.';

describe('an imported article’s title', () => {
  it('is the pasted text’s first line, which is then not repeated as the first paragraph', () => {
    expect(titleAndText(ARTICLE, undefined)).toEqual({ title: 'Kim Jong Un arrives in Russia', text: BODY });
    expect(titleAndText(`\n  \n${ARTICLE}`, undefined)).toEqual({ title: 'Kim Jong Un arrives in Russia', text: BODY });
    expect(titleAndText('# Kim Jong Un arrives in Russia\r\n\r\nFirst line.\r\nSecond line.', undefined)).toEqual({ title: 'Kim Jong Un arrives in Russia', text: 'First line.\r\nSecond line.' });
  });

  it('typed as the first line (give or take case, spaces or a Markdown #) is said once, in a file too', () => {
    expect(titleAndText(ARTICLE, 'Kim Jong Un arrives in Russia')).toEqual({ title: 'Kim Jong Un arrives in Russia', text: BODY });
    expect(titleAndText(ARTICLE, '  kim jong un  arrives in RUSSIA ')).toEqual({ title: 'kim jong un  arrives in RUSSIA', text: BODY });
    expect(titleAndText(`## Kim Jong Un arrives in Russia\n${BODY}`, 'Kim Jong Un arrives in Russia', 'summit')).toEqual({ title: 'Kim Jong Un arrives in Russia', text: BODY });
  });

  it('typed as something else leaves the text as it is', () => {
    expect(titleAndText(ARTICLE, 'Summit report')).toEqual({ title: 'Summit report', text: ARTICLE });
  });

  it('of a file is its name unless one is typed, and the text keeps its first line', () => {
    expect(titleAndText(ARTICLE, undefined, 'kim putin summit')).toEqual({ title: 'kim putin summit', text: ARTICLE });
  });

  it('is never the whole text: a single line, or a first line too long to be a title, stays in the text', () => {
    expect(titleAndText('Kim met Putin.', undefined)).toEqual({ title: 'Kim met Putin.', text: 'Kim met Putin.' });
    expect(titleAndText('Kim met Putin.', 'Kim met Putin.')).toEqual({ title: 'Kim met Putin.', text: 'Kim met Putin.' });
    const lede = `${'North Korean leader Kim Jong Un has arrived in Russia for a summit, '.repeat(4)}state media said.`;
    const long = titleAndText(`${lede}\n\nMore.`, undefined);
    expect(long.text).toBe(`${lede}\n\nMore.`);
    // Cut at a word: “…has arrived in Russia for a…”, not in the middle of one.
    expect(long.title.length).toBeLessThanOrEqual(120);
    expect(long.title).toMatch(/ \w+…$/);
    expect(lede.startsWith(long.title.slice(0, -1))).toBe(true);
    expect(lede.charAt(long.title.length - 1)).toBe(' ');
  });
});
