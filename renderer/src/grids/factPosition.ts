// Where a fact stands in the Facts grid as it is sorted and filtered, so that a fact just added can
// be scrolled to. The grid loads its rows page by page from the store, which sorts them; here a few
// one-row pages from the same query find the fact's row by binary search, comparing rows the way
// SQLite orders them (NULL first, text by code point, then by id).
import type { Fact } from '../../../electron/ipc/contract';

export interface StoreSort {
  field: string;
  direction: 'asc' | 'desc';
}

/** One page of the grid's query (its quick filter, filters and sort); `only` narrows it to one fact. */
export type FactPage = (request: { offset: number; limit: number; only?: number }) => Promise<{ rows: Fact[]; total: number }>;

/**
 * The grid's sort (its sort model, or its column state with sort indexes) as the store takes it:
 * the Grade column sorts by reliability.
 */
export function storeSort(model: readonly { colId: string; sort?: 'asc' | 'desc' | null; sortIndex?: number | null }[]): StoreSort[] {
  return [...model]
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .flatMap((s) => (s.sort ? [{ field: s.colId === 'grade' ? 'reliability' : s.colId, direction: s.sort }] : []));
}

/** Text compared as SQLite's BINARY collation does (UTF-8 bytes, that is code points), not by UTF-16 unit. */
function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.codePointAt(i)! - b.codePointAt(i)!;
  }
  return a.length - b.length;
}

function compareValue(a: unknown, b: unknown): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1; // SQLite sorts numbers before text
  if (typeof b === 'number') return 1;
  return compareText(String(a), String(b));
}

/** The store's order: each sort key in turn, then the id. */
export function compareFacts(a: Fact, b: Fact, sort: readonly StoreSort[]): number {
  for (const s of sort) {
    const c = compareValue(a[s.field as keyof Fact], b[s.field as keyof Fact]);
    if (c !== 0) return s.direction === 'desc' ? -c : c;
  }
  return a.id - b.id;
}

/** How far either side of the searched row to look, should the comparison disagree with the store. */
const WINDOW = 500;

/**
 * The fact's row index in the grid's order; 'hidden' when the grid's filters leave it out, null
 * when it is not found (deleted, or the store changed meanwhile).
 */
export async function factIndex(fact: Fact, sort: readonly StoreSort[], page: FactPage): Promise<number | 'hidden' | null> {
  if ((await page({ offset: 0, limit: 1, only: fact.id })).total === 0) return 'hidden';
  const rowAt = async (offset: number) => (await page({ offset, limit: 1 })).rows[0];
  const { total } = await page({ offset: 0, limit: 1 });
  // Unsorted, a new fact (the highest id) is the last row: one look settles it.
  let lo = 0;
  let hi = total;
  const last = await rowAt(total - 1);
  if (last?.id === fact.id) return total - 1;
  if (last && compareFacts(last, fact, sort) < 0) lo = total;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const row = await rowAt(mid);
    if (!row) break;
    if (row.id === fact.id) return mid;
    if (compareFacts(row, fact, sort) < 0) lo = mid + 1;
    else hi = mid;
  }
  const from = Math.max(0, lo - WINDOW);
  const around = await page({ offset: from, limit: 2 * WINDOW });
  const at = around.rows.findIndex((r) => r.id === fact.id);
  return at < 0 ? null : from + at;
}
