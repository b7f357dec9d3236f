import type { Database } from 'better-sqlite3';
import { anchor } from '../common/anchoring';
import { CodePointIndex, describePassage, rangeProblem } from '../common/text';
import { logChange, now } from './changeLog';
import type { Codes } from './codes';
import { InputError, NotFoundError } from './errors';
import type { AnchorState } from './facts';
import { nextId } from './ids';

export interface Annotation {
  id: number;
  documentId: number;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  comment: string;
  anchor: AnchorState;
  codeIds: number[];
  created: string;
  updated: string;
}

/** What painting and hit-testing an annotation needs: where it is, its codes, whether it anchored. */
export interface Span {
  id: number;
  start: number;
  end: number;
  anchor: AnchorState;
  codeIds: number[];
}

/**
 * A document's spans since a cursor: only those created, changed or removed after it when the
 * change log says exactly which (`full` false), or all of them (`full` true) for a first load, an
 * unknown cursor, or changes that touch annotations in bulk (an import, a corrected text, a deleted
 * or restored code).
 */
export interface SpanSync {
  cursor: number;
  full: boolean;
  spans: Span[];
  removed: number[];
}

/** Whether a logged change leaves every annotation row as it was or names the one it changed. */
function isPrecise(change: { kind: string; rowId: number | null; action: string }): boolean {
  switch (change.kind) {
    case 'annotation':
      return change.rowId !== null;
    case 'fact':
    case 'note':
    case 'entity':
      return true;
    case 'code':
      return change.action === 'update'; // renamed, recoloured or moved: annotations keep their codes
    case 'document':
      return change.action === 'create';
    default:
      return false;
  }
}

/** Beyond this many changes a full list is as cheap as the changes. */
const MAX_CHANGES = 5000;

const spanSelect = `SELECT a.id, a.start, a.end, a.anchor, group_concat(ac.code_id) AS codes
  FROM annotations a LEFT JOIN annotation_codes ac ON ac.annotation_id = a.id`;

function toSpan(row: { id: number; start: number; end: number; anchor: AnchorState; codes: string | null }): Span {
  const codeIds = row.codes === null ? [] : row.codes.split(',').map(Number);
  if (codeIds.length > 1) codeIds.sort((x, y) => x - y);
  return { id: row.id, start: row.start, end: row.end, anchor: row.anchor, codeIds };
}

/** Everything needed to put a deleted annotation back as it was. */
export type AnnotationSnapshot = Annotation;

const select = `SELECT a.id, a.document_id AS documentId, a.start, a.end, a.exact, a.prefix, a.suffix, a.comment, a.anchor,
  (SELECT json_group_array(code_id) FROM (SELECT code_id FROM annotation_codes WHERE annotation_id = a.id ORDER BY code_id)) AS codeIds,
  a.created, a.updated FROM annotations a`;

function fromRow(row: Record<string, unknown>): Annotation {
  return { ...(row as unknown as Annotation), codeIds: JSON.parse(row.codeIds as string) as number[] };
}

export class Annotations {
  constructor(
    private readonly db: Database,
    private readonly codes: Codes,
  ) {}

  list(filter: { documentId?: number } = {}): Annotation[] {
    const rows =
      filter.documentId === undefined
        ? this.db.prepare(`${select} ORDER BY a.document_id, a.start, a.id`).all()
        : this.db.prepare(`${select} WHERE a.document_id = ? ORDER BY a.start, a.id`).all(filter.documentId);
    return (rows as Record<string, unknown>[]).map(fromRow);
  }

  /** The listed annotations of a document, in text order; ids it does not hold are left out. */
  listIds(documentId: number, ids: readonly number[]): Annotation[] {
    if (ids.length === 0) return [];
    const rows = this.db.prepare(`${select} WHERE a.document_id = ? AND a.id IN (SELECT value FROM json_each(?)) ORDER BY a.start, a.id`).all(documentId, JSON.stringify(ids));
    return (rows as Record<string, unknown>[]).map(fromRow);
  }

