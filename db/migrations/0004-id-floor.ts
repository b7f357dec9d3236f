// Ids are never given twice. SQLite gives a new row the highest id in its table plus one, so
// deleting the newest row and adding another reused its id: a note's broken link to a deleted fact
// came back pointing at the next fact, and undoing a deleted article failed once a new article had
// taken its id. Each table's highest id ever deleted is kept here (by triggers, which also see
// cascades), and new rows are numbered above it (see nextId in db/ids.ts).
import type { Database } from 'better-sqlite3';

export const version = 4;
export const name = 'id-floor';

/** The tables whose ids other rows or undo entries point at, each with its kind in the change log. */
export const NUMBERED = { documents: 'document', annotations: 'annotation', entities: 'entity', facts: 'fact', notes: 'note', codes: 'code' } as const;

export function up(db: Database): void {
  db.exec('CREATE TABLE id_floor (tbl TEXT PRIMARY KEY, id INTEGER NOT NULL)');
  for (const [table, kind] of Object.entries(NUMBERED)) {
    db.exec(`
      CREATE TRIGGER ${table}_id_floor AFTER DELETE ON ${table} BEGIN
        INSERT INTO id_floor (tbl, id) VALUES ('${table}', old.id) ON CONFLICT (tbl) DO UPDATE SET id = max(id, excluded.id);
      END;
    `);
    // What was deleted before this step: the change log names it.
    db.prepare(`INSERT INTO id_floor (tbl, id) SELECT ?, max(row_id) FROM change_log WHERE kind = ? AND action = 'delete' AND row_id IS NOT NULL HAVING max(row_id) IS NOT NULL`).run(table, kind);
  }
}
