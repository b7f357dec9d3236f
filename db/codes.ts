import type { Database } from 'better-sqlite3';
import { logChange, now } from './changeLog';
import { InputError, NotFoundError } from './errors';
import { nextId } from './ids';

export interface Code {
  id: number;
  parentId: number | null;
  name: string;
  color: string;
  description: string;
  position: number;
  /** How many annotations carry this code. */
  usage: number;
  created: string;
  updated: string;
}

export interface CodeRow {
  id: number;
  parent_id: number | null;
  name: string;
  color: string;
  description: string;
  position: number;
  created: string;
  updated: string;
  seed_key: string | null;
}

const select = `SELECT c.id, c.parent_id AS parentId, c.name, c.color, c.description, c.position,
  (SELECT count(*) FROM annotation_codes ac WHERE ac.code_id = c.id) AS usage, c.created, c.updated FROM codes c`;

export class Codes {
  constructor(private readonly db: Database) {}

  list(): Code[] {
    return this.db.prepare(`${select} ORDER BY c.position, c.id`).all() as Code[];
  }

  get(id: number): Code {
    const row = this.db.prepare(`${select} WHERE c.id = ?`).get(id) as Code | undefined;
    if (!row) throw new NotFoundError(`There is no code ${id} in the codebook; it may have been deleted.`);
    return row;
  }

  row(id: number): CodeRow | undefined {
    return this.db.prepare('SELECT * FROM codes WHERE id = ?').get(id) as CodeRow | undefined;
  }

  /** Throws unless every id names a code; used before linking codes to anything. */
  requireAll(ids: readonly number[]): void {
    for (const id of ids) {
      if (!this.db.prepare('SELECT 1 FROM codes WHERE id = ?').get(id)) {
        throw new InputError(`Code ${id} is not in the codebook; it may have been deleted. Pick another code.`, 'codeIds');
      }
    }
  }

  create(input: { name: string; color: string; parentId?: number | null; description?: string; seedKey?: string }): Code {
    const name = input.name.trim();
    if (!name) throw new InputError('A code needs a name.', 'name');
    const parentId = input.parentId ?? null;
    if (parentId !== null) this.requireAll([parentId]);
    this.requireUniqueName(name, parentId, null);
    const position = (this.db.prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM codes').get() as { p: number }).p;
    const at = now();
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO codes (id, parent_id, name, color, description, position, created, updated, seed_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(nextId(this.db, 'codes'), parentId, name, input.color, input.description ?? '', position, at, at, input.seedKey ?? null);
    const id = Number(lastInsertRowid);
    logChange(this.db, 'code', id, 'create', null, this.row(id));
    return this.get(id);
  }

  update(id: number, patch: { name?: string; color?: string; parentId?: number | null; description?: string }): Code {
    const before = this.row(id);
    if (!before) throw new NotFoundError(`There is no code ${id} in the codebook; it may have been deleted.`);
    const name = patch.name === undefined ? before.name : patch.name.trim();
    if (!name) throw new InputError('A code needs a name.', 'name');
    const parentId = patch.parentId === undefined ? before.parent_id : patch.parentId;
    if (parentId !== null) {
      this.requireAll([parentId]);
      // Walk up from the new parent: meeting the code itself would make a cycle.
      for (let p: number | null = parentId; p !== null; p = this.row(p)?.parent_id ?? null) {
        if (p === id) throw new InputError('A code cannot be nested inside itself or one of its own sub-codes.', 'parentId');
      }
    }
    this.requireUniqueName(name, parentId, id);
    this.db
      .prepare('UPDATE codes SET name = ?, color = ?, parent_id = ?, description = ?, updated = ? WHERE id = ?')
      .run(name, patch.color ?? before.color, parentId, patch.description ?? before.description, now(), id);
    logChange(this.db, 'code', id, 'update', before, this.row(id));
    return this.get(id);
  }

  /** Deletes a code; its sub-codes move up to its parent, and annotations simply lose the code. */
  delete(id: number): { row: CodeRow; children: number[]; annotationIds: number[]; noteIds: number[] } {
    const row = this.row(id);
    if (!row) throw new NotFoundError(`There is no code ${id} in the codebook; it may have been deleted.`);
    const children = (this.db.prepare('SELECT id FROM codes WHERE parent_id = ?').all(id) as { id: number }[]).map((r) => r.id);
    const annotationIds = (this.db.prepare('SELECT annotation_id AS id FROM annotation_codes WHERE code_id = ?').all(id) as { id: number }[]).map((r) => r.id);
    const noteIds = (this.db.prepare('SELECT note_id AS id FROM note_codes WHERE code_id = ?').all(id) as { id: number }[]).map((r) => r.id);
    this.db.prepare('UPDATE codes SET parent_id = ? WHERE parent_id = ?').run(row.parent_id, id);
    this.db.prepare('DELETE FROM codes WHERE id = ?').run(id);
    logChange(this.db, 'code', id, 'delete', { row, children, annotationIds, noteIds }, null);
    return { row, children, annotationIds, noteIds };
  }

  /** Puts back a deleted code exactly as it was, with its id, nesting and links (undo). */
  restore(snapshot: { row: CodeRow; children: number[]; annotationIds: number[]; noteIds: number[] }): Code {
    const r = snapshot.row;
    const parent = r.parent_id !== null && this.row(r.parent_id) ? r.parent_id : null;
    this.db
      .prepare('INSERT INTO codes (id, parent_id, name, color, description, position, created, updated, seed_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(r.id, parent, r.name, r.color, r.description, r.position, r.created, now(), r.seed_key);
    for (const child of snapshot.children) this.db.prepare('UPDATE codes SET parent_id = ? WHERE id = ?').run(r.id, child);
    for (const a of snapshot.annotationIds) this.db.prepare('INSERT OR IGNORE INTO annotation_codes (annotation_id, code_id) SELECT id, ? FROM annotations WHERE id = ?').run(r.id, a);
    for (const n of snapshot.noteIds) this.db.prepare('INSERT OR IGNORE INTO note_codes (note_id, code_id) SELECT id, ? FROM notes WHERE id = ?').run(r.id, n);
    logChange(this.db, 'code', r.id, 'create', null, r);
    return this.get(r.id);
  }

  private requireUniqueName(name: string, parentId: number | null, exceptId: number | null): void {
    const clash = this.db
      .prepare('SELECT id FROM codes WHERE name = ? COLLATE NOCASE AND parent_id IS ? AND id IS NOT ?')
      .get(name, parentId, exceptId);
    if (clash) throw new InputError(`There is already a code named “${name}” at that level of the codebook.`, 'name');
  }
}