  /** A document's spans, all of them or only what changed since `since` (see SpanSync). */
  spans(documentId: number, since?: number): SpanSync {
    return this.db.transaction((): SpanSync => {
      const cursor = (this.db.prepare('SELECT coalesce(max(id), 0) AS n FROM change_log').get() as { n: number }).n;
      if (since !== undefined && since <= cursor) {
        const changes = this.db
          .prepare(`SELECT kind, row_id AS rowId, action FROM change_log WHERE id > ? ORDER BY id LIMIT ${MAX_CHANGES + 1}`)
          .all(since) as { kind: string; rowId: number | null; action: string }[];
        if (changes.length <= MAX_CHANGES && changes.every(isPrecise)) {
          const ids = [...new Set(changes.filter((c) => c.kind === 'annotation').map((c) => c.rowId!))];
          const spans = ids.length === 0 ? [] : (this.db.prepare(`${spanSelect} WHERE a.document_id = ? AND a.id IN (SELECT value FROM json_each(?)) GROUP BY a.id ORDER BY a.start, a.id`).all(documentId, JSON.stringify(ids)) as Parameters<typeof toSpan>[0][]).map(toSpan);
          const kept = new Set(spans.map((s) => s.id));
          return { cursor, full: false, spans, removed: ids.filter((id) => !kept.has(id)) };
        }
      }
      const rows = this.db.prepare(`${spanSelect} WHERE a.document_id = ? GROUP BY a.id ORDER BY a.start, a.id`).all(documentId) as Parameters<typeof toSpan>[0][];
      return { cursor, full: true, spans: rows.map(toSpan), removed: [] };
    })();
  }

  get(id: number): Annotation {
    const row = this.db.prepare(`${select} WHERE a.id = ?`).get(id) as Record<string, unknown> | undefined;
    if (!row) throw new NotFoundError(`There is no annotation ${id}; it may have been deleted.`);
    return fromRow(row);
  }

  create(input: { documentId: number; start: number; end: number; codeIds?: number[]; comment?: string }): Annotation {
    const doc = this.db.prepare('SELECT text FROM documents WHERE id = ?').get(input.documentId) as { text: string } | undefined;
    if (!doc) throw new InputError(`Document ${input.documentId} does not exist; it may have been deleted.`, 'documentId');
    const index = new CodePointIndex(doc.text);
    const problem = rangeProblem(index, input.start, input.end);
    if (problem) throw new InputError(problem, 'start');
    const codeIds = [...new Set(input.codeIds ?? [])];
    this.codes.requireAll(codeIds);
    const p = describePassage(index, input.start, input.end);
    const at = now();
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO annotations (id, document_id, start, end, exact, prefix, suffix, comment, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(nextId(this.db, 'annotations'), input.documentId, p.start, p.end, p.exact, p.prefix, p.suffix, input.comment ?? '', at, at);
    const id = Number(lastInsertRowid);
    this.setCodes(id, codeIds);
    const created = this.get(id);
    logChange(this.db, 'annotation', id, 'create', null, created);
    return created;
  }

  update(id: number, patch: { codeIds?: number[]; comment?: string }): Annotation {
    const before = this.get(id);
    if (patch.codeIds) {
      const codeIds = [...new Set(patch.codeIds)];
      this.codes.requireAll(codeIds);
      this.db.prepare('DELETE FROM annotation_codes WHERE annotation_id = ?').run(id);
      this.setCodes(id, codeIds);
    }
    this.db.prepare('UPDATE annotations SET comment = ?, updated = ? WHERE id = ?').run(patch.comment ?? before.comment, now(), id);
    const after = this.get(id);
    logChange(this.db, 'annotation', id, 'update', before, after);
    return after;
  }

  delete(id: number): AnnotationSnapshot {
    const before = this.get(id);
    this.db.prepare('DELETE FROM annotations WHERE id = ?').run(id);
    logChange(this.db, 'annotation', id, 'delete', before, null);
    return before;
  }

  /** Puts a deleted annotation back with its id, selectors, codes and timestamps (undo of delete). */
  restore(snapshot: AnnotationSnapshot): Annotation {
    const doc = this.db.prepare('SELECT text FROM documents WHERE id = ?').get(snapshot.documentId) as { text: string } | undefined;
    if (!doc) throw new InputError('The annotation’s document no longer exists, so it cannot be restored.', 'documentId');
    // The text may have been corrected since: find the passage again rather than trusting old offsets.
    let s = snapshot;
    const index = new CodePointIndex(doc.text);
    const found = anchor(index, snapshot);
    if (found.state !== 'orphaned' && (found.start !== s.start || found.end !== s.end)) s = { ...s, ...describePassage(index, found.start, found.end), anchor: found.state };
    else if (found.state === 'orphaned') s = { ...s, anchor: 'orphaned' };
    this.db
      .prepare('INSERT INTO annotations (id, document_id, start, end, exact, prefix, suffix, comment, anchor, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(s.id, s.documentId, s.start, s.end, s.exact, s.prefix, s.suffix, s.comment, s.anchor, s.created, now());
    this.setCodes(s.id, s.codeIds.filter((c) => this.codes.row(c)));
    const restored = this.get(s.id);
    logChange(this.db, 'annotation', s.id, 'create', null, restored);
    return restored;
  }

  private setCodes(id: number, codeIds: readonly number[]): void {
    const insert = this.db.prepare('INSERT INTO annotation_codes (annotation_id, code_id) VALUES (?, ?)');
    for (const c of codeIds) insert.run(id, c);
  }
}
