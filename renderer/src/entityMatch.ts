// Finding an entity by what an analyst types: any part of its name or of an alias.

interface Named {
  name: string;
  aliases: readonly string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The entities that a typed text finds, best first, each group in the order given: a name or
 * alias that is the text (“Putin” is Vladimir Putin's alias), then names that start with it, then
 * a word of a name or alias that does (“Kim-Putin meeting”), then names and aliases that hold it.
 */
export function matchEntities<T extends Named>(entities: readonly T[], text: string): T[] {
  const q = text.trim().toLowerCase();
  if (!q) return [...entities];
  const wordStart = new RegExp(`(^|[^\\p{L}\\p{N}])${escape(q)}`, 'u');
  const rank = (e: T): number => {
    const names = [e.name, ...e.aliases].map((n) => n.toLowerCase());
    if (names.includes(q)) return 0;
    if (names[0]!.startsWith(q)) return 1;
    if (names.some((n) => wordStart.test(n))) return 2;
    return names.some((n) => n.includes(q)) ? 3 : -1;
  };
  return entities
    .map((e) => ({ e, r: rank(e) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r)
    .map((x) => x.e);
}
