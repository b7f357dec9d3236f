import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { codePassage } from './article';

const QUOTE = 'State Department spokesman Matthew Miller';

test('annotations go out as W3C Web Annotations and come back in, re-anchored', async ({ workbench }) => {
  const { page } = workbench;
  await codePassage(page, QUOTE, 'sanctions');
  await page.keyboard.press('Control+5');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export W3C' }).click();
  const file = await (await download).path();
  const json = JSON.parse(readFileSync(file, 'utf8'));
  expect(json.type).toBe('AnnotationCollection');
  const [annotation] = json.first.items;
  const selectors = Object.fromEntries(annotation.target.selector.map((s: { type: string }) => [s.type, s]));
  const text = ((await workbench.invokeRaw('documents.get', { id: 1 })).value as { text: string }).text;
  const start = [...text.slice(0, text.indexOf(QUOTE))].length;
  expect(selectors.TextPositionSelector).toMatchObject({ start, end: start + QUOTE.length });
  expect(selectors.TextQuoteSelector).toMatchObject({ exact: QUOTE });
  expect(annotation.body).toContainEqual(expect.objectContaining({ purpose: 'tagging', value: 'Sanctions and UN resolutions' }));

  // Gone from the store, then imported back from the file.
  const id = ((await workbench.invokeRaw('annotations.list', {})).value as { id: number }[])[0]!.id;
  await workbench.invokeRaw('annotations.delete', { id });
  await workbench.reload();
  await page.keyboard.press('Control+5');
  await page.getByRole('button', { name: 'Import W3C…' }).click();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 annotation: 1 anchored' })).toBeVisible();
  const back = (await workbench.invokeRaw('annotations.list', {})).value as { exact: string; start: number }[];
  expect(back).toMatchObject([{ exact: QUOTE, start }]);

  // A file that is not JSON is refused in the dialog and imports nothing.
  await page.getByRole('button', { name: 'Import W3C…' }).click();
  await page.locator('input[type=file]').setInputFiles({ name: 'broken.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from('{"type": "Annot') });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('not JSON');
  expect((await workbench.invokeRaw('annotations.list', {})).value).toHaveLength(1);
});
