// Keeping a copy of a document's annotation spans current from the store's changes (the
// annotations.spans channel): a full list replaces the copy, changes are merged into it.

export interface Positioned {
  id: number;
  start: number;
  end: number;
}

export interface SpanChanges<T extends Positioned> {
  full: boolean;
  /** New or changed spans (all of them when `full`). */
  spans: readonly T[];
  /** Ids no longer in the document. */
  removed: readonly number[];
}

/** Text order: by start, then by id (as the store lists them). */
export function byPosition(a: Positioned, b: Positioned): number {
  return a.start - b.start || a.id - b.id;
}

/** Equal fields, arrays compared item by item. */
function same(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key of Object.keys(y)) {
    const u = x[key];
    const v = y[key];
    if (Array.isArray(u) && Array.isArray(v)) {
      if (u.length !== v.length || u.some((item, i) => item !== v[i])) return false;
    } else if (u !== v) return false;
  }
  return true;
}

/** Whether `current` (in text order) already holds this exact span. */
function holds<T extends Positioned>(current: readonly T[], span: T): boolean {
  let lo = 0;
  let hi = current.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byPosition(current[mid]!, span) < 0) lo = mid + 1;
    else hi = mid;
  }
  const found = current[lo];
  return found !== undefined && found.id === span.id && same(found, span);
}

/** The copy after the changes, in text order; the same array when nothing changed. */
export function mergeSpans<T extends Positioned>(current: readonly T[], changes: SpanChanges<T>): readonly T[] {
  if (changes.full) return [...changes.spans].sort(byPosition);
  if (changes.removed.length === 0 && changes.spans.every((s) => holds(current, s))) return current;
  const touched = new Set<number>(changes.removed);
  for (const s of changes.spans) touched.add(s.id);
  const kept = current.filter((s) => !touched.has(s.id));
  const added = [...changes.spans].sort(byPosition);
  // Merge two sorted lists.
  const out: T[] = new Array<T>(kept.length + added.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < kept.length && j < added.length) out[k++] = byPosition(kept[i]!, added[j]!) <= 0 ? kept[i++]! : added[j++]!;
  while (i < kept.length) out[k++] = kept[i++]!;
  while (j < added.length) out[k++] = added[j++]!;
  return out;
}
