// The store: one SQLite file in the data folder, and the repositories over it.
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { Actions, type Command } from './actions';
import { Annotations, type Annotation } from './annotations';
import { Codes } from './codes';
import { anchor, type AnchorState } from '../common/anchoring';
import { findMentions, type NamedEntity } from '../common/mentions';
import { CodePointIndex, describePassage } from '../common/text';
import { logChange, now } from './changeLog';
import { Documents, type DocumentRow } from './documents';
import { InputError, NotFoundError } from './errors';
import { Entities } from './entities';
import { Facts } from './facts';
import { History } from './history';
import { Notes } from './notes';
import { openDatabase, STORE_FILE_NAME, type OpenOptions } from './open';

export type AnchorCounts = Record<AnchorState, number>;

/** A deleted document as it was, with what went with it, for undo. */
export interface DocumentDeletion {
  row: DocumentRow & { seed_key: string | null };
  annotations: Annotation[];
  /** Facts whose evidence was in it, with the anchoring their evidence had. */
  facts: { id: number; anchor: AnchorState }[];
}

export class Store {
  readonly documents: Documents;
  readonly entities: Entities;
  readonly facts: Facts;
  readonly codes: Codes;
  readonly annotations: Annotations;
  readonly notes: Notes;
  readonly history: History<Command>;
  readonly actions: Actions;

  constructor(
    readonly db: Database,
    readonly file: string,
    private readonly options: OpenOptions = {},
  ) {
    this.documents = new Documents(db);
    this.entities = new Entities(db);
    this.facts = new Facts(db);
    this.codes = new Codes(db);
    this.annotations = new Annotations(db, this.codes);
    this.notes = new Notes(db, this.codes);
    this.history = new History<Command>(db);
    this.actions = new Actions(this);
  }

  static open(dataDir: string, options: OpenOptions = {}): Store {
    const file = join(dataDir, STORE_FILE_NAME);
    return new Store(openDatabase(file, options), file, options);
  }

