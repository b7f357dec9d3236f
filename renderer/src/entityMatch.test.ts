import { describe, expect, it } from 'vitest';
import { matchEntities } from './entityMatch';

const entities = [
  { name: 'Kim Jong Un', aliases: ['Kim'] },
  { name: 'Kim-Putin meeting', aliases: ['the meeting'] },
  { name: 'Pak Jong Chon', aliases: [] },
  { name: 'U.S. officials', aliases: [] },
  { name: 'Vladimir Putin', aliases: ['Putin'] },
  { name: 'Vladivostok', aliases: [] },
];
const names = (text: string) => matchEntities(entities, text).map((e) => e.name);

describe('finding an entity by what is typed', () => {
  it('puts a name or alias that is the text first, then names starting with it, then words, then anywhere', () => {
    expect(names('Putin')).toEqual(['Vladimir Putin', 'Kim-Putin meeting']);
    expect(names('vlad')).toEqual(['Vladimir Putin', 'Vladivostok']);
    expect(names('kim')).toEqual(['Kim Jong Un', 'Kim-Putin meeting']);
    expect(names('jong')).toEqual(['Kim Jong Un', 'Pak Jong Chon']);
    expect(names('utin')).toEqual(['Kim-Putin meeting', 'Vladimir Putin']);
  });

  it('takes the typed text literally, and lists everything for nothing typed', () => {
    expect(names('U.S.')).toEqual(['U.S. officials']);
    expect(names('(')).toEqual([]);
    expect(names('  ')).toHaveLength(entities.length);
  });
});
