import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { rowTexts } from './grid';
import { highlighted } from './article';

async function openEntities(page: Page, filter: string) {
  await page.keyboard.press('Control+3');
  await page.getByRole('searchbox', { name: 'Filter entities' }).fill(filter);
}

/** A cell of an entity's row: its pinned name, or another column. */
function cell(page: Page, id: number, colId: string) {
  return page.getByTestId('entities-grid').locator(`.ag-row[row-id="${id}"] [col-id="${colId}"]`).first();
}

type Entity = { id: number; name: string; aliases: string[]; role: string; mentionCount: number; affiliation: string | null };
const entities = async (invokeRaw: (c: string, i: unknown) => Promise<{ value?: unknown }>) => (await invokeRaw('entities.list', {})).value as Entity[];

test('an entity the seed did not know is added, edited in the grid, found in the article, and kept after a reload', async ({ workbench }) => {
  const { page } = workbench;
  await openEntities(page, '');
  await page.getByRole('button', { name: 'New entity…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New entity' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Soviet Union');
  await dialog.getByRole('combobox', { name: 'Kind' }).selectOption('place');
  await dialog.getByRole('textbox', { name: /Other names/ }).fill('Soviet; USSR');
  await dialog.getByRole('textbox', { name: /Other names/ }).press('Enter');
  await expect(dialog).toBeHidden();
  // “…rockets based on Soviet designs”: its one mention is found at once.
  await expect(page.getByRole('status').filter({ hasText: 'Added “Soviet Union”: 1 mention in the articles.' })).toBeVisible();
  const added = (await entities(workbench.invokeRaw)).find((e) => e.name === 'Soviet Union')!;
  expect(added).toMatchObject({ aliases: ['Soviet', 'USSR'], mentionCount: 1 });
  await expect(page.getByTestId('entities-grid').locator(`.ag-row-selected[row-id="${added.id}"]`).first()).toBeVisible();

  // Edited in the grid: a role typed into its cell, a name changed with F2.
  const role = cell(page, added.id, 'role');
  await role.dblclick();
  await page.keyboard.type('Former state, dissolved in 1991');
  await page.keyboard.press('Enter');
  await expect(role).toHaveText('Former state, dissolved in 1991');
  const name = cell(page, added.id, 'name');
  await name.click();
  await page.keyboard.press('F2');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('USSR');
  await page.keyboard.press('Enter');
  await expect(name).toHaveText('USSR');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await workbench.reload();
  await openEntities(page, 'USSR');
  await expect.poll(() => rowTexts(page.getByTestId('entities-grid'))).toEqual([expect.stringMatching(/^USSR place Former state, dissolved in 1991 Soviet 1 0$/)]);
  // Enter on the name marks its mention in the article.
  await cell(page, added.id, 'name').click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'of USSR marked in the text' })).toBeVisible();
  expect(await highlighted(page, 'entity-focus')).toEqual(['Soviet']);
});

test('a refused entity edit says why at the cell and keeps what is stored; a deleted entity comes back with Undo', async ({ workbench }) => {
  const { page } = workbench;
  const putin = (await entities(workbench.invokeRaw)).find((e) => e.name === 'Vladimir Putin')!;
  await openEntities(page, 'Putin');
  const aliases = cell(page, putin.id, 'aliases');
  await expect(aliases).toHaveText('Putin');
  await aliases.dblclick();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Putin; Kim');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').first()).toContainText('“Kim” already names “Kim Jong Un”. If they are one and the same, merge the two instead.');
  await expect(aliases).toHaveText('Putin');
  await expect(aliases).toHaveClass(/cell-error/);
  expect((await entities(workbench.invokeRaw)).find((e) => e.id === putin.id)).toEqual(putin);

  // Deleting an entity a fact names is refused, saying why; nothing is deleted.
  await cell(page, putin.id, 'role').click();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alert').filter({ hasText: '“Vladimir Putin” is the subject of' })).toBeVisible();
  expect((await entities(workbench.invokeRaw)).some((e) => e.id === putin.id)).toBe(true);

  // One no fact names is deleted, and Undo brings it back with its mention.
  const beijing = (await entities(workbench.invokeRaw)).find((e) => e.name === 'Beijing')!;
  await page.getByRole('searchbox', { name: 'Filter entities' }).fill('Beijing');
  await cell(page, beijing.id, 'name').click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const deleted = page.getByRole('status').filter({ hasText: 'Entity deleted.' });
  await expect(deleted).toBeVisible();
  await expect.poll(() => rowTexts(page.getByTestId('entities-grid'))).toEqual([]);

  // Something else done meanwhile: the notice's Undo will not take that back in the deletion's place.
  expect((await workbench.invokeRaw('entities.update', { id: putin.id, role: 'President of Russia' })).ok).toBe(true);
  await deleted.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Other changes have been made since' })).toBeVisible();
  expect((await entities(workbench.invokeRaw)).find((e) => e.id === putin.id)!.role).toBe('President of Russia');
  expect((await entities(workbench.invokeRaw)).some((e) => e.id === beijing.id)).toBe(false);
  // Undo in turn takes back that change, then the deletion.
  await page.locator('body').press('Control+z');
  await expect.poll(async () => (await entities(workbench.invokeRaw)).find((e) => e.id === putin.id)!.role).toBe(putin.role);
  await page.locator('body').press('Control+z');
  await expect.poll(() => rowTexts(page.getByTestId('entities-grid'))).toEqual([expect.stringContaining('Beijing')]);
  expect((await entities(workbench.invokeRaw)).find((e) => e.id === beijing.id)).toEqual(beijing);
});
