// Full-text search over articles, annotations, facts and notes (SQLite FTS5), kept in step with
// their tables by triggers, so a search always sees what was just written.
import type { Database } from 'better-sqlite3';

export const version = 3;
export const name = 'search';

const factText = (row: string) => `
  coalesce((SELECT name FROM entities WHERE id = ${row}.subject_id), '') || ' ' || ${row}.relation || ' ' ||
  coalesce((SELECT name FROM entities WHERE id = ${row}.object_id), ${row}.object_text) || ' ' ||
  coalesce((SELECT name FROM entities WHERE id = ${row}.source_id), '') || ' ' || ${row}.evidence_exact || ' ' || ${row}.grading_note`;

export function up(db: Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
      INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
      INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END;
    CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
      INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
      INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    INSERT INTO documents_fts (rowid, title, text) SELECT id, title, text FROM documents;

    CREATE VIRTUAL TABLE annotations_fts USING fts5(exact, comment, content='annotations', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER annotations_fts_insert AFTER INSERT ON annotations BEGIN
      INSERT INTO annotations_fts (rowid, exact, comment) VALUES (new.id, new.exact, new.comment);
    END;
    CREATE TRIGGER annotations_fts_delete AFTER DELETE ON annotations BEGIN
      INSERT INTO annotations_fts (annotations_fts, rowid, exact, comment) VALUES ('delete', old.id, old.exact, old.comment);
    END;
    CREATE TRIGGER annotations_fts_update AFTER UPDATE OF exact, comment ON annotations BEGIN
      INSERT INTO annotations_fts (annotations_fts, rowid, exact, comment) VALUES ('delete', old.id, old.exact, old.comment);
      INSERT INTO annotations_fts (rowid, exact, comment) VALUES (new.id, new.exact, new.comment);
    END;
    INSERT INTO annotations_fts (rowid, exact, comment) SELECT id, exact, comment FROM annotations;

    CREATE VIRTUAL TABLE notes_fts USING fts5(title, body, content='notes', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
      INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END;
    CREATE TRIGGER notes_fts_update AFTER UPDATE OF title, body ON notes BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
      INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    INSERT INTO notes_fts (rowid, title, body) SELECT id, title, body FROM notes;

    -- A fact reads as a sentence with its entities' names, so it has its own index (no content table).
    CREATE VIRTUAL TABLE facts_fts USING fts5(text, tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER facts_fts_insert AFTER INSERT ON facts BEGIN
      INSERT INTO facts_fts (rowid, text) VALUES (new.id, ${factText('new')});
    END;
    CREATE TRIGGER facts_fts_delete AFTER DELETE ON facts BEGIN
      DELETE FROM facts_fts WHERE rowid = old.id;
    END;
    CREATE TRIGGER facts_fts_update AFTER UPDATE ON facts BEGIN
      DELETE FROM facts_fts WHERE rowid = old.id;
      INSERT INTO facts_fts (rowid, text) VALUES (new.id, ${factText('new')});
    END;
    INSERT INTO facts_fts (rowid, text) SELECT f.id, ${factText('f')} FROM facts f;
  `);
}