  /**
   * A second, read-only connection to the same file. A long export reads through it, so that a slow
   * destination (a download) never holds up the analyst's writes on the main connection (WAL lets
   * readers and the writer work side by side). Close it when done.
   */
  openReader(): Database {
    const reader = new BetterSqlite3(this.file, { readonly: true, fileMustExist: true, ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}) });
    reader.pragma('busy_timeout = 5000');
    return reader;
  }

  /** Adds a document and finds the known entities' mentions in it. */
  importDocument(input: { title: string; source?: string; text: string }): DocumentRow {
    return this.transaction(() => {
      const doc = this.documents.create(input);
      this.findMentions(doc.id, doc.text);
      return doc;
    });
  }

  /**
   * Replaces a document's text (a correction) and re-anchors everything that points into it:
   * annotations and fact evidence by position, then quote, then fuzzy match. What cannot be found
   * is marked orphaned with its quote, never deleted.
   */
  updateDocumentText(id: number, text: string): { document: DocumentRow; annotations: AnchorCounts; evidence: AnchorCounts } {
    return this.transaction(() => {
      const before = this.documents.get(id);
      this.documents.setText(id, text);
      const index = new CodePointIndex(text);
      const annotations: AnchorCounts = { anchored: 0, fuzzy: 0, orphaned: 0 };
      const setAnnotation = this.db.prepare('UPDATE annotations SET start = ?, end = ?, exact = ?, prefix = ?, suffix = ?, anchor = ?, updated = ? WHERE id = ?');
      for (const a of this.annotations.list({ documentId: id })) {
        const found = anchor(index, a);
        annotations[found.state]++;
        if (found.state === 'orphaned') setAnnotation.run(a.start, a.end, a.exact, a.prefix, a.suffix, 'orphaned', now(), a.id);
        else {
          const p = describePassage(index, found.start, found.end);
          setAnnotation.run(p.start, p.end, p.exact, p.prefix, p.suffix, found.state, now(), a.id);
        }
      }
      const evidence: AnchorCounts = { anchored: 0, fuzzy: 0, orphaned: 0 };
      const setEvidence = this.db.prepare(
        'UPDATE facts SET evidence_start = ?, evidence_end = ?, evidence_exact = ?, evidence_prefix = ?, evidence_suffix = ?, evidence_anchor = ? WHERE id = ?',
      );
      const rows = this.db
        .prepare('SELECT id, evidence_start AS start, evidence_end AS end, evidence_exact AS exact, evidence_prefix AS prefix, evidence_suffix AS suffix FROM facts WHERE document_id = ? AND evidence_start IS NOT NULL')
        .all(id) as { id: number; start: number; end: number; exact: string; prefix: string; suffix: string }[];
      for (const f of rows) {
        const found = anchor(index, f);
        evidence[found.state]++;
        if (found.state === 'orphaned') setEvidence.run(f.start, f.end, f.exact, f.prefix, f.suffix, 'orphaned', f.id);
        else {
          const p = describePassage(index, found.start, found.end);
          setEvidence.run(p.start, p.end, p.exact, p.prefix, p.suffix, found.state, f.id);
        }
      }
      this.db.prepare('DELETE FROM mentions WHERE document_id = ?').run(id);
      this.findMentions(id, text);
      logChange(this.db, 'document', id, 'update', { text: before.text }, { text });
      return { document: this.documents.get(id), annotations, evidence };
    });
  }

  /**
   * Finds every entity's mentions in every document again: after an entity is added, renamed,
   * given other aliases, deleted or brought back, since the longest name wins where names overlap.
   */
  refreshMentions(): void {
    this.db.prepare('DELETE FROM mentions').run();
    const named = this.named();
    const ids = this.db.prepare('SELECT id FROM documents ORDER BY id').all() as { id: number }[];
    for (const { id } of ids) this.findMentions(id, this.documents.get(id).text, named);
  }

  /** Every entity's names, for finding mentions: read once per refresh, not once per document. */
  private named(): NamedEntity[] {
    const rows = this.db.prepare('SELECT id, name, aliases FROM entities').all() as { id: number; name: string; aliases: string }[];
    return rows.map((e) => ({ id: e.id, names: [e.name, ...(JSON.parse(e.aliases) as string[])] }));
  }

  /**
   * Deletes a document with its annotations and mentions. Facts whose evidence was in it keep
   * their quote, marked as no longer in a text; notes' links to its annotations show as broken.
   * The last document cannot be deleted: the workbench always has an article to open.
   */
  deleteDocument(id: number): DocumentDeletion {
    return this.transaction(() => {
      const row = this.db.prepare(`SELECT id, title, source, added, updated, length(text) AS length, text, seed_key FROM documents WHERE id = ?`).get(id) as DocumentDeletion['row'] | undefined;
      if (!row) throw new NotFoundError(`There is no document ${id}; it may have been deleted.`);
      const others = (this.db.prepare('SELECT count(*) AS n FROM documents WHERE id <> ?').get(id) as { n: number }).n;
      if (others === 0) throw new InputError(`“${row.title}” is the only article. Import another before deleting it.`, 'id');
      const annotations = this.annotations.list({ documentId: id });
      const facts = this.db.prepare('SELECT id, evidence_anchor AS anchor FROM facts WHERE document_id = ? ORDER BY id').all(id) as DocumentDeletion['facts'];
      this.db.prepare("UPDATE facts SET evidence_anchor = 'orphaned' WHERE document_id = ? AND evidence_start IS NOT NULL").run(id);
      this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
      logChange(this.db, 'document', id, 'delete', { title: row.title, annotations: annotations.length }, null);
      return { row, annotations, facts };
    });
  }

  /** Undoes a delete: the document, its annotations with their codes, its mentions and its facts' evidence come back as they were. */
  restoreDocument(s: DocumentDeletion): void {
    this.transaction(() => {
      const r = s.row;
      this.db.prepare('INSERT INTO documents (id, title, source, text, added, updated, seed_key) VALUES (?, ?, ?, ?, ?, ?, ?)').run(r.id, r.title, r.source, r.text, r.added, r.updated, r.seed_key);
      // The text is as it was, so the stored offsets hold: no re-anchoring, which a long article could not afford per annotation.
      const insert = this.db.prepare('INSERT INTO annotations (id, document_id, start, end, exact, prefix, suffix, comment, anchor, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const code = this.db.prepare('INSERT INTO annotation_codes (annotation_id, code_id) SELECT ?, id FROM codes WHERE id = ?');
      for (const a of s.annotations) {
        insert.run(a.id, r.id, a.start, a.end, a.exact, a.prefix, a.suffix, a.comment, a.anchor, a.created, a.updated);
        for (const c of a.codeIds) code.run(a.id, c);
      }
      const fact = this.db.prepare('UPDATE facts SET document_id = ?, evidence_anchor = ? WHERE id = ?');
      for (const f of s.facts) fact.run(r.id, f.anchor, f.id);
      this.findMentions(r.id, r.text);
      // Logged as an update, not a create: a created document has no annotations, and a view that
      // synced this one before it was deleted must load its annotations again in full.
      logChange(this.db, 'document', r.id, 'update', null, { restored: r.id, title: r.title, annotations: s.annotations.length });
    });
  }

  private findMentions(documentId: number, text: string, named: NamedEntity[] = this.named()): void {
    for (const m of findMentions(text, named)) this.entities.addMention(m.entityId, documentId, m.start, m.end, m.exact);
  }

  readonly settings = {
    get: (key: string): string | null => (this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null,
    set: (key: string, value: string): void => {
      this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
    },
  };

  /** Runs fn in one transaction: all of its writes land, or none do. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
