// A fact is found in search by its entities' names (see 0003-search). Entities can now be renamed,
// so a rename writes the facts that name it to the index again; without this, a fact was still
// found by the old name and not by the new one.
import type { Database } from 'better-sqlite3';

export const version = 5;
export const name = 'fact-search-names';

export function up(db: Database): void {
  db.exec(`
    CREATE TRIGGER entities_rename_facts_fts AFTER UPDATE OF name ON entities WHEN new.name IS NOT old.name BEGIN
      -- A write of the same value still fires facts_fts_update, which indexes the fact's words anew.
      UPDATE facts SET relation = relation WHERE new.id IN (subject_id, object_id, source_id);
    END;
  `);
}
