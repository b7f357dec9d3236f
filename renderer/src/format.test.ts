import { describe, expect, it } from 'vitest';
import { formatDay, formatTimestamp } from './format';

const AT = '2026-11-28T07:30:12.345Z';
const utc = { timeZone: 'UTC' };

describe('a moment as a person reads it', () => {
  it('is day, short month, year and time, in the reader’s language', () => {
    expect(formatTimestamp(AT, { locale: 'en-GB', ...utc })).toBe('28 Nov 2026, 07:30');
    expect(formatTimestamp(AT, { locale: 'en-US', ...utc })).toBe('Nov 28, 2026, 7:30 AM');
    expect(formatTimestamp(AT, { locale: 'de-DE', ...utc })).toBe('28. Nov. 2026, 07:30');
  });

  it('is in the reader’s time zone', () => {
    expect(formatTimestamp(AT, { locale: 'en-GB', timeZone: 'Asia/Seoul' })).toBe('28 Nov 2026, 16:30');
  });

  it('has seconds where moments a minute apart must be told apart', () => {
    expect(formatTimestamp(AT, { locale: 'en-GB', seconds: true, ...utc })).toBe('28 Nov 2026, 07:30:12');
  });

  it('can be the day alone, written the same way', () => {
    expect(formatDay(AT, { locale: 'en-GB', ...utc })).toBe('28 Nov 2026');
  });

  it('is empty when there is no moment, or none that can be read', () => {
    expect(formatTimestamp(null)).toBe('');
    expect(formatTimestamp('')).toBe('');
    expect(formatTimestamp('last Sunday')).toBe('');
  });
});

describe('counts written without Intl', () => {
  it('groups thousands as the article header shows them', async () => {
    const { formatCount } = await import('./intlReady');
    expect([0, 7, 999, 1000, 10_000, 1_038_910].map(formatCount)).toEqual(['0', '7', '999', '1,000', '10,000', '1,038,910']);
  });
});
