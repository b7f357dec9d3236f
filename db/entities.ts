import type { Database } from 'better-sqlite3';
import { logChange, now } from './changeLog';
import { InputError, NotFoundError } from './errors';

export const ENTITY_KINDS = ['person', 'organisation', 'place', 'event'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface Entity {
  id: number;
  kind: EntityKind;
  name: string;
  aliases: string[];
  role: string;
  affiliationId: number | null;
  affiliation: string | null;
  mentionCount: number;
  factCount: number;
  created: string;
  updated: string;
}

export interface EntityInput {
  kind: EntityKind;
  name: string;
  aliases?: string[];
  role?: string;
  affiliationId?: number | null;
  seedKey?: string;
}

const select = `
  SELECT e.id, e.kind, e.name, e.aliases, e.role, e.affiliation_id AS affiliationId, a.name AS affiliation,
    (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentionCount,
    (SELECT count(*) FROM facts f WHERE f.subject_id = e.id OR f.source_id = e.id) AS factCount,
    e.created, e.updated
  FROM entities e LEFT JOIN entities a ON a.id = e.affiliation_id`;

function fromRow(row: Record<string, unknown>): Entity {
  return { ...(row as unknown as Entity), aliases: JSON.parse(row.aliases as string) as string[] };
}

export class Entities {
  constructor(private readonly db: Database) {}

  list(): Entity[] {
    return (this.db.prepare(`${select} ORDER BY e.kind, e.name`).all() as Record<string, unknown>[]).map(fromRow);
  }

  get(id: number): Entity {
    const row = this.db.prepare(`${select} WHERE e.id = ?`).get(id) as Record<string, unknown> | undefined;
    if (!row) throw new NotFoundError(`There is no entity ${id}; it may have been merged or deleted.`);
    return fromRow(row);
  }

  exists(id: number): boolean {
    return this.db.prepare('SELECT 1 FROM entities WHERE id = ?').get(id) !== undefined;
  }

  idBySeedKey(key: string): number | undefined {
    return (this.db.prepare('SELECT id FROM entities WHERE seed_key = ?').get(key) as { id: number } | undefined)?.id;
  }

  create(input: EntityInput): Entity {
    const name = input.name.trim();
    if (!name) throw new InputError('An entity needs a name.', 'name');
    if (input.affiliationId != null && !this.exists(input.affiliationId)) {
      throw new InputError(`The affiliation (entity ${input.affiliationId}) does not exist.`, 'affiliationId');
    }
    const at = now();
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO entities (kind, name, aliases, role, affiliation_id, created, updated, seed_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(input.kind, name, JSON.stringify(input.aliases ?? []), input.role ?? '', input.affiliationId ?? null, at, at, input.seedKey ?? null);
    const entity = this.get(Number(lastInsertRowid));
    logChange(this.db, 'entity', entity.id, 'create', null, entity);
    return entity;
  }

  setAffiliation(id: number, affiliationId: number | null): void {
    this.db.prepare('UPDATE entities SET affiliation_id = ?, updated = ? WHERE id = ?').run(affiliationId, now(), id);
  }

  addMention(entityId: number, documentId: number, start: number, end: number, exact: string): void {
    this.db.prepare('INSERT INTO mentions (entity_id, document_id, start, end, exact) VALUES (?, ?, ?, ?, ?)').run(entityId, documentId, start, end, exact);
  }

  mentions(documentId: number): { id: number; entityId: number; start: number; end: number; exact: string }[] {
    return this.db
      .prepare('SELECT id, entity_id AS entityId, start, end, exact FROM mentions WHERE document_id = ? ORDER BY start')
      .all(documentId) as { id: number; entityId: number; start: number; end: number; exact: string }[];
  }
}
