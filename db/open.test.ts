import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError } from './errors';
import { latestVersion, migrations } from './migrations';
import { openDatabase, STORE_FILE_NAME } from './open';
import { makeTempDirs } from './testing/tempDir';

const tempDir = makeTempDirs();
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('opening the store', () => {
  it('creates a new store at the latest version with WAL, foreign keys and full sync', () => {
    const db = openDatabase(join(tempDir(), STORE_FILE_NAME));
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('refuses a store from a newer version, naming both versions, and leaves the file untouched', () => {
    const file = join(tempDir(), STORE_FILE_NAME);
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${latestVersion + 7}`);
    raw.close();
    const before = sha(file);
    expect(() => openDatabase(file)).toThrowError(new RegExp(`store version ${latestVersion + 7}.*reads up to ${latestVersion}`));
    try {
      openDatabase(file);
    } catch (error) {
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('too_new');
    }
    expect(sha(file)).toBe(before);
  });

  it('refuses a file that is not a store, and leaves it untouched', () => {
    const file = join(tempDir(), STORE_FILE_NAME);
    writeFileSync(file, 'these are my field notes, not a database'.repeat(200));
    const before = sha(file);
    expect(() => openDatabase(file)).toThrowError(/damaged or is not a Summit Workbench store/);
    expect(sha(file)).toBe(before);
  });

  it('rolls back every pending step when one fails, leaving the version where it was', () => {
    const file = join(tempDir(), STORE_FILE_NAME);
    const broken = [...migrations, { version: latestVersion + 1, name: 'broken', up: () => { throw new Error('step failed'); } }];
    expect(() => openDatabase(file, { migrations: broken })).toThrowError('step failed');
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('migrations', () => {
  it('are numbered 1, 2, 3… in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  // Each step must upgrade a file exactly as the step before left it, with data in it.
  for (const [i, step] of migrations.entries()) {
    it(`step ${step.version} (${step.name}) upgrades a store made by the step before`, () => {
      const file = join(tempDir(), STORE_FILE_NAME);
      const older = openDatabase(file, { migrations: migrations.slice(0, i) });
      if (i > 0) older.prepare("INSERT INTO settings (key, value) VALUES ('kept', 'yes')").run();
      older.close();
      const db = openDatabase(file, { migrations: migrations.slice(0, i + 1) });
      expect(db.pragma('user_version', { simple: true })).toBe(step.version);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      if (i > 0) expect(db.prepare("SELECT value FROM settings WHERE key = 'kept'").get()).toEqual({ value: 'yes' });
      db.close();
    });
  }
});
