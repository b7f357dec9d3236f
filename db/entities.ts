import type { Database } from 'better-sqlite3';
import { aKind, canBeSource } from '../common/grading';
import { logChange, now } from './changeLog';
import { InputError, NotFoundError } from './errors';
import { nextId } from './ids';

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

export interface EntityRow {
  id: number;
  kind: EntityKind;
  name: string;
  aliases: string;
  role: string;
  affiliation_id: number | null;
  created: string;
  updated: string;
  seed_key: string | null;
}

/** A note's link to the merged entity, as it was stored before the merge. */
export interface MergedNoteLink {
  id: number;
  noteId: number;
  created: string;
}

export interface MergeSnapshot {
  kept: EntityRow;
  merged: EntityRow;
  mentions: number[];
  facts: Record<'subject_id' | 'object_id' | 'place_id' | 'source_id', number[]>;
  /** Whole links, not ids: a link the merge drops as a duplicate must come back as it was. Undo
   * entries written before links were kept whole hold bare ids; those can only be moved back. */
  noteLinks: (MergedNoteLink | number)[];
  affiliated: number[];
}

/** What an edit changes; a field left out keeps its value. */
export interface EntityPatch {
  kind?: EntityKind;
  name?: string;
  aliases?: string[];
  role?: string;
  affiliationId?: number | null;
}

/** A deleted entity as it was, and the entities that named it as their affiliation. */
export interface EntityDeletion {
  row: EntityRow;
  affiliated: number[];
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

/** The aliases as kept: trimmed, without blanks, repeats or the name itself. */
function cleanAliases(name: string, aliases: readonly string[]): string[] {
  const kept: string[] = [];
  for (const alias of aliases.map((a) => a.trim())) if (alias && alias !== name && !kept.includes(alias)) kept.push(alias);
  return kept;
}

const ROLES = { subject_id: 'subject', object_id: 'object', place_id: 'place', source_id: 'source' } as const;

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

  row(id: number): EntityRow {
    const row = this.db.prepare('SELECT * FROM entities WHERE id = ?').get(id) as EntityRow | undefined;
    if (!row) throw new NotFoundError(`There is no entity ${id}; it may have been merged or deleted.`);
    return row;
  }

