import { describe, expect, it } from 'vitest';
import { compareDay } from './timestampColumn';

describe('filtering a timestamp column by day', () => {
  const day = new Date(2026, 10, 28); // local midnight, as the grid's date filter gives it
  const at = (h: number, m = 0) => new Date(2026, 10, 28, h, m).toISOString();

  it('counts every moment of the chosen day as that day', () => {
    expect(compareDay(day, at(0))).toBe(0);
    expect(compareDay(day, at(23, 59))).toBe(0);
  });

  it('puts the days before and after on their side', () => {
    expect(compareDay(day, new Date(2026, 10, 27, 23, 59).toISOString())).toBe(-1);
    expect(compareDay(day, new Date(2026, 10, 29, 0, 1).toISOString())).toBe(1);
  });
});
