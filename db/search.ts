// One search over articles, annotations, facts and notes, through SQLite FTS5, and over the
// entities by name, alias and role.
import type { Database } from 'better-sqlite3';

export type SearchKind = 'document' | 'annotation' | 'fact' | 'note' | 'entity';

export interface SearchHit {
  kind: SearchKind;
  id: number;
  title: string;
  /** The match in context; the matched words are wrapped in \u0002 … \u0003. */
  snippet: string;
  documentId: number | null;
  start: number | null;
  end: number | null;
}

/** Turns what a person typed into an FTS5 query: every word must appear, the last one as a prefix. */
export function toMatchQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}_'’-]+/gu);
  if (!words) return null;
  return words.map((w, i) => `"${w.replace(/"/g, '""')}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

const MARK = "'\u0002', '\u0003', '…'";

// Articles come best match first (there are few, and they are long). Notes, facts and annotations
// come newest first: FTS5 walks its index in rowid order and stops after `limit` rows, so a common
// word over 100,000 notes costs no more than a rare one (ranking them all would).

export function search(db: Database, input: string, limit = 20): SearchHit[] {
  const match = toMatchQuery(input);
  if (!match) return [];
  const first = input.match(/[\p{L}\p{N}_'’-]+/u)?.[0] ?? '';
  const hits: SearchHit[] = [];
  hits.push(
    ...(db
      .prepare(
        `SELECT 'document' AS kind, d.id, d.title, snippet(documents_fts, 1, ${MARK}, 14) AS snippet, d.id AS documentId,
           nullif(instr(lower(d.text), lower(@first)), 0) - 1 AS start
         FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid WHERE documents_fts MATCH @match ORDER BY rank LIMIT @limit`,
      )
      .all({ match, limit, first }) as (SearchHit & { start: number | null })[]).map((h) => ({ ...h, end: h.start === null ? null : h.start + [...first].length })),
  );
  hits.push(
    ...(db
      .prepare(
        `SELECT 'annotation' AS kind, a.id, d.title, snippet(annotations_fts, -1, ${MARK}, 14) AS snippet, a.document_id AS documentId, a.start, a.end
         FROM annotations_fts JOIN annotations a ON a.id = annotations_fts.rowid JOIN documents d ON d.id = a.document_id
         WHERE annotations_fts MATCH @match ORDER BY annotations_fts.rowid DESC LIMIT @limit`,
      )
      .all({ match, limit }) as SearchHit[]),
  );
  hits.push(
    ...(db
      .prepare(
        `SELECT 'fact' AS kind, f.id, s.name || ' ' || f.relation || ' ' || coalesce(o.name, f.object_text, '') AS title, snippet(facts_fts, 0, ${MARK}, 14) AS snippet,
           f.document_id AS documentId, f.evidence_start AS start, f.evidence_end AS end
         FROM facts_fts JOIN facts f ON f.id = facts_fts.rowid JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id
         WHERE facts_fts MATCH @match ORDER BY facts_fts.rowid DESC LIMIT @limit`,
      )
      .all({ match, limit }) as SearchHit[]),
  );
  hits.push(
    ...(db
      .prepare(
        `SELECT 'note' AS kind, n.id, CASE n.title WHEN '' THEN 'Untitled note' ELSE n.title END AS title, snippet(notes_fts, -1, ${MARK}, 14) AS snippet,
           NULL AS documentId, NULL AS start, NULL AS end
         FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid WHERE notes_fts MATCH @match ORDER BY notes_fts.rowid DESC LIMIT @limit`,
      )
      .all({ match, limit }) as SearchHit[]),
  );
  hits.push(...searchEntities(db, input, limit));
  return hits;
}

/** Wraps each occurrence of `words` (any case) in `text` in the snippet's marks. */
function marked(text: string, words: readonly string[]): string {
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
  return text.replace(pattern, (m) => `\u0002${m}\u0003`);
}

/**
 * Entities whose name, aliases or role hold every word typed (the last as a prefix, as above), in
 * name order. There are few entities (they are curated by hand), so they are read and matched
 * here, in any case and any script, rather than through an index; the walk stops at `limit`.
 */
function searchEntities(db: Database, input: string, limit: number): SearchHit[] {
  const words = (input.match(/[\p{L}\p{N}_'’-]+/gu) ?? []).map((w) => w.toLocaleLowerCase());
  if (words.length === 0) return [];
  // Those found by name or alias first, then those whose role names them ("Weapons exhibition shown to Shoigu").
  const byName: SearchHit[] = [];
  const byRole: SearchHit[] = [];
  const rows = db.prepare('SELECT id, kind, name, aliases, role FROM entities ORDER BY name COLLATE NOCASE').iterate() as Iterable<{ id: number; kind: string; name: string; aliases: string; role: string }>;
  for (const e of rows) {
    const aliases = JSON.parse(e.aliases) as string[];
    const names = `${e.name} ${aliases.join(' ')}`.toLocaleLowerCase();
    const named = words.every((w) => names.includes(w));
    if (!named && (byRole.length >= limit || !words.every((w) => names.includes(w) || e.role.toLocaleLowerCase().includes(w)))) continue;
    const also = aliases.filter((a) => words.some((w) => a.toLocaleLowerCase().includes(w)));
    const about = [e.kind, e.role, also.length ? `also ${also.join(', ')}` : ''].filter(Boolean).join(' · ');
    (named ? byName : byRole).push({ kind: 'entity', id: e.id, title: e.name, snippet: marked(about, words), documentId: null, start: null, end: null });
    if (byName.length >= limit) break;
  }
  return [...byName, ...byRole].slice(0, limit);
}