  create(input: EntityInput): Entity {
    const name = input.name.trim();
    if (!name) throw new InputError('An entity needs a name.', 'name');
    const aliases = cleanAliases(name, input.aliases ?? []);
    // The seed names its entities once, on a new store; what an analyst adds is checked.
    if (input.seedKey === undefined) this.checkNew(null, input.kind, name, aliases, input.affiliationId ?? null, []);
    else if (input.affiliationId != null && !this.exists(input.affiliationId)) {
      throw new InputError(`The affiliation (entity ${input.affiliationId}) does not exist.`, 'affiliationId');
    }
    const at = now();
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO entities (id, kind, name, aliases, role, affiliation_id, created, updated, seed_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(nextId(this.db, 'entities'), input.kind, name, JSON.stringify(aliases), input.role?.trim() ?? '', input.affiliationId ?? null, at, at, input.seedKey ?? null);
    const entity = this.get(Number(lastInsertRowid));
    logChange(this.db, 'entity', entity.id, 'create', null, entity);
    return entity;
  }

  /**
   * Changes an entity's kind, name, aliases, role or affiliation. Returns the row as it was before,
   * for undo, and whether its names changed (then its mentions must be found again).
   */
  update(id: number, patch: EntityPatch): { before: EntityRow; renamed: boolean } {
    const before = this.row(id);
    const oldNames = [before.name, ...(JSON.parse(before.aliases) as string[])];
    const kind = patch.kind ?? before.kind;
    const name = patch.name === undefined ? before.name : patch.name.trim();
    if (!name) throw new InputError('An entity needs a name.', 'name');
    const aliases = cleanAliases(name, patch.aliases ?? (JSON.parse(before.aliases) as string[]));
    const role = patch.role === undefined ? before.role : patch.role.trim();
    const affiliationId = patch.affiliationId === undefined ? before.affiliation_id : patch.affiliationId;
    this.checkNew(id, kind, name, aliases, affiliationId, oldNames);
    this.db
      .prepare('UPDATE entities SET kind = ?, name = ?, aliases = ?, role = ?, affiliation_id = ?, updated = ? WHERE id = ?')
      .run(kind, name, JSON.stringify(aliases), role, affiliationId, now(), id);
    const after = this.row(id);
    logChange(this.db, 'entity', id, 'update', before, after);
    const names = [name, ...aliases];
    return { before, renamed: names.length !== oldNames.length || names.some((n, i) => n !== oldNames[i]) };
  }

  /** Puts an entity's fields back as a row held them (undo and redo of an edit), through the same checks. */
  put(row: EntityRow): { renamed: boolean } {
    return this.update(row.id, { kind: row.kind, name: row.name, aliases: JSON.parse(row.aliases) as string[], role: row.role, affiliationId: row.affiliation_id });
  }

  /**
   * Deletes an entity that no fact names; its mentions go with it and the entities affiliated with
   * it lose that affiliation. Notes linked to it keep the link, shown as broken. Returns what undo needs.
   */
  delete(id: number): EntityDeletion {
    const row = this.row(id);
    const uses = Object.entries(ROLES).flatMap(([column, role]) => {
      const n = (this.db.prepare(`SELECT count(*) AS n FROM facts WHERE ${column} = ?`).get(id) as { n: number }).n;
      return n ? [`${role} of ${n === 1 ? 'a fact' : `${n} facts`}`] : [];
    });
    if (uses.length) {
      throw new InputError(`“${row.name}” is the ${uses.join(' and ')}, so it cannot be deleted. Merge it into the entity it duplicates, or change those facts first.`, 'id');
    }
    const affiliated = (this.db.prepare('SELECT id FROM entities WHERE affiliation_id = ? ORDER BY id').all(id) as { id: number }[]).map((r) => r.id);
    this.db.prepare('UPDATE entities SET affiliation_id = NULL WHERE affiliation_id = ?').run(id);
    this.db.prepare('DELETE FROM entities WHERE id = ?').run(id);
    logChange(this.db, 'entity', id, 'delete', row, null);
    return { row, affiliated };
  }

  /** Undoes a delete: the entity comes back with its id, and its affiliates name it again. */
  restore(s: EntityDeletion): void {
    const r = s.row;
    this.db
      .prepare('INSERT INTO entities (id, kind, name, aliases, role, affiliation_id, created, updated, seed_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(r.id, r.kind, r.name, r.aliases, r.role, r.affiliation_id !== null && this.exists(r.affiliation_id) ? r.affiliation_id : null, r.created, r.updated, r.seed_key);
    const affiliate = this.db.prepare('UPDATE entities SET affiliation_id = ? WHERE id = ? AND affiliation_id IS NULL');
    for (const other of s.affiliated) affiliate.run(r.id, other);
    logChange(this.db, 'entity', r.id, 'create', null, r);
  }

  /**
   * What an entity may be: its affiliation exists and does not lead back to it; it is not made a
   * place or an event while facts cite it as their source; and no new name of it already names
   * another entity (then the article's mentions of that name could not say which one is meant).
   */
  private checkNew(id: number | null, kind: EntityKind, name: string, aliases: string[], affiliationId: number | null, oldNames: string[]): void {
    if (affiliationId !== null) {
      if (!this.exists(affiliationId)) throw new InputError(`The affiliation (entity ${affiliationId}) does not exist; it may have been merged or deleted.`, 'affiliationId');
      const chain = this.db.prepare('SELECT name, affiliation_id AS next FROM entities WHERE id = ?');
      const seen = new Set<number>();
      for (let at: number | null = affiliationId; at !== null && !seen.has(at); ) {
        if (at === id) {
          throw new InputError(`“${name}” cannot be affiliated with ${affiliationId === id ? 'itself' : `“${this.row(affiliationId).name}”, which is affiliated with it`}.`, 'affiliationId');
        }
        seen.add(at);
        at = (chain.get(at) as { next: number | null } | undefined)?.next ?? null;
      }
    }
    if (id !== null && !canBeSource(kind)) {
      const cited = (this.db.prepare('SELECT count(*) AS n FROM facts WHERE source_id = ?').get(id) as { n: number }).n;
      if (cited > 0) throw new InputError(`“${name}” is the source of ${cited === 1 ? 'a fact' : `${cited} facts`}, and ${aKind(kind)} cannot be a source. Change those facts’ source first.`, 'kind');
    }
    const others = this.db.prepare('SELECT id, name, aliases FROM entities WHERE id IS NOT ?').all(id) as { id: number; name: string; aliases: string }[];
    const taken = new Map<string, string>();
    for (const o of others) for (const n of [o.name, ...(JSON.parse(o.aliases) as string[])]) taken.set(n.toLowerCase(), o.name);
    for (const [field, n] of [['name', name] as const, ...aliases.map((a) => ['aliases', a] as const)]) {
      if (oldNames.includes(n)) continue;
      const owner = taken.get(n.toLowerCase());
      if (owner === undefined) continue;
      const taker = owner.toLowerCase() === n.toLowerCase() ? `There is already an entity named “${owner}”.` : `“${n}” already names “${owner}”.`;
      // A new entity is not yet one of two to merge: the one that exists is to be used instead.
      const advice = id === null ? 'Use that one, or give this one a name that tells them apart.' : 'If they are one and the same, merge the two instead.';
      throw new InputError(`${taker} ${advice}`, field);
    }
  }

  /**
   * Merges one entity into another: the merged one's name and aliases become aliases of the kept
   * one, and its mentions, facts, note links and affiliations follow. Returns what undo needs.
   */
  merge(keepId: number, mergeId: number): MergeSnapshot {
    if (keepId === mergeId) throw new InputError('Choose two different entities to merge.', 'mergeId');
    const keep = this.db.prepare('SELECT * FROM entities WHERE id = ?').get(keepId) as EntityRow | undefined;
    const gone = this.db.prepare('SELECT * FROM entities WHERE id = ?').get(mergeId) as EntityRow | undefined;
    if (!keep) throw new InputError(`Entity ${keepId} does not exist; it may have been merged or deleted.`, 'keepId');
    if (!gone) throw new InputError(`Entity ${mergeId} does not exist; it may have been merged or deleted.`, 'mergeId');
    // The kept entity takes over the merged one's facts, so it must be able to stand as their source.
    const cited = (this.db.prepare('SELECT count(*) AS n FROM facts WHERE source_id = ?').get(mergeId) as { n: number }).n;
    if (cited > 0 && !canBeSource(keep.kind)) {
      throw new InputError(
        `“${gone.name}” is the source of ${cited === 1 ? 'a fact' : `${cited} facts`}, and “${keep.name}”, ${aKind(keep.kind)}, cannot be a source. Keep “${gone.name}” instead.`,
        'keepId',
      );
    }
    const ids = (sql: string) => (this.db.prepare(sql).all(mergeId) as { id: number }[]).map((r) => r.id);
    const snapshot: MergeSnapshot = {
      kept: keep,
      merged: gone,
      mentions: ids('SELECT id FROM mentions WHERE entity_id = ?'),
      facts: {
        subject_id: ids('SELECT id FROM facts WHERE subject_id = ?'),
        object_id: ids('SELECT id FROM facts WHERE object_id = ?'),
        place_id: ids('SELECT id FROM facts WHERE place_id = ?'),
        source_id: ids('SELECT id FROM facts WHERE source_id = ?'),
      },
      noteLinks: this.db.prepare("SELECT id, note_id AS noteId, created FROM note_links WHERE target_kind = 'entity' AND target_id = ? ORDER BY id").all(mergeId) as MergedNoteLink[],
      affiliated: ids('SELECT id FROM entities WHERE affiliation_id = ?'),
    };
    const aliases = [...(JSON.parse(keep.aliases) as string[])];
    for (const name of [gone.name, ...(JSON.parse(gone.aliases) as string[])]) if (name !== keep.name && !aliases.includes(name)) aliases.push(name);
    this.db.prepare('UPDATE entities SET aliases = ?, updated = ? WHERE id = ?').run(JSON.stringify(aliases), now(), keepId);
    this.db.prepare('UPDATE mentions SET entity_id = ? WHERE entity_id = ?').run(keepId, mergeId);
    for (const column of ['subject_id', 'object_id', 'place_id', 'source_id'] as const) {
      this.db.prepare(`UPDATE facts SET ${column} = ? WHERE ${column} = ?`).run(keepId, mergeId);
    }
    // A note linked to both keeps one link.
    this.db.prepare("DELETE FROM note_links WHERE target_kind = 'entity' AND target_id = ? AND note_id IN (SELECT note_id FROM note_links WHERE target_kind = 'entity' AND target_id = ?)").run(mergeId, keepId);
    this.db.prepare("UPDATE note_links SET target_id = ? WHERE target_kind = 'entity' AND target_id = ?").run(keepId, mergeId);
    this.db.prepare('UPDATE entities SET affiliation_id = ? WHERE affiliation_id = ? AND id <> ?').run(keepId, mergeId, keepId);
    this.db.prepare('UPDATE entities SET affiliation_id = NULL WHERE id = ? AND affiliation_id = ?').run(keepId, mergeId);
    this.db.prepare('DELETE FROM entities WHERE id = ?').run(mergeId);
    logChange(this.db, 'entity', mergeId, 'delete', snapshot, { mergedInto: keepId });
    return snapshot;
  }

  /** Undoes a merge: the merged entity comes back with everything that followed it. */
  unmerge(s: MergeSnapshot): void {
    const m = s.merged;
    this.db
      .prepare('INSERT INTO entities (id, kind, name, aliases, role, affiliation_id, created, updated, seed_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(m.id, m.kind, m.name, m.aliases, m.role, m.affiliation_id, m.created, m.updated, m.seed_key);
    this.db.prepare('UPDATE entities SET aliases = ?, affiliation_id = ?, updated = ? WHERE id = ?').run(s.kept.aliases, s.kept.affiliation_id, s.kept.updated, s.kept.id);
    const move = (sql: string, list: number[]) => {
      const statement = this.db.prepare(sql);
      for (const id of list) statement.run(m.id, id);
    };
    move('UPDATE mentions SET entity_id = ? WHERE id = ?', s.mentions);
    for (const [column, list] of Object.entries(s.facts)) move(`UPDATE facts SET ${column} = ? WHERE id = ?`, list);
    this.restoreNoteLinks(s);
    move('UPDATE entities SET affiliation_id = ? WHERE id = ?', s.affiliated);
    logChange(this.db, 'entity', m.id, 'create', null, m);
  }

  /**
   * Puts the merged entity's note links back as they were: moved ones point at it again, and the
   * ones the merge dropped (their note also linked the kept entity) are inserted again with their
   * id and date, so the note lists its links in the same order as before.
   */
  private restoreNoteLinks(s: MergeSnapshot): void {
    const entityId = s.merged.id;
    const moveBack = this.db.prepare("UPDATE note_links SET target_id = ? WHERE id = ? AND target_kind = 'entity'");
    const byId = this.db.prepare('SELECT note_id AS noteId, target_kind AS kind, target_id AS targetId FROM note_links WHERE id = ?');
    const noteExists = this.db.prepare('SELECT 1 FROM notes WHERE id = ?');
    const insert = this.db.prepare("INSERT INTO note_links (id, note_id, target_kind, target_id, created) VALUES (@id, @noteId, 'entity', @targetId, @created)");
    const insertNewId = this.db.prepare("INSERT OR IGNORE INTO note_links (note_id, target_kind, target_id, created) VALUES (@noteId, 'entity', @targetId, @created)");
    for (const link of s.noteLinks) {
      if (typeof link === 'number') {
        moveBack.run(entityId, link);
        continue;
      }
      const current = byId.get(link.id) as { noteId: number; kind: string; targetId: number } | undefined;
      if (current && current.noteId === link.noteId && current.kind === 'entity' && current.targetId === s.kept.id) moveBack.run(entityId, link.id);
      else if (!noteExists.get(link.noteId)) continue; // the note has been deleted since; nothing to link
      else if (current) insertNewId.run({ ...link, targetId: entityId }); // a later link took its id
      else insert.run({ ...link, targetId: entityId });
    }
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
