import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, waitReady } from './fixtures';

function damage(dataDir: string): void {
  writeFileSync(join(dataDir, 'workbench.sqlite'), 'a disk error left this file unreadable '.repeat(300));
  for (const suffix of ['-wal', '-shm']) if (existsSync(join(dataDir, `workbench.sqlite${suffix}`))) writeFileSync(join(dataDir, `workbench.sqlite${suffix}`), '');
}

test('a damaged store opens on a recovery screen that restores a backup and keeps the damaged file', async ({ workbench }) => {
  const { dataDir } = workbench;
  await expect.poll(() => (existsSync(join(dataDir, 'backups')) ? readdirSync(join(dataDir, 'backups')).filter((n) => n.endsWith('.sqlite')) : [])).toHaveLength(1);
  await workbench.restart(damage);
  const page = workbench.page;
  await expect(page.getByRole('heading', { name: 'Your store needs attention' })).toBeVisible();
  await expect(page.getByRole('alert').first()).toContainText('damaged or is not a Summit Workbench store');
  await page.getByRole('button', { name: /Restore the backup of/ }).first().click();
  await waitReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kim Jong Un arrives in Russia for summit with Putin');
  const aside = readdirSync(dataDir).filter((n) => n.includes('.damaged-') && !n.endsWith('-wal') && !n.endsWith('-shm'));
  expect(aside).toHaveLength(1);
  expect(readFileSync(join(dataDir, aside[0]!), 'utf8')).toContain('a disk error left this file unreadable');
});

test('a store from a newer version is refused with both versions named, and left untouched', async ({ workbench }) => {
  const { dataDir } = workbench;
  let before = Buffer.alloc(0);
  await workbench.restart((dir) => {
    const file = join(dir, 'workbench.sqlite');
    const bytes = readFileSync(file);
    bytes.writeUInt32BE(99, 60); // SQLite's header keeps user_version at offset 60
    writeFileSync(file, bytes);
    before = bytes;
  });
  await expect(workbench.page.getByRole('alert').first()).toContainText(/store version 99; this version reads up to \d+/);
  expect(readFileSync(join(dataDir, 'workbench.sqlite')).equals(before)).toBe(true);
});
