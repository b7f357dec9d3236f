import { describe, expect, it } from 'vitest';
import { findMentions } from './mentions';

describe('entity mentions', () => {
  const entities = [
    { id: 1, names: ['Kim Jong Un', 'Kim'] },
    { id: 2, names: ['Kim Myong Sik'] },
    { id: 3, names: ['Putin'] },
  ];

  it('prefer the longest name and never overlap', () => {
    const found = findMentions('Kim Jong Un met Putin; Kim Myong Sik and Kim’s aides watched.', entities);
    expect(found.map((m) => [m.entityId, m.exact])).toEqual([
      [1, 'Kim Jong Un'],
      [3, 'Putin'],
      [2, 'Kim Myong Sik'],
      [1, 'Kim'],
    ]);
  });

  it('match whole words only, at code-point offsets', () => {
    expect(findMentions('Kimchi and Putinism', entities)).toEqual([]);
    const [m] = findMentions('👋 Putin', entities);
    expect(m).toMatchObject({ start: 2, end: 7 });
  });
});

describe('names of several words', () => {
  it('match in any case, as prose writes them', () => {
    const found = findMentions('Members of the ruling party and the Ruling Party itself.', [{ id: 7, names: ['Ruling party'] }]);
    expect(found.map((m) => m.exact)).toEqual(['ruling party', 'Ruling Party']);
  });
});
