import type { Database } from 'better-sqlite3';
import { logChange, now } from './changeLog';
import { InputError, NotFoundError } from './errors';
import { nextId } from './ids';

export interface DocumentSummary {
  id: number;
  title: string;
  source: string;
  added: string;
  updated: string;
  /** Length in Unicode code points (SQLite's length() of TEXT counts characters). */
  length: number;
}

export interface DocumentRow extends DocumentSummary {
  text: string;
}

/** The largest document the workbench accepts, in UTF-8 bytes: ten times the longest report we expect. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const columns = 'id, title, source, added, updated, length(text) AS length';

export class Documents {
  constructor(private readonly db: Database) {}

  list(): DocumentSummary[] {
    return this.db.prepare(`SELECT ${columns} FROM documents ORDER BY added, id`).all() as DocumentSummary[];
  }

  get(id: number): DocumentRow {
    const row = this.db.prepare(`SELECT ${columns}, text FROM documents WHERE id = ?`).get(id) as DocumentRow | undefined;
    if (!row) throw new NotFoundError(`There is no document ${id}; it may have been deleted.`);
    return row;
  }

  find(id: number): DocumentRow | undefined {
    return this.db.prepare(`SELECT ${columns}, text FROM documents WHERE id = ?`).get(id) as DocumentRow | undefined;
  }

  idBySeedKey(key: string): number | undefined {
    const row = this.db.prepare('SELECT id FROM documents WHERE seed_key = ?').get(key) as { id: number } | undefined;
    return row?.id;
  }

  setText(id: number, text: string): void {
    if (!text.trim()) throw new InputError('The document cannot be empty.', 'text');
    if (Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES) {
      throw new InputError(`The text is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB, the most the workbench opens.`, 'text');
    }
    const { changes } = this.db.prepare('UPDATE documents SET text = ?, updated = ? WHERE id = ?').run(text, now(), id);
    if (changes === 0) throw new NotFoundError(`There is no document ${id}; it may have been deleted.`);
  }

  /** Changes a document's title or source (where it came from). Returns both as they were, for undo. */
  describe(id: number, patch: { title?: string; source?: string }): { title: string; source: string } {
    const before = this.get(id);
    const title = patch.title === undefined ? before.title : patch.title.trim();
    if (!title) throw new InputError('An article needs a title.', 'title');
    const source = patch.source === undefined ? before.source : patch.source.trim();
    // `updated` says when the text last changed (the view reloads the text when it does): left as it is.
    this.db.prepare('UPDATE documents SET title = ?, source = ? WHERE id = ?').run(title, source, id);
    logChange(this.db, 'document', id, 'update', { title: before.title, source: before.source }, { title, source });
    return { title: before.title, source: before.source };
  }

  create(input: { title: string; source?: string; text: string; seedKey?: string }): DocumentRow {
    const title = input.title.trim();
    if (!title) throw new InputError('A document needs a title.', 'title');
    if (!input.text.trim()) throw new InputError('The document has no text.', 'text');
    if (Buffer.byteLength(input.text, 'utf8') > MAX_DOCUMENT_BYTES) {
      throw new InputError(`The document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB, the most the workbench opens.`, 'text');
    }
    const at = now();
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO documents (id, title, source, text, added, updated, seed_key) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(nextId(this.db, 'documents'), title, input.source ?? '', input.text, at, at, input.seedKey ?? null);
    const row = this.get(Number(lastInsertRowid));
    logChange(this.db, 'document', row.id, 'create', null, { id: row.id, title: row.title, source: row.source });
    return row;
  }
}
