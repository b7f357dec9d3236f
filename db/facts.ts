import type { Database } from 'better-sqlite3';
import { aKind, canBeSource } from '../common/grading';
import { CodePointIndex, describePassage, rangeProblem } from '../common/text';
import { logChange, now } from './changeLog';
import { InputError, NotFoundError } from './errors';
import { nextId } from './ids';

export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const FACT_STATUSES = ['confirmed', 'reported', 'claimed', 'denied', 'assessed', 'expected'] as const;
export type Reliability = (typeof RELIABILITY)[number];
export type FactStatus = (typeof FACT_STATUSES)[number];
export type AnchorState = 'anchored' | 'fuzzy' | 'orphaned';

export interface Fact {
  id: number;
  subjectId: number;
  subject: string;
  relation: string;
  objectId: number | null;
  object: string;
  time: string | null;
  placeId: number | null;
  place: string | null;
  sourceId: number | null;
  source: string | null;
  reliability: Reliability;
  credibility: number;
  status: FactStatus;
  gradingNote: string;
  documentId: number | null;
  evidenceStart: number | null;
  evidenceEnd: number | null;
  evidenceExact: string;
  evidenceAnchor: AnchorState;
  created: string;
  updated: string;
}

export interface FactInput {
  subjectId: number;
  relation: string;
  objectId?: number | null;
  objectText?: string;
  time?: string | null;
  placeId?: number | null;
  sourceId?: number | null;
  reliability: Reliability;
  credibility: number;
  status: FactStatus;
  gradingNote?: string;
  evidence?: { documentId: number; start: number; end: number } | null;
  seedKey?: string;
}

/** A date as precise as the source allows: a year, a month or a day. */
const ISO_PARTIAL = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** A partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD) that names a real day: not 2023-02-30 or 2024-04-31. */
function isPartialDate(text: string): boolean {
  if (!ISO_PARTIAL.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number);
  if (day === undefined) return true;
  // Day 0 of the next month is this month's last day (months count from 0 in Date.UTC; UTC so no time zone moves it).
  return day <= new Date(Date.UTC(year!, month!, 0)).getUTCDate();
}

export interface FactRow {
  id: number;
  subject_id: number;
  relation: string;
  object_id: number | null;
  object_text: string;
  time: string | null;
  place_id: number | null;
  source_id: number | null;
  reliability: Reliability;
  credibility: number;
  status: FactStatus;
  grading_note: string;
  document_id: number | null;
  evidence_start: number | null;
  evidence_end: number | null;
  evidence_exact: string;
  evidence_prefix: string;
  evidence_suffix: string;
  evidence_anchor: AnchorState;
  created: string;
  updated: string;
  seed_key: string | null;
}

export type FactPatch = Partial<Omit<FactInput, 'evidence' | 'seedKey'>>;

export interface FactQuery {
  offset: number;
  limit: number;
  documentId?: number;
  quick?: string;
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  filters?: { field: string; op: 'contains' | 'equals' | 'in'; value: string; values?: string[] }[];
}

// Grid columns that can be sorted and filtered, and the SQL each stands for.
const SORTABLE: Record<string, string> = {
  id: 'f.id',
  subject: 's.name',
  relation: 'f.relation',
  object: 'coalesce(o.name, f.object_text)',
  time: 'f.time',
  place: 'p.name',
  source: 'src.name',
  reliability: 'f.reliability',
  credibility: 'f.credibility',
  status: 'f.status',
  evidenceExact: 'f.evidence_exact',
  gradingNote: 'f.grading_note',
  created: 'f.created',
  updated: 'f.updated',
};
const QUICK_COLUMNS = ['s.name', 'f.relation', 'coalesce(o.name, f.object_text)', 'src.name', 'p.name', 'f.evidence_exact', 'f.status'];

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const select = `
  SELECT f.id, f.subject_id AS subjectId, s.name AS subject, f.relation,
    f.object_id AS objectId, coalesce(o.name, f.object_text) AS object,
    f.time, f.place_id AS placeId, p.name AS place, f.source_id AS sourceId, src.name AS source,
    f.reliability, f.credibility, f.status, f.grading_note AS gradingNote,
    f.document_id AS documentId, f.evidence_start AS evidenceStart, f.evidence_end AS evidenceEnd,
    f.evidence_exact AS evidenceExact, f.evidence_anchor AS evidenceAnchor, f.created, f.updated
  FROM facts f
  JOIN entities s ON s.id = f.subject_id
  LEFT JOIN entities o ON o.id = f.object_id
  LEFT JOIN entities p ON p.id = f.place_id
  LEFT JOIN entities src ON src.id = f.source_id`;

