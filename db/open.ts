// Opens (or creates) the store file: refuses newer or damaged files untouched, then migrates.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError } from './errors';
import { latestVersion, migrations, type Migration } from './migrations';

export const STORE_FILE_NAME = 'workbench.sqlite';

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron and Node differ). */
  nativeBinding?: string;
  /** Steps to apply; tests pass a prefix of the list to build a store as an older version left it. */
  migrations?: readonly Migration[];
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const steps = options.migrations ?? migrations;
  const target = steps.length ? steps[steps.length - 1]!.version : 0;
  const fresh = !existsSync(file);
  if (fresh) mkdirSync(dirname(file), { recursive: true });

  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new StoreError('unreadable', `The store at ${file} cannot be opened (${(error as Error).message}). Check that the folder exists and that you may write to it.`);
  }

  // Read the version before anything writes to the file: a newer or damaged store stays untouched.
  let found: number;
  try {
    found = db.pragma('user_version', { simple: true }) as number;
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    db.close();
    throw new StoreError('corrupt', `The store at ${file} is damaged or is not a Summit Workbench store (${(error as Error).message}). It has been left as it is; restore it from a backup.`);
  }
  if (found > latestVersion) {
    db.close();
    throw new StoreError('too_new', `The store at ${file} was written by a newer Summit Workbench (store version ${found}; this version reads up to ${latestVersion}). It has been left untouched: update Summit Workbench to open it.`);
  }

  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  const pending = steps.filter((m) => m.version > found);
  if (pending.length) {
    try {
      db.transaction(() => {
        for (const m of pending) {
          m.up(db);
          db.pragma(`user_version = ${m.version}`);
        }
      })();
    } catch (error) {
      db.close();
      throw error;
    }
  }
  if (target > found) db.pragma('wal_checkpoint(TRUNCATE)');
  return db;
}
