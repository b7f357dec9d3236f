import { describe, expect, it } from 'vitest';
import type { Fact } from '../../../electron/ipc/contract';
import { factIndex, storeSort, type FactPage, type StoreSort } from './factPosition';

function fact(id: number, patch: Partial<Fact> = {}): Fact {
  return {
    id,
    subjectId: 1,
    subject: 'Kim Jong Un',
    relation: 'met',
    objectId: null,
    object: 'Putin',
    time: null,
    placeId: null,
    place: null,
    sourceId: null,
    source: null,
    reliability: 'B',
    credibility: 2,
    status: 'reported',
    gradingNote: '',
    documentId: null,
    evidenceStart: null,
    evidenceEnd: null,
    evidenceExact: '',
    evidenceAnchor: 'anchored',
    created: '2026-01-01T00:00:00.000Z',
    updated: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

// SQLite's order, written independently of the code under test: NULL first, text by its UTF-8
// bytes, numbers by value, then the id.
const utf8 = new TextEncoder();
function bytes(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
function sqliteOrder(sort: readonly StoreSort[]) {
  return (a: Fact, b: Fact) => {
    for (const s of sort) {
      const x = a[s.field as keyof Fact];
      const y = b[s.field as keyof Fact];
      let c = 0;
      if (x === null || y === null) c = x === y ? 0 : x === null ? -1 : 1;
      else c = typeof x === 'number' ? x - (y as number) : bytes(String(x), String(y));
      if (c) return s.direction === 'desc' ? -c : c;
    }
    return a.id - b.id;
  };
}

/** A store of facts answering pages of one query, counting the requests. */
function store(facts: Fact[], sort: readonly StoreSort[], shown: (f: Fact) => boolean = () => true) {
  const sorted = facts.filter(shown).sort(sqliteOrder(sort));
  const requests: { offset: number; limit: number }[] = [];
  const page: FactPage = async ({ offset, limit, only }) => {
    requests.push({ offset, limit });
    const rows = only === undefined ? sorted : sorted.filter((f) => f.id === only);
    return { rows: rows.slice(offset, offset + limit), total: rows.length };
  };
  return { sorted, page, requests };
}

const subjects = ['Ōno', 'Zed', 'Ahn', 'Émile', '𝒳 (outside the BMP)', '\uFFFD', 'ahn', 'Kim Jong Un'];
const many = Array.from({ length: 2500 }, (_, i) =>
  fact(i + 1, { subject: subjects[i % subjects.length]!, time: i % 3 ? null : `2023-0${1 + (i % 9)}`, credibility: 1 + (i % 6), place: i % 4 ? `Place ${i % 17}` : null }),
);

describe('the row of a fact just added', () => {
  it('is the last row when the grid is not sorted, found in a few requests', async () => {
    const added = fact(2501);
    const { page, requests } = store([...many, added], []);
    expect(await factIndex(added, [], page)).toBe(2500);
    expect(requests.length).toBeLessThanOrEqual(3);
  });

  it.each<StoreSort[]>([
    [{ field: 'subject', direction: 'asc' }],
    [{ field: 'subject', direction: 'desc' }],
    [{ field: 'time', direction: 'asc' }],
    [{ field: 'time', direction: 'desc' }],
    [
      { field: 'credibility', direction: 'desc' },
      { field: 'place', direction: 'asc' },
    ],
  ])('is where the store sorts it (%o), found by binary search', async (...sort) => {
    for (const patch of [{ subject: 'Ahn' }, { subject: '\uFFFD' }, { subject: '𝒳 (outside the BMP)', time: '2023-05' }, { subject: 'Émile', credibility: 6, place: null }, { subject: 'Zzz', time: null }]) {
      const added = fact(2501, patch);
      const { sorted, page, requests } = store([...many, added], sort);
      expect(await factIndex(added, sort, page)).toBe(sorted.indexOf(added));
      // One row at a time, never the fallback window: the comparison agrees with the store's order.
      expect(requests.every((r) => r.limit === 1)).toBe(true);
      expect(requests.length).toBeLessThan(20);
    }
  });

  it('is reported hidden when the grid’s filter leaves it out', async () => {
    const added = fact(2501, { subject: 'Nobody' });
    const { page } = store([...many, added], [], (f) => f.subject !== 'Nobody');
    expect(await factIndex(added, [], page)).toBe('hidden');
  });
});

describe('the grid’s sort as the store takes it', () => {
  it('keeps the order of the sorted columns, and sorts Grade by reliability', () => {
    expect(storeSort([{ colId: 'grade', sort: 'desc' }, { colId: 'relation' }, { colId: 'time', sort: 'asc' }])).toEqual([
      { field: 'reliability', direction: 'desc' },
      { field: 'time', direction: 'asc' },
    ]);
    // Column state lists columns in their order on screen; the sort index says which sorts first.
    expect(storeSort([{ colId: 'time', sort: 'asc', sortIndex: 1 }, { colId: 'subject', sort: null, sortIndex: null }, { colId: 'grade', sort: 'desc', sortIndex: 0 }])).toEqual([
      { field: 'reliability', direction: 'desc' },
      { field: 'time', direction: 'asc' },
    ]);
  });
});
