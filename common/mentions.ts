// Finds where entities are named in a text, by name or alias, as whole words.
import { CodePointIndex } from './text';

export interface NamedEntity {
  id: number;
  names: readonly string[];
}

export interface FoundMention {
  entityId: number;
  /** Code-point offsets. */
  start: number;
  end: number;
  exact: string;
}

const wordChar = /[\p{L}\p{N}_]/u;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Longest name wins where names overlap ("Kim Jong Un" over "Kim"), and matches never overlap, so
 * each stretch of text names at most one entity. Case-sensitive: "Kim" is a name, "kim" is not.
 */
export function findMentions(text: string, entities: readonly NamedEntity[]): FoundMention[] {
  const byName = new Map<string, number>();
  for (const e of entities) for (const n of e.names) if (n.trim().length > 1 && !byName.has(n)) byName.set(n, e.id);
  if (byName.size === 0) return [];
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  // Names of several words ("Ruling party") match in any case, since prose writes them in lower case;
  // single words keep their case, so "Kim" is a name and "kim" is not.
  const multi = names.filter((n) => /\s/.test(n.trim()));
  const single = names.filter((n) => !/\s/.test(n.trim()));
  const lower = new Map(multi.map((n) => [n.toLowerCase(), byName.get(n)!]));
  const pattern = new RegExp([...multi.map((n) => `(?:${[...n].map((ch) => (/\p{L}/u.test(ch) ? `[${escape(ch.toLowerCase())}${escape(ch.toUpperCase())}]` : escape(ch))).join('')})`), ...single.map(escape)].join('|'), 'gu');
  const index = new CodePointIndex(text);
  const found: FoundMention[] = [];
  for (const m of text.matchAll(pattern)) {
    const u = m.index;
    const before = u > 0 ? String.fromCodePoint(text.codePointAt(u - 1)!) : '';
    const afterChar = text.codePointAt(u + m[0].length);
    const after = afterChar === undefined ? '' : String.fromCodePoint(afterChar);
    // A possessive ’s still counts as the name; "Kimchi" does not.
    if ((before && wordChar.test(before)) || (after && wordChar.test(after))) continue;
    const entityId = byName.get(m[0]) ?? lower.get(m[0].toLowerCase());
    if (entityId === undefined) continue;
    found.push({ entityId, start: index.toCodePoint(u), end: index.toCodePoint(u + m[0].length), exact: m[0] });
  }
  return found;
}
