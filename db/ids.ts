// New rows' ids: above every id the table holds or ever held (see migration 0004-id-floor).
import type { Database } from 'better-sqlite3';
import type { NUMBERED } from './migrations/0004-id-floor';

export type NumberedTable = keyof typeof NUMBERED;

export function nextId(db: Database, table: NumberedTable): number {
  const row = db.prepare(`SELECT max(coalesce((SELECT max(id) FROM ${table}), 0), coalesce((SELECT id FROM id_floor WHERE tbl = ?), 0)) + 1 AS id`).get(table) as { id: number };
  return row.id;
}
