// Every change to the analyst's data goes through here, inside the same transaction as the change.
import type { Database } from 'better-sqlite3';

export type ChangeAction = 'create' | 'update' | 'delete';

export function now(): string {
  return new Date().toISOString();
}

export function logChange(db: Database, kind: string, rowId: number | bigint | null, action: ChangeAction, before: unknown, after: unknown): void {
  db.prepare('INSERT INTO change_log (at, kind, row_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?)').run(
    now(),
    kind,
    rowId === null ? null : Number(rowId),
    action,
    before === undefined || before === null ? null : JSON.stringify(before),
    after === undefined || after === null ? null : JSON.stringify(after),
  );
}