export class Facts {
  constructor(private readonly db: Database) {}

  list(filter: { documentId?: number } = {}): Fact[] {
    if (filter.documentId !== undefined) {
      return this.db.prepare(`${select} WHERE f.document_id = ? ORDER BY f.evidence_start, f.id`).all(filter.documentId) as Fact[];
    }
    return this.db.prepare(`${select} ORDER BY f.id`).all() as Fact[];
  }

  get(id: number): Fact {
    const row = this.db.prepare(`${select} WHERE f.id = ?`).get(id) as Fact | undefined;
    if (!row) throw new NotFoundError(`There is no fact ${id}; it may have been deleted.`);
    return row;
  }

  /** One page of facts for a grid that loads rows as they scroll into view. */
  page(query: FactQuery): { rows: Fact[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.documentId !== undefined) {
      where.push('f.document_id = @documentId');
      params.documentId = query.documentId;
    }
    if (query.quick?.trim()) {
      where.push(`(${QUICK_COLUMNS.map((c) => `${c} LIKE @quick ESCAPE '\\'`).join(' OR ')})`);
      params.quick = `%${likeEscape(query.quick.trim())}%`;
    }
    for (const [i, f] of (query.filters ?? []).entries()) {
      // Own keys only: a field named "constructor" must not find Object.prototype's.
      if (!Object.hasOwn(SORTABLE, f.field)) continue;
      const column = SORTABLE[f.field]!;
      const key = `f${i}`;
      if (f.op === 'contains') {
        where.push(`${column} LIKE @${key} ESCAPE '\\'`);
        params[key] = `%${likeEscape(f.value)}%`;
      } else if (f.op === 'equals') {
        where.push(`${column} = @${key}`);
        params[key] = f.value;
      } else if (f.op === 'in') {
        where.push(`${column} IN (SELECT value FROM json_each(@${key}))`);
        params[key] = JSON.stringify(f.values ?? []);
      }
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = (query.sort ?? [])
      .filter((s) => Object.hasOwn(SORTABLE, s.field))
      .map((s) => `${SORTABLE[s.field]} ${s.direction === 'desc' ? 'DESC' : 'ASC'}`);
    order.push('f.id');
    const total = (this.db.prepare(`SELECT count(*) AS n FROM (${select} ${whereSql})`).get(params) as { n: number }).n;
    const rows = this.db.prepare(`${select} ${whereSql} ORDER BY ${order.join(', ')} LIMIT @limit OFFSET @offset`).all({ ...params, limit: query.limit, offset: query.offset }) as Fact[];
    return { rows, total };
  }

  /** The stored row, for undo. */
  row(id: number): FactRow {
    const row = this.db.prepare('SELECT * FROM facts WHERE id = ?').get(id) as FactRow | undefined;
    if (!row) throw new NotFoundError(`There is no fact ${id}; it may have been deleted.`);
    return row;
  }

  update(id: number, patch: FactPatch): Fact {
    const before = this.row(id);
    const merged: FactInput = {
      subjectId: patch.subjectId ?? before.subject_id,
      relation: patch.relation ?? before.relation,
      objectId: patch.objectId !== undefined ? patch.objectId : patch.objectText !== undefined ? null : before.object_id,
      objectText: patch.objectText ?? before.object_text,
      time: patch.time !== undefined ? patch.time : before.time,
      placeId: patch.placeId !== undefined ? patch.placeId : before.place_id,
      sourceId: patch.sourceId !== undefined ? patch.sourceId : before.source_id,
      reliability: patch.reliability ?? before.reliability,
      credibility: patch.credibility ?? before.credibility,
      status: patch.status ?? before.status,
      gradingNote: patch.gradingNote ?? before.grading_note,
    };
    const c = this.check(merged, before.source_id);
    if (!c.objectId && !c.objectText) throw new InputError('A fact needs an object: pick an entity or type what the subject did it to.', 'object');
    this.db
      .prepare(
        `UPDATE facts SET subject_id = @subjectId, relation = @relation, object_id = @objectId, object_text = @objectText, time = @time, place_id = @placeId,
          source_id = @sourceId, reliability = @reliability, credibility = @credibility, status = @status, grading_note = @gradingNote, updated = @at WHERE id = @id`,
      )
      .run({ ...c, at: now(), id });
    const after = this.get(id);
    logChange(this.db, 'fact', id, 'update', before, this.row(id));
    return after;
  }

  delete(id: number): FactRow {
    const row = this.row(id);
    this.db.prepare('DELETE FROM facts WHERE id = ?').run(id);
    logChange(this.db, 'fact', id, 'delete', row, null);
    return row;
  }

  /** Puts back a row exactly as it was (undo of delete or of an edit). */
  restore(row: FactRow): Fact {
    const columns = Object.keys(row);
    this.db.prepare(`INSERT OR REPLACE INTO facts (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
    logChange(this.db, 'fact', row.id, 'create', null, row);
    return this.get(row.id);
  }

  create(input: FactInput): Fact {
    const checked = this.check(input);
    if (!checked.objectId && !checked.objectText) throw new InputError('A fact needs an object: pick an entity or type what the subject did it to.', 'object');
    const at = now();
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO facts (id, subject_id, relation, object_id, object_text, time, place_id, source_id, reliability, credibility, status,
          grading_note, document_id, evidence_start, evidence_end, evidence_exact, evidence_prefix, evidence_suffix, created, updated, seed_key)
         VALUES (@id, @subjectId, @relation, @objectId, @objectText, @time, @placeId, @sourceId, @reliability, @credibility, @status,
          @gradingNote, @documentId, @start, @end, @exact, @prefix, @suffix, @at, @at, @seedKey)`,
      )
      .run({ ...checked, id: nextId(this.db, 'facts'), at, seedKey: input.seedKey ?? null });
    const fact = this.get(Number(lastInsertRowid));
    logChange(this.db, 'fact', fact.id, 'create', null, fact);
    return fact;
  }

  /**
   * Validates references and the evidence passage; returns the row's column values. `keptSource`
   * is the source an edited fact already has: one stored before sources had to be a person or an
   * organisation does not stop the analyst correcting the fact's other fields.
   */
  private check(input: FactInput, keptSource?: number | null) {
    if (input.time != null && input.time !== '' && !isPartialDate(input.time)) {
      throw new InputError(`“${input.time}” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, with a day the month has.`, 'time');
    }
    const relation = input.relation.trim();
    if (!relation) throw new InputError('A fact needs a relation (what the subject did or said).', 'relation');
    const refs: [keyof FactInput, number | null | undefined, string][] = [
      ['subjectId', input.subjectId, 'subject'],
      ['objectId', input.objectId, 'object'],
      ['placeId', input.placeId, 'place'],
      ['sourceId', input.sourceId, 'source'],
    ];
    for (const [field, id, label] of refs) {
      if (id != null && !this.db.prepare('SELECT 1 FROM entities WHERE id = ?').get(id)) {
        throw new InputError(`The ${label} (entity ${id}) does not exist; pick one from the list.`, field);
      }
    }
    if (input.sourceId != null && input.sourceId !== keptSource) {
      const source = this.db.prepare('SELECT name, kind FROM entities WHERE id = ?').get(input.sourceId) as { name: string; kind: string };
      if (!canBeSource(source.kind)) {
        throw new InputError(`“${source.name}” is ${aKind(source.kind)}; a fact’s source must be a person or an organisation. Pick who said or reported it, or leave the source empty.`, 'sourceId');
      }
    }
    let evidence = { documentId: null as number | null, start: null as number | null, end: null as number | null, exact: '', prefix: '', suffix: '' };
    if (input.evidence) {
      const doc = this.db.prepare('SELECT text FROM documents WHERE id = ?').get(input.evidence.documentId) as { text: string } | undefined;
      if (!doc) throw new InputError(`The evidence document ${input.evidence.documentId} does not exist.`, 'evidence');
      const index = new CodePointIndex(doc.text);
      const problem = rangeProblem(index, input.evidence.start, input.evidence.end);
      if (problem) throw new InputError(problem, 'evidence');
      evidence = { documentId: input.evidence.documentId, ...describePassage(index, input.evidence.start, input.evidence.end) };
    }
    return {
      subjectId: input.subjectId,
      relation,
      objectId: input.objectId ?? null,
      objectText: input.objectId != null ? '' : (input.objectText ?? '').trim(),
      time: input.time || null,
      placeId: input.placeId ?? null,
      sourceId: input.sourceId ?? null,
      reliability: input.reliability,
      credibility: input.credibility,
      status: input.status,
      gradingNote: input.gradingNote ?? '',
      ...evidence,
    };
  }
}
