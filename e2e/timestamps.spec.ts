// Every view writes a moment the same way, in the reader's language and time zone; a fact's date
// stays as the analyst typed it.
import { test, expect } from './fixtures';
import { formatTimestamp } from '../renderer/src/format';

test('notes, annotations and backups write their times in one format; fact dates stay as typed', async ({ workbench }) => {
  const { page } = workbench;
  const doc = ((await workbench.invokeRaw('documents.list', {})).value as { id: number }[])[0]!;
  const note = (await workbench.invokeRaw('notes.create', { title: 'Rail route', body: 'Khasan' })).value as { updated: string };
  const annotation = (await workbench.invokeRaw('annotations.create', { documentId: doc.id, start: 0, end: 11 })).value as { created: string };
  const { locale, timeZone } = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions());
  const written = (iso: string, seconds = false) => formatTimestamp(iso, { locale, timeZone, seconds });
  await workbench.reload();

  await page.keyboard.press('Control+4');
  await expect(page.getByTestId('notes-grid').locator('.ag-row [col-id="updated"]').first()).toHaveText(written(note.updated));

  await page.keyboard.press('Control+5');
  await expect(page.getByTestId('annotations-grid').locator('.ag-row [col-id="created"]').first()).toHaveText(written(annotation.created));

  const backup = ((await workbench.invokeRaw('backups.list', {})).value as { created: string }[])[0]!;
  await page.getByRole('button', { name: 'Restore from backup…' }).click();
  await expect(page.getByRole('list', { name: 'Backups' }).locator('.backup-when').first()).toHaveText(written(backup.created, true));
  await page.getByRole('button', { name: 'Close' }).last().click();

  await page.keyboard.press('Control+2');
  await expect(page.getByTestId('facts-grid').locator('.ag-row [col-id="time"]').first()).toHaveText('2023-09-10');
});
