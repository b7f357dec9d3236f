// Undo and redo that survive a restart: each entry holds the commands that undo and redo one action.
import type { Database } from 'better-sqlite3';

export const version = 2;
export const name = 'history';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE history (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      label TEXT NOT NULL,
      undo TEXT NOT NULL CHECK (json_valid(undo)),
      redo TEXT NOT NULL CHECK (json_valid(redo)),
      undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
    );
  `);
}
