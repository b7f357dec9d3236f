import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../electron/session';
import { BACKUPS_KEPT, backupStore, listBackups, restoreBackup } from './backup';
import { STORE_FILE_NAME } from './open';
import { seededStore } from './testing/seeded';
import { makeTempDirs } from './testing/tempDir';

const tempDir = makeTempDirs();

describe('backups', () => {
  it('keep the newest five, named by time, each a whole store', async () => {
    const dir = tempDir();
    const store = seededStore(dir);
    for (let i = 0; i < BACKUPS_KEPT + 2; i++) {
      await backupStore(store.db, dir);
      await new Promise((r) => setTimeout(r, 5));
    }
    const backups = listBackups(dir);
    expect(backups).toHaveLength(BACKUPS_KEPT);
    expect(backups.map((b) => b.name)).toEqual([...backups.map((b) => b.name)].sort().reverse());
    for (const b of backups) expect(b.name).toMatch(/^workbench-\d{4}-\d{2}-\d{2}T/);
    store.close();
  });

  it('restore one in place of the store, keeping the replaced file aside', async () => {
    const dir = tempDir();
    const store = seededStore(dir);
    const backup = await backupStore(store.db, dir);
    store.actions.createNote({ title: 'after the backup' });
    store.close();
    const { keptAside } = restoreBackup(dir, backup.name, 'restored');
    expect(keptAside).toMatch(/^workbench\.sqlite\.before-restore-/);
    expect(existsSync(join(dir, keptAside!))).toBe(true);
    const reopened = seededStore(dir);
    expect(reopened.notes.list()).toEqual([]);
    reopened.close();
  });

  it('refuse names that are not backups, and backups that are damaged, changing nothing', async () => {
    const dir = tempDir();
    const store = seededStore(dir);
    const backup = await backupStore(store.db, dir);
    store.close();
    const before = readFileSync(join(dir, STORE_FILE_NAME));
    expect(() => restoreBackup(dir, '../workbench.sqlite', 'restored')).toThrowError(/not one of the workbench’s backups/);
    writeFileSync(join(dir, 'backups', backup.name), 'not a database at all'.repeat(100));
    expect(() => restoreBackup(dir, backup.name, 'restored')).toThrowError(/cannot be restored/);
    expect(readFileSync(join(dir, STORE_FILE_NAME)).equals(before)).toBe(true);
  });
});

describe('a damaged store', () => {
  it('opens the app in recovery, which restores a backup and keeps the damaged file aside', async () => {
    const dir = tempDir();
    const first = new Session(dir, 'http');
    await first.backedUp;
    first.close();
    writeFileSync(join(dir, STORE_FILE_NAME), 'this file was damaged by a disk failure'.repeat(200));
    for (const suffix of ['-wal', '-shm']) if (existsSync(join(dir, STORE_FILE_NAME + suffix))) writeFileSync(join(dir, STORE_FILE_NAME + suffix), '');

    const session = new Session(dir, 'http');
    const status = session.status();
    expect(status).toMatchObject({ state: 'recovery', problem: expect.stringMatching(/damaged or is not a Summit Workbench store/) });
    expect(() => session.handlers['documents.list']({})).toThrowError(/Restore a backup/);
    const { keptAside } = session.restore(listBackups(dir)[0]!.name);
    expect(keptAside).toMatch(/\.damaged-/);
    expect(readFileSync(join(dir, keptAside!), 'utf8')).toContain('damaged by a disk failure');
    expect(session.status()).toEqual({ state: 'ready' });
    expect(session.handlers['documents.list']({})).toHaveLength(1);
    expect(readdirSync(dir).some((n) => n.includes('.damaged-'))).toBe(true);
    session.close();
  });

  it('from a newer version is refused, naming both versions, and left untouched', () => {
    const dir = tempDir();
    const store = seededStore(dir);
    store.db.pragma('user_version = 99');
    store.close();
    const before = readFileSync(join(dir, STORE_FILE_NAME));
    const session = new Session(dir, 'http');
    expect(session.status()).toMatchObject({ state: 'recovery', problem: expect.stringMatching(/store version 99; this version reads up to \d+/) });
    expect(readFileSync(join(dir, STORE_FILE_NAME)).equals(before)).toBe(true);
  });
});
