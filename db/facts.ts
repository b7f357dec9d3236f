import type { Database } from 'better-sqlite3';
import { CodePointIndex, describePassage, rangeProblem } from '../common/text';
import { logChange, now } from './changeLog';
import { InputError, NotFoundError } from './errors';

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

  create(input: FactInput): Fact {
    const checked = this.check(input);
    const at = now();
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO facts (subject_id, relation, object_id, object_text, time, place_id, source_id, reliability, credibility, status,
          grading_note, document_id, evidence_start, evidence_end, evidence_exact, evidence_prefix, evidence_suffix, created, updated, seed_key)
         VALUES (@subjectId, @relation, @objectId, @objectText, @time, @placeId, @sourceId, @reliability, @credibility, @status,
          @gradingNote, @documentId, @start, @end, @exact, @prefix, @suffix, @at, @at, @seedKey)`,
      )
      .run({ ...checked, at, seedKey: input.seedKey ?? null });
    const fact = this.get(Number(lastInsertRowid));
    logChange(this.db, 'fact', fact.id, 'create', null, fact);
    return fact;
  }

  /** Validates references and the evidence passage; returns the row's column values. */
  private check(input: FactInput) {
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
      time: input.time ?? null,
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
