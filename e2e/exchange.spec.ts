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
  // With no annotations there is nothing to export, and the button says so.
  await expect(page.getByRole('button', { name: 'Export W3C' })).toBeDisabled();
  await page.getByRole('button', { name: 'Import W3C…' }).click();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Import result' })).toContainText('Imported 1 annotation: 1 anchored, 0 anchored approximately, 0 orphaned.');
  const back = (await workbench.invokeRaw('annotations.list', {})).value as { exact: string; start: number }[];
  expect(back).toMatchObject([{ exact: QUOTE, start }]);
  await page.getByRole('button', { name: 'Close', exact: true }).last().click();

  // A file that is not JSON is refused in the dialog and imports nothing.
  await page.getByRole('button', { name: 'Import W3C…' }).click();
  await page.locator('input[type=file]').setInputFiles({ name: 'broken.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from('{"type": "Annot') });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('not JSON');
  expect((await workbench.invokeRaw('annotations.list', {})).value).toHaveLength(1);
});

test('a long W3C import shows how far it has got and what it did, or why it imported nothing', async ({ workbench }) => {
  const { page } = workbench;
  const text = ((await workbench.invokeRaw('documents.get', { id: 1 })).value as { text: string }).text;
  const chars = [...text];
  const target = (selector: unknown) => ({ source: 'urn:summit-workbench:document:1', selector });
  const items: unknown[] = Array.from({ length: 1498 }, (_, i) => {
    const start = (i * 37) % (chars.length - 60);
    const end = start + 5 + (i % 50);
    return { type: 'Annotation', target: target([{ type: 'TextPositionSelector', start, end }, { type: 'TextQuoteSelector', exact: chars.slice(start, end).join('') }]) };
  });
  items.push({ type: 'Annotation', body: 'misspelt', target: target({ type: 'TextQuoteSelector', exact: QUOTE.replace('Matthew', 'Mathew') }) });
  items.push({ type: 'Annotation', body: 'gone', target: target({ type: 'TextQuoteSelector', exact: 'a sentence this article never held' }) });
  const file = (list: unknown[]) => ({ name: 'from-another-tool.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(JSON.stringify({ type: 'AnnotationPage', items: list })) });

  await page.keyboard.press('Control+5');
  // One unusable annotation near the end: the dialog says which, and nothing is imported.
  const broken = [...items];
  broken[1400] = { type: 'Annotation', body: 'no passage' };
  await page.getByRole('button', { name: 'Import W3C…' }).click();
  await page.locator('input[type=file]').setInputFiles(file(broken));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Annotation 1,401 of 1,500 has no target: it does not say which passage it annotates. Nothing was changed.');
  expect((await workbench.invokeRaw('annotations.list', {})).value).toHaveLength(0);

  await page.locator('input[type=file]').setInputFiles(file(items));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const progress = page.getByRole('status', { name: 'Import progress' });
  await expect(progress).toContainText('Saved 1,500 annotations');
  await expect(progress.locator('progress')).toHaveJSProperty('value', 1500);
  await expect(progress.locator('progress')).toHaveJSProperty('max', 1500);
  const result = page.getByRole('status', { name: 'Import result' });
  await expect(result).toContainText('Imported 1,500 annotations: 1,498 anchored, 1 anchored approximately, 1 orphaned.');
  await expect(result.getByRole('definition')).toHaveText(['1,498', '1', '1']);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect((await workbench.invokeRaw('annotations.list', {})).value).toHaveLength(1500);
  await page.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
