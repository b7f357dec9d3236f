// Rotating online backups of the store, and restoring one. A restore never overwrites the file it
// replaces: that file is kept aside under a name that says when and why.
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from './errors';
import { latestVersion } from './migrations';
import { STORE_FILE_NAME } from './open';

/** How many backups are kept; the oldest go first. */
export const BACKUPS_KEPT = 5;
const NAME = /^workbench-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(-\d{3})?Z\.sqlite$/;

export interface BackupInfo {
  name: string;
  created: string;
  bytes: number;
}

export function backupDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

function stamp(date = new Date()): string {
  return date.toISOString().replace(/:/g, '-').replace('.', '-');
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => NAME.test(n))
    .sort()
    .reverse()
    .map((name) => {
      const iso = name.slice('workbench-'.length, -'.sqlite'.length).replace(/T(\d{2})-(\d{2})-(\d{2})(?:-(\d{3}))?Z/, (_m, h, mi, s, ms) => `T${h}:${mi}:${s}.${ms ?? '000'}Z`);
      return { name, created: iso, bytes: statSync(join(dir, name)).size };
    });
}

/** Takes an online backup with SQLite's backup API (the store stays open) and keeps the newest few. */
export async function backupStore(db: Db, dataDir: string, keep = BACKUPS_KEPT): Promise<BackupInfo> {
  const dir = backupDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const name = `workbench-${stamp()}.sqlite`;
  const partial = join(dir, `${name}.${process.pid}-${Math.random().toString(36).slice(2)}.partial`);
  await db.backup(partial);
  renameSync(partial, join(dir, name));
  for (const old of listBackups(dataDir).slice(keep)) rmSync(join(dir, old.name), { force: true });
  return listBackups(dataDir).find((b) => b.name === name)!;
}

/** Checks that a backup is a whole store this version can open; returns why not, or null. */
export function backupProblem(file: string, nativeBinding?: string): string | null {
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestVersion) return `it was written by a newer Summit Workbench (store version ${version}; this version reads up to ${latestVersion})`;
    const check = db.pragma('integrity_check', { simple: true });
    return check === 'ok' ? null : `it is damaged too (${String(check)})`;
  } catch (error) {
    return `it cannot be read (${(error as Error).message})`;
  } finally {
    db?.close();
  }
}

/**
 * Puts a backup in place of the store. The store must be closed. The file it replaces (damaged or
 * not) is renamed aside, with its WAL, so nothing is ever lost; returns that name.
 */
export function restoreBackup(dataDir: string, name: string, reason: 'restored' | 'damaged', nativeBinding?: string): { keptAside: string | null } {
  if (!NAME.test(name)) throw new InputError(`“${name}” is not one of the workbench’s backups.`, 'name');
  const source = join(backupDir(dataDir), name);
  if (!existsSync(source)) throw new InputError(`The backup “${name}” is no longer in the backups folder.`, 'name');
  const problem = backupProblem(source, nativeBinding);
  if (problem) throw new InputError(`The backup “${name}” cannot be restored: ${problem}. Choose another.`, 'name');
  const store = join(dataDir, STORE_FILE_NAME);
  let keptAside: string | null = null;
  if (existsSync(store)) {
    keptAside = `${STORE_FILE_NAME}.${reason === 'damaged' ? 'damaged' : 'before-restore'}-${stamp()}`;
    renameSync(store, join(dataDir, keptAside));
    for (const suffix of ['-wal', '-shm']) if (existsSync(store + suffix)) renameSync(store + suffix, join(dataDir, keptAside + suffix));
  }
  copyFileSync(source, store);
  return { keptAside };
}
