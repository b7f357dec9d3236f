// Notes: Markdown text with codes and links to passages (annotations), facts and entities.
import type { Database } from 'better-sqlite3';
import { logChange, now } from './changeLog';
import type { Codes } from './codes';
import { InputError, NotFoundError } from './errors';
import { nextId } from './ids';

export const LINK_KINDS = ['annotation', 'fact', 'entity'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface NoteLink {
  kind: LinkKind;
  targetId: number;
  /** What a person reads for the link: a passage's quote, a fact as a sentence, an entity's name. */
  label: string;
  /** The target was deleted after the link was made. */
  broken: boolean;
  /** Where a passage (or a fact's evidence) is, so that the link can open it. */
  documentId: number | null;
  start: number | null;
  end: number | null;
}

export interface Note {
  id: number;
  title: string;
  body: string;
  codeIds: number[];
  links: NoteLink[];
  created: string;
  updated: string;
}

export interface NoteSummary {
  id: number;
  title: string;
  body: string;
  codeIds: number[];
  linkCount: number;
  created: string;
  updated: string;
}

export interface NoteSnapshot {
  note: { id: number; title: string; body: string; created: string; updated: string };
  codeIds: number[];
  links: { kind: LinkKind; targetId: number; created: string }[];
}

const summary = `SELECT n.id, n.title, n.body,
  (SELECT json_group_array(code_id) FROM (SELECT code_id FROM note_codes WHERE note_id = n.id ORDER BY code_id)) AS codeIds,
  (SELECT count(*) FROM note_links l WHERE l.note_id = n.id) AS linkCount,
  n.created, n.updated FROM notes n`;

export class Notes {
  constructor(
    private readonly db: Database,
    private readonly codes: Codes,
  ) {}

  list(filter: { ids?: readonly number[] } = {}): NoteSummary[] {
    const rows = this.db.prepare(`${summary} ORDER BY n.updated DESC, n.id DESC`).all() as (Omit<NoteSummary, 'codeIds'> & { codeIds: string })[];
    const only = filter.ids ? new Set(filter.ids) : null;
    return rows.filter((r) => !only || only.has(r.id)).map((r) => ({ ...r, codeIds: JSON.parse(r.codeIds) as number[] }));
  }

  exists(id: number): boolean {
    return this.db.prepare('SELECT 1 FROM notes WHERE id = ?').get(id) !== undefined;
  }

  get(id: number): Note {
    const row = this.db.prepare(`${summary} WHERE n.id = ?`).get(id) as (Omit<NoteSummary, 'codeIds'> & { codeIds: string }) | undefined;
    if (!row) throw new NotFoundError(`There is no note ${id}; it may have been deleted.`);
    return { id: row.id, title: row.title, body: row.body, codeIds: JSON.parse(row.codeIds) as number[], links: this.links(id), created: row.created, updated: row.updated };
  }

  links(noteId: number): NoteLink[] {
    const rows = this.db.prepare('SELECT target_kind AS kind, target_id AS targetId FROM note_links WHERE note_id = ? ORDER BY id').all(noteId) as { kind: LinkKind; targetId: number }[];
    return rows.map((r) => this.resolve(r.kind, r.targetId));
  }

  /** Describes a link target, or marks it broken when it no longer exists. */
  resolve(kind: LinkKind, targetId: number): NoteLink {
    const broken: NoteLink = { kind, targetId, label: `Deleted ${kind === 'annotation' ? 'passage' : kind} ${targetId}`, broken: true, documentId: null, start: null, end: null };
    if (kind === 'annotation') {
      const a = this.db.prepare('SELECT exact, document_id AS documentId, start, end FROM annotations WHERE id = ?').get(targetId) as { exact: string; documentId: number; start: number; end: number } | undefined;
      return a ? { kind, targetId, label: a.exact, broken: false, documentId: a.documentId, start: a.start, end: a.end } : broken;
    }
    if (kind === 'fact') {
      const f = this.db
        .prepare(
          `SELECT s.name || ' ' || f.relation || ' ' || coalesce(o.name, f.object_text) AS label, f.document_id AS documentId, f.evidence_start AS start, f.evidence_end AS end
           FROM facts f JOIN entities s ON s.id = f.subject_id LEFT JOIN entities o ON o.id = f.object_id WHERE f.id = ?`,
        )
        .get(targetId) as { label: string; documentId: number | null; start: number | null; end: number | null } | undefined;
      return f ? { kind, targetId, ...f, broken: false } : broken;
    }
    const e = this.db.prepare('SELECT name FROM entities WHERE id = ?').get(targetId) as { name: string } | undefined;
    return e ? { kind, targetId, label: e.name, broken: false, documentId: null, start: null, end: null } : broken;
  }

  private requireTarget(kind: LinkKind, targetId: number): void {
    const table = kind === 'annotation' ? 'annotations' : kind === 'fact' ? 'facts' : 'entities';
    if (!this.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(targetId)) {
      throw new InputError(`The ${kind === 'annotation' ? 'passage' : kind} to link (${targetId}) does not exist; it may have been deleted.`, 'targetId');
    }
  }

  create(input: { title?: string; body?: string; codeIds?: number[]; links?: { kind: LinkKind; targetId: number }[] }): Note {
    const codeIds = [...new Set(input.codeIds ?? [])];
    this.codes.requireAll(codeIds);
    for (const l of input.links ?? []) this.requireTarget(l.kind, l.targetId);
    const at = now();
    const { lastInsertRowid } = this.db.prepare('INSERT INTO notes (id, title, body, created, updated) VALUES (?, ?, ?, ?, ?)').run(nextId(this.db, 'notes'), input.title ?? '', input.body ?? '', at, at);
    const id = Number(lastInsertRowid);
    this.setCodes(id, codeIds);
    for (const l of input.links ?? []) this.db.prepare('INSERT OR IGNORE INTO note_links (note_id, target_kind, target_id, created) VALUES (?, ?, ?, ?)').run(id, l.kind, l.targetId, at);
    const note = this.get(id);
    logChange(this.db, 'note', id, 'create', null, { id, title: note.title });
    return note;
  }

  update(id: number, patch: { title?: string; body?: string; codeIds?: number[] }): Note {
    const before = this.get(id);
    if (patch.codeIds) {
      const codeIds = [...new Set(patch.codeIds)];
      this.codes.requireAll(codeIds);
      this.db.prepare('DELETE FROM note_codes WHERE note_id = ?').run(id);
      this.setCodes(id, codeIds);
    }
    this.db.prepare('UPDATE notes SET title = ?, body = ?, updated = ? WHERE id = ?').run(patch.title ?? before.title, patch.body ?? before.body, now(), id);
    const after = this.get(id);
    logChange(this.db, 'note', id, 'update', { title: before.title, body: before.body, codeIds: before.codeIds }, { title: after.title, body: after.body, codeIds: after.codeIds });
    return after;
  }

  link(id: number, kind: LinkKind, targetId: number): Note {
    if (!this.exists(id)) throw new NotFoundError(`There is no note ${id}; it may have been deleted.`);
    this.requireTarget(kind, targetId);
    this.db.prepare('INSERT OR IGNORE INTO note_links (note_id, target_kind, target_id, created) VALUES (?, ?, ?, ?)').run(id, kind, targetId, now());
    this.db.prepare('UPDATE notes SET updated = ? WHERE id = ?').run(now(), id);
    return this.get(id);
  }

  unlink(id: number, kind: LinkKind, targetId: number): Note {
    if (!this.exists(id)) throw new NotFoundError(`There is no note ${id}; it may have been deleted.`);
    this.db.prepare('DELETE FROM note_links WHERE note_id = ? AND target_kind = ? AND target_id = ?').run(id, kind, targetId);
    this.db.prepare('UPDATE notes SET updated = ? WHERE id = ?').run(now(), id);
    return this.get(id);
  }

  /** Everything needed to put the note back exactly as it is now. */
  snapshot(id: number): NoteSnapshot {
    const note = this.db.prepare('SELECT id, title, body, created, updated FROM notes WHERE id = ?').get(id) as NoteSnapshot['note'] | undefined;
    if (!note) throw new NotFoundError(`There is no note ${id}; it may have been deleted.`);
    const codeIds = (this.db.prepare('SELECT code_id AS id FROM note_codes WHERE note_id = ?').all(id) as { id: number }[]).map((r) => r.id);
    const links = this.db.prepare('SELECT target_kind AS kind, target_id AS targetId, created FROM note_links WHERE note_id = ? ORDER BY id').all(id) as NoteSnapshot['links'];
    return { note, codeIds, links };
  }

  delete(id: number): NoteSnapshot {
    const snapshot = this.snapshot(id);
    this.db.prepare('DELETE FROM notes WHERE id = ?').run(id);
    logChange(this.db, 'note', id, 'delete', snapshot, null);
    return snapshot;
  }

  restore(s: NoteSnapshot): Note {
    const n = s.note;
    this.db.prepare('INSERT INTO notes (id, title, body, created, updated) VALUES (?, ?, ?, ?, ?)').run(n.id, n.title, n.body, n.created, n.updated);
    this.setCodes(n.id, s.codeIds.filter((c) => this.codes.row(c)));
    for (const l of s.links) this.db.prepare('INSERT OR IGNORE INTO note_links (note_id, target_kind, target_id, created) VALUES (?, ?, ?, ?)').run(n.id, l.kind, l.targetId, l.created);
    logChange(this.db, 'note', n.id, 'create', null, { id: n.id, title: n.title });
    return this.get(n.id);
  }

  private setCodes(id: number, codeIds: readonly number[]): void {
    const insert = this.db.prepare('INSERT INTO note_codes (note_id, code_id) VALUES (?, ?)');
    for (const c of codeIds) insert.run(id, c);
  }
}
