// Adding a fact from the Facts view: the grid shows and selects it, wherever its sort puts it.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { rowTexts } from './grid';
import { chooseEntity, entityOptions } from './dialog';

async function openFacts(page: Page) {
  await page.keyboard.press('Control+2');
  await expect(page.getByTestId('facts-grid').locator('.ag-row').first()).toBeVisible();
}

async function addFact(page: Page, fact: { subject: string; relation: string; object: string; source?: string }) {
  await page.getByRole('button', { name: 'Add fact' }).click();
  const dialog = page.getByRole('dialog', { name: 'New fact' });
  await chooseEntity(dialog, 'Subject (who)', fact.subject.replace(/ \(.*/, ''), fact.subject);
  await dialog.getByRole('textbox', { name: 'Did or said' }).fill(fact.relation);
  await dialog.getByRole('textbox', { name: '…or what, in words' }).fill(fact.object);
  if (fact.source) await chooseEntity(dialog, /On whose authority/, fact.source.replace(/ \(.*/, ''), fact.source);
  await dialog.getByRole('button', { name: 'Add fact' }).click();
  await expect(dialog).toBeHidden();
}

/** The selected row holding `text` (its scrolling part: the pinned Subject column is a row of its own). */
function selectedRow(page: Page, text: string) {
  return page.getByTestId('facts-grid').locator('.ag-row.ag-row-selected', { hasText: text });
}

/** The indexes of the selected rows. */
function selectedIndexes(page: Page): Promise<number[]> {
  return page.getByTestId('facts-grid').evaluate((g) => [...new Set([...g.querySelectorAll('.ag-row-selected[row-index]')].map((r) => Number(r.getAttribute('row-index'))))]);
}

/** Whether a row lies in the part of the grid a person sees: below the header, above the bottom edge. */
async function inView(page: Page, row: import('@playwright/test').Locator): Promise<boolean> {
  const grid = page.getByTestId('facts-grid');
  const header = (await grid.locator('.ag-header').boundingBox())!;
  const viewport = (await grid.locator('.ag-grid-viewport').boundingBox())!;
  const box = await row.boundingBox();
  return !!box && box.y >= header.y + header.height - 1 && box.y + box.height <= viewport.y + viewport.height + 1;
}

test('a fact added from the Facts view is scrolled to and selected', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  await addFact(page, { subject: 'Sergei Shoigu (person)', relation: 'inspected the rail link at', object: 'Khasan crossing' });
  const selected = selectedRow(page, 'inspected the rail link at');
  await expect(selected).toBeVisible();
  await expect.poll(() => selectedIndexes(page)).toEqual([50]);
  await expect.poll(() => inView(page, selected)).toBe(true);
  // It is the last of the 51 (facts are listed in the order they were added), and has the
  // keyboard's focus: the arrow keys go on from there.
  const focused = page.getByTestId('facts-grid').locator('.ag-cell-focus');
  await expect(focused).toContainText('Sergei Shoigu');
  await expect(focused).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('facts-grid').locator('.ag-row[row-index="49"] .ag-cell-focus')).toBeFocused();
});

test('under a sort, the new fact is found where the sort puts it, and the sort stays', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  const grid = page.getByTestId('facts-grid');
  await grid.locator('.ag-header-cell[col-id="relation"] .ag-header-cell-label').click();
  await expect(grid.locator('.ag-header-cell[col-id="relation"]')).toHaveAttribute('aria-sort', 'ascending');
  // Scroll away first: the grid has to come back to it.
  await grid.locator('.ag-row[row-index="3"] [col-id="relation"]').hover();
  await page.mouse.wheel(0, 5000);
  await expect(grid.locator('.ag-row[row-index="49"]').first()).toBeVisible();
  await addFact(page, { subject: 'Kim Jong Un (person)', relation: 'inspected', object: 'a rocket launch site' });
  const selected = selectedRow(page, 'inspected');
  await expect(selected).toBeVisible();
  await expect.poll(() => inView(page, selected)).toBe(true);
  await expect(grid.locator('.ag-header-cell[col-id="relation"]')).toHaveAttribute('aria-sort', 'ascending');
  // In its place in the sort: between its neighbours, not at the end where it was added.
  const at = Number(await selected.getAttribute('row-index'));
  expect(at).toBeGreaterThan(0);
  expect(at).toBeLessThan(50);
  const relationAt = (i: number) => grid.locator(`.ag-row[row-index="${i}"] [col-id="relation"]`).first().textContent();
  expect((await relationAt(at - 1))! <= 'inspected').toBe(true);
  expect((await relationAt(at + 1))! >= 'inspected').toBe(true);
});

test('a new fact the filter hides is not forced into view: the filter stays and a notice says why', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  await page.getByRole('searchbox', { name: 'Filter facts' }).fill('Matsuno');
  await expect.poll(() => rowTexts(page.getByTestId('facts-grid'))).toHaveLength(1);
  await addFact(page, { subject: 'Kim Jong Un (person)', relation: 'inspected', object: 'a rocket launch site' });
  await expect(page.getByRole('status')).toContainText('The filter hides it');
  await expect(page.getByRole('searchbox', { name: 'Filter facts' })).toHaveValue('Matsuno');
  await expect.poll(() => rowTexts(page.getByTestId('facts-grid'))).toHaveLength(1);
});

