// The first schema: many documents, W3C-anchored annotations, a hierarchical codebook, entities
// and their mentions, Admiralty-graded facts with evidence passages, linked notes, a change log.
import type { Database } from 'better-sqlite3';

export const version = 1;
export const name = 'initial';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE documents (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL CHECK (length(title) > 0),
      source TEXT NOT NULL DEFAULT '',
      text TEXT NOT NULL,
      added TEXT NOT NULL,
      updated TEXT NOT NULL,
      seed_key TEXT UNIQUE
    );

    CREATE TABLE codes (
      id INTEGER PRIMARY KEY,
      parent_id INTEGER REFERENCES codes(id) ON DELETE SET NULL,
      name TEXT NOT NULL CHECK (length(name) > 0),
      color TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      position INTEGER NOT NULL DEFAULT 0,
      created TEXT NOT NULL,
      updated TEXT NOT NULL,
      seed_key TEXT UNIQUE
    );

    -- start/end count Unicode code points (W3C TextPositionSelector); exact/prefix/suffix are the
    -- TextQuoteSelector that lets an annotation find its passage again after the text changes.
    CREATE TABLE annotations (
      id INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      start INTEGER NOT NULL,
      end INTEGER NOT NULL,
      exact TEXT NOT NULL,
      prefix TEXT NOT NULL DEFAULT '',
      suffix TEXT NOT NULL DEFAULT '',
      comment TEXT NOT NULL DEFAULT '',
      anchor TEXT NOT NULL DEFAULT 'anchored' CHECK (anchor IN ('anchored', 'fuzzy', 'orphaned')),
      created TEXT NOT NULL,
      updated TEXT NOT NULL,
      CHECK (start >= 0 AND end > start)
    );
    CREATE INDEX annotations_by_document ON annotations(document_id, start);

    CREATE TABLE annotation_codes (
      annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
      code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
      PRIMARY KEY (annotation_id, code_id)
    ) WITHOUT ROWID;
    CREATE INDEX annotation_codes_by_code ON annotation_codes(code_id);

    CREATE TABLE entities (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'place', 'event')),
      name TEXT NOT NULL CHECK (length(name) > 0),
      aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
      role TEXT NOT NULL DEFAULT '',
      affiliation_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
      created TEXT NOT NULL,
      updated TEXT NOT NULL,
      seed_key TEXT UNIQUE
    );

    CREATE TABLE mentions (
      id INTEGER PRIMARY KEY,
      entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      start INTEGER NOT NULL,
      end INTEGER NOT NULL,
      exact TEXT NOT NULL,
      CHECK (start >= 0 AND end > start)
    );
    CREATE INDEX mentions_by_document ON mentions(document_id, start);
    CREATE INDEX mentions_by_entity ON mentions(entity_id);

    -- Admiralty grading: reliability of the source A-F, credibility of the information 1-6.
    CREATE TABLE facts (
      id INTEGER PRIMARY KEY,
      subject_id INTEGER NOT NULL REFERENCES entities(id),
      relation TEXT NOT NULL CHECK (length(relation) > 0),
      object_id INTEGER REFERENCES entities(id),
      object_text TEXT NOT NULL DEFAULT '',
      time TEXT,
      place_id INTEGER REFERENCES entities(id),
      source_id INTEGER REFERENCES entities(id),
      reliability TEXT NOT NULL CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
      credibility INTEGER NOT NULL CHECK (credibility BETWEEN 1 AND 6),
      status TEXT NOT NULL CHECK (status IN ('confirmed', 'reported', 'claimed', 'denied', 'assessed', 'expected')),
      grading_note TEXT NOT NULL DEFAULT '',
      document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
      evidence_start INTEGER,
      evidence_end INTEGER,
      evidence_exact TEXT NOT NULL DEFAULT '',
      evidence_prefix TEXT NOT NULL DEFAULT '',
      evidence_suffix TEXT NOT NULL DEFAULT '',
      evidence_anchor TEXT NOT NULL DEFAULT 'anchored' CHECK (evidence_anchor IN ('anchored', 'fuzzy', 'orphaned')),
      created TEXT NOT NULL,
      updated TEXT NOT NULL,
      seed_key TEXT UNIQUE,
      CHECK (evidence_start IS NULL OR (evidence_start >= 0 AND evidence_end > evidence_start))
    );
    CREATE INDEX facts_by_document ON facts(document_id);
    CREATE INDEX facts_by_subject ON facts(subject_id);
    CREATE INDEX facts_by_source ON facts(source_id);

    CREATE TABLE notes (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL DEFAULT '',
      body TEXT NOT NULL DEFAULT '',
      created TEXT NOT NULL,
      updated TEXT NOT NULL
    );

    CREATE TABLE note_codes (
      note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
      code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
      PRIMARY KEY (note_id, code_id)
    ) WITHOUT ROWID;

    -- A link may outlive its target (the note then shows it as broken), so no foreign key.
    CREATE TABLE note_links (
      id INTEGER PRIMARY KEY,
      note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
      target_kind TEXT NOT NULL CHECK (target_kind IN ('annotation', 'fact', 'entity')),
      target_id INTEGER NOT NULL,
      created TEXT NOT NULL,
      UNIQUE (note_id, target_kind, target_id)
    );
    CREATE INDEX note_links_by_target ON note_links(target_kind, target_id);

    -- What changed and when, with the row before and after as JSON: the basis of undo and audit.
    CREATE TABLE change_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      row_id INTEGER,
      action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
      before TEXT,
      after TEXT
    );

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
  `);
}
