// The undo and redo stacks, kept in the store so that they work after a reload or a restart.
// Every entry is written in the same transaction as the change it undoes.
import type { Database } from 'better-sqlite3';
import { now } from './changeLog';

/** How many actions can be undone; older entries are dropped. */
export const HISTORY_LIMIT = 500;

export interface HistoryState {
  undo: string | null;
  redo: string | null;
  /** The entry Undo would take back: a notice's Undo names it, so as never to undo something else. */
  undoId: number | null;
}

interface Entry {
  id: number;
  label: string;
  undo: string;
  redo: string;
}

export class History<Command> {
  constructor(private readonly db: Database) {}

  /** Records an action; anything that could have been redone is forgotten, as in every editor. */
  record(label: string, undo: Command, redo: Command): void {
    this.db.prepare('DELETE FROM history WHERE undone = 1').run();
    this.db.prepare('INSERT INTO history (at, label, undo, redo) VALUES (?, ?, ?, ?)').run(now(), label, JSON.stringify(undo), JSON.stringify(redo));
    this.db.prepare('DELETE FROM history WHERE id <= (SELECT max(id) FROM history) - ?').run(HISTORY_LIMIT);
  }

  state(): HistoryState {
    const undo = this.db.prepare('SELECT id, label FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1').get() as { id: number; label: string } | undefined;
    const redo = this.db.prepare('SELECT label FROM history WHERE undone = 1 ORDER BY id ASC LIMIT 1').get() as { label: string } | undefined;
    return { undo: undo?.label ?? null, redo: redo?.label ?? null, undoId: undo?.id ?? null };
  }

  /**
   * The next action to undo, and a function that marks it undone once its command has run. Given
   * `redo`, what the command returned to put back what it removed as it was, that becomes the
   * action's redo.
   */
  nextUndo(): { id: number; label: string; command: Command; done: (redo?: Command | null) => void } | null {
    const e = this.db.prepare('SELECT id, label, undo, redo FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1').get() as Entry | undefined;
    if (!e) return null;
    return {
      id: e.id,
      label: e.label,
      command: JSON.parse(e.undo) as Command,
      done: (redo) => this.db.prepare('UPDATE history SET undone = 1, redo = coalesce(?, redo) WHERE id = ?').run(redo ? JSON.stringify(redo) : null, e.id),
    };
  }

  /** The next action to redo; like nextUndo, `done` may be given a new undo for it. */
  nextRedo(): { label: string; command: Command; done: (undo?: Command | null) => void } | null {
    const e = this.db.prepare('SELECT id, label, undo, redo FROM history WHERE undone = 1 ORDER BY id ASC LIMIT 1').get() as Entry | undefined;
    if (!e) return null;
    return {
      label: e.label,
      command: JSON.parse(e.redo) as Command,
      done: (undo) => this.db.prepare('UPDATE history SET undone = 0, undo = coalesce(?, undo) WHERE id = ?').run(undo ? JSON.stringify(undo) : null, e.id),
    };
  }
}