test('a refused new fact puts the caret in the field to put right, and its message goes once it is changed', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  await page.getByRole('button', { name: 'Add fact' }).click();
  const dialog = page.getByRole('dialog', { name: 'New fact' });
  const subject = dialog.getByRole('combobox', { name: 'Subject (who)' });
  const when = dialog.getByRole('textbox', { name: /When/ });
  await dialog.getByRole('textbox', { name: 'Did or said' }).fill('arrived in');
  await when.fill('next tuesday');
  await dialog.getByRole('button', { name: 'Add fact' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Pick the subject');
  await expect(subject).toBeFocused();

  await chooseEntity(dialog, 'Subject (who)', 'Kim Jong', 'Kim Jong Un (person)');
  await expect(dialog.getByRole('alert')).toBeHidden();
  await dialog.getByRole('button', { name: 'Add fact' }).click();
  await expect(dialog.getByRole('alert')).toContainText('not a date');
  await expect(when).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('2023-09-12');
  await expect(dialog.getByRole('alert')).toBeHidden();
  await dialog.getByRole('button', { name: 'Add fact' }).click();
  await expect(dialog.getByRole('alert')).toContainText('needs an object');
  await expect(dialog.getByRole('combobox', { name: 'Object (an entity…)' })).toBeFocused();
  await dialog.getByRole('textbox', { name: '…or what, in words' }).fill('Vostochny');
  await expect(dialog.getByRole('alert')).toBeHidden();
  // Where offers places only.
  const places = await entityOptions(dialog, 'Where');
  expect(places.length).toBeGreaterThan(1);
  expect(places.slice(1).every((p) => p.endsWith('(place)'))).toBe(true);
  await dialog.getByRole('button', { name: 'Add fact' }).click();
  await expect(dialog).toBeHidden();
});

test('Enter in a text field of the New fact dialog adds the fact', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  await page.getByRole('button', { name: 'Add fact' }).click();
  const dialog = page.getByRole('dialog', { name: 'New fact' });
  await chooseEntity(dialog, 'Subject (who)', 'Kim Jong', 'Kim Jong Un (person)');
  await dialog.getByRole('textbox', { name: 'Did or said' }).fill('inspected');
  await dialog.getByRole('textbox', { name: '…or what, in words' }).fill('the Vostochny launch pads by night');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const facts = (await workbench.invokeRaw('facts.list', {})).value as { subject: string; relation: string; object: string }[];
  expect(facts).toContainEqual(expect.objectContaining({ subject: 'Kim Jong Un', relation: 'inspected', object: 'the Vostochny launch pads by night' }));
});

test('an entity field finds an entity by any part of its name, from the keyboard', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  await page.getByRole('button', { name: 'Add fact' }).click();
  const dialog = page.getByRole('dialog', { name: 'New fact' });
  const subject = dialog.getByRole('combobox', { name: 'Subject (who)' });
  await expect(subject).toBeFocused();
  // A list would match “Putin” from the start of a name only, and pick Pak Jong Chon.
  await page.keyboard.type('Putin');
  await expect(dialog.getByRole('listbox', { name: 'Subject (who)' }).getByRole('option').first()).toHaveText('Vladimir Putin (person)');
  await page.keyboard.press('Enter');
  await expect(subject).toHaveValue('Vladimir Putin (person)');
  await expect(dialog).toBeVisible(); // Enter picked from the list; it did not add the fact.

  // Where offers places only; Esc closes its list, not the dialog; leaving it with the one match picks it.
  const where = dialog.getByRole('combobox', { name: 'Where' });
  await where.fill('vlad');
  await expect(dialog.getByRole('listbox', { name: 'Where' }).getByRole('option')).toHaveText(['Vladivostok (place)']);
  await page.keyboard.press('Escape');
  await expect(dialog.getByRole('listbox', { name: 'Where' })).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(where).toHaveValue('vlad');
  await dialog.getByRole('textbox', { name: 'Did or said' }).click();
  await expect(where).toHaveValue('Vladivostok (place)');

  await dialog.getByRole('textbox', { name: 'Did or said' }).fill('opened the forum in');
  await dialog.getByRole('textbox', { name: '…or what, in words' }).fill('the Far East');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const facts = (await workbench.invokeRaw('facts.list', {})).value as { subject: string; relation: string; place: string | null }[];
  expect(facts).toContainEqual(expect.objectContaining({ subject: 'Vladimir Putin', relation: 'opened the forum in', place: 'Vladivostok' }));
});

test('Enter on a name no entity has does not add the fact with another subject', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  const before = ((await workbench.invokeRaw('facts.list', {})).value as unknown[]).length;
  await page.getByRole('button', { name: 'Add fact' }).click();
  const dialog = page.getByRole('dialog', { name: 'New fact' });
  await dialog.getByRole('textbox', { name: 'Did or said' }).fill('inspected');
  await dialog.getByRole('textbox', { name: '…or what, in words' }).fill('the launch pads');
  const subject = dialog.getByRole('combobox', { name: 'Subject (who)' });
  await subject.fill('Gerasimov');
  await subject.press('Escape'); // the list closes; the words stay
  await subject.press('Enter');
  await expect(dialog.getByRole('listbox', { name: 'Subject (who)' })).toContainText('No entity has that name');
  await expect(dialog).toBeVisible();
  expect(((await workbench.invokeRaw('facts.list', {})).value as unknown[]).length).toBe(before);
});
