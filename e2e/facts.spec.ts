import { test, expect } from './fixtures';
import { rowTexts } from './grid';
import { codePassage, dragSelect, highlighted } from './article';
import { chooseEntity, entityOptions } from './dialog';

async function openFacts(page: import('@playwright/test').Page) {
  await page.keyboard.press('Control+2');
  await expect(page.getByTestId('facts-grid').locator('.ag-row').first()).toBeVisible();
}

/** The cell of a column in the row whose text includes `rowText`. */
function cell(page: import('@playwright/test').Page, rowText: string, colId: string) {
  const grid = page.getByTestId('facts-grid');
  return grid.locator(`.ag-center-cols-container .ag-row:has-text("${rowText}") [col-id="${colId}"], .ag-row:has-text("${rowText}") [col-id="${colId}"]`).first();
}

test('editing a fact’s cell is kept after a reload', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  await page.getByRole('searchbox', { name: 'Filter facts' }).fill('Matsuno');
  await expect.poll(() => rowTexts(page.getByTestId('facts-grid'))).toHaveLength(1);
  const relation = cell(page, 'Matsuno', 'relation');
  await relation.dblclick();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('voiced concern about');
  await page.keyboard.press('Enter');
  await expect(relation).toHaveText('voiced concern about');

  await workbench.reload();
  await openFacts(page);
  await page.getByRole('searchbox', { name: 'Filter facts' }).fill('Matsuno');
  await expect.poll(() => rowTexts(page.getByTestId('facts-grid'))).toEqual([expect.stringContaining('voiced concern about')]);
});

test('an invalid edit is refused with its reason at the cell, which returns to its stored value', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  const before = ((await workbench.invokeRaw('facts.list', {})).value as { id: number; time: string | null }[]).find((f) => f.time === '2023-09-10')!;
  const refused = await workbench.invokeRaw('facts.update', { id: before.id, time: 'last Sunday' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'time' } });
  expect(refused.error?.message).toContain('is not a date');
  const grade = await workbench.invokeRaw('facts.update', { id: before.id, reliability: 'G' });
  expect(grade).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'reliability' } });
  const missing = await workbench.invokeRaw('facts.update', { id: before.id, subjectId: 999_999 });
  expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'subjectId' } });
  expect(((await workbench.invokeRaw('facts.list', {})).value as { id: number }[]).find((f) => f.id === before.id)).toMatchObject({ time: '2023-09-10' });

  // Through the grid (the date editor only takes dates): emptying the relation is refused, the cell
  // says why and returns to its stored value.
  const relation = page.getByTestId('facts-grid').locator(`.ag-row[row-id="${before.id}"] [col-id="relation"]`).first();
  const stored = (await relation.textContent())!;
  await relation.dblclick();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').first()).toContainText('A fact needs a relation');
  await expect(relation).toHaveText(stored);
  await expect(relation).toHaveClass(/cell-error/);

  // Corrected and saved, the cell's error goes by itself.
  await relation.dblclick();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(`${stored} again`);
  await page.keyboard.press('Enter');
  await expect(relation).toHaveText(`${stored} again`);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(relation).not.toHaveClass(/cell-error/);
});

test('a grade is chosen from the keyboard: the list opens on the stored grade, names the meanings, and Enter keeps it', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  const facts = (await workbench.invokeRaw('facts.list', {})).value as { id: number; credibility: number }[];
  const fact = facts.find((f) => f.credibility > 1 && f.credibility < 6)!;
  const credibility = page.getByTestId('facts-grid').locator(`.ag-row[row-id="${fact.id}"] [col-id="credibility"]`).first();
  const stored = async () => ((await workbench.invokeRaw('facts.list', {})).value as { id: number; credibility: number }[]).find((f) => f.id === fact.id)!.credibility;
  await credibility.click();
  await page.keyboard.press('Enter');
  const list = page.locator('.ag-select-list');
  await expect(list).toContainText('Probably true');
  await expect(list.locator('.ag-list-item.ag-active-item')).toContainText(String(fact.credibility));
  await page.keyboard.press('Enter');
  await expect(list).toBeHidden();
  await expect(credibility).toHaveText(String(fact.credibility));
  expect(await stored()).toBe(fact.credibility);

  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(credibility).toHaveText(String(fact.credibility + 1));
  await expect.poll(stored).toBe(fact.credibility + 1);
});

test('a grade is typed on its cell: a letter sets reliability, a digit credibility, and other keys change nothing', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  type Graded = { id: number; reliability: string; credibility: number };
  const facts = (await workbench.invokeRaw('facts.list', {})).value as Graded[];
  const fact = facts.find((f) => f.reliability !== 'E' && f.credibility !== 5)!;
  const stored = async () => ((await workbench.invokeRaw('facts.list', {})).value as Graded[]).find((f) => f.id === fact.id)!;
  const row = page.getByTestId('facts-grid').locator(`.ag-row[row-id="${fact.id}"]`);
  const reliability = row.locator('[col-id="reliability"]').first();
  const credibility = row.locator('[col-id="credibility"]').first();

  await reliability.click();
  await page.keyboard.press('e');
  await expect(reliability).toHaveText('E');
  await expect.poll(async () => (await stored()).reliability).toBe('E');
  // No list opened: the arrow keys go on to the next cell, where a digit sets credibility.
  await expect(page.locator('.ag-select-list')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('5');
  await expect(credibility).toHaveText('5');
  await expect.poll(async () => (await stored()).credibility).toBe(5);

  // A key that is no grade is not saved as one.
  await page.keyboard.press('9');
  await page.keyboard.press('Escape');
  await expect(credibility).toHaveText('5');
  expect(await stored()).toMatchObject({ reliability: 'E', credibility: 5 });

  // Undo takes the typed grade back.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await stored()).credibility).toBe(fact.credibility);
});

test('an entity cell finds an entity by any part of its name: typing “Putin” and Enter makes him the subject', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  await page.getByRole('searchbox', { name: 'Filter facts' }).fill('Matsuno');
  await expect.poll(() => rowTexts(page.getByTestId('facts-grid'))).toHaveLength(1);
  const subject = cell(page, 'Matsuno', 'subject');
  const before = (await subject.textContent())!;
  const id = Number(await subject.locator('xpath=ancestor::div[@row-id][1]').getAttribute('row-id'));
  expect(id).toBeGreaterThan(0);
  await subject.click();
  // The first key opens the editor over the grid; the rest go into its search box once it is there.
  await page.keyboard.type('P');
  await expect(page.getByRole('combobox', { name: 'Type part of a name' })).toBeFocused();
  await page.keyboard.type('utin');
  await expect(page.getByRole('listbox', { name: 'Entities' }).getByRole('option', { selected: true })).toHaveText('Vladimir Putin (person)');
  await page.keyboard.press('Enter');
  await expect(subject).toHaveText('Vladimir Putin');
  const stored = async () => ((await workbench.invokeRaw('facts.list', {})).value as { id: number; subject: string }[]).find((f) => f.id === id)!.subject;
  await expect.poll(stored).toBe('Vladimir Putin');

  // Esc leaves the cell as it was, whatever was typed.
  await subject.click();
  await page.keyboard.type('K');
  await expect(page.getByRole('combobox', { name: 'Type part of a name' })).toBeFocused();
  await page.keyboard.type('im');
  await page.keyboard.press('Escape');
  await expect(subject).toHaveText('Vladimir Putin');
  expect(await stored()).toBe('Vladimir Putin');
  expect(before).not.toBe('Vladimir Putin');
});

test('an entity cell whose value no longer fits its column keeps it when its editor is opened and closed', async ({ workbench }) => {
  const { page } = workbench;
  // An event as the Where of a fact (older stores allowed it; merging entities can make it).
  const entities = (await workbench.invokeRaw('entities.list', {})).value as { id: number; name: string; kind: string }[];
  const event = entities.find((e) => e.kind === 'event')!;
  const fact = ((await workbench.invokeRaw('facts.list', {})).value as { id: number }[])[0]!;
  expect((await workbench.invokeRaw('facts.update', { id: fact.id, placeId: event.id })).ok).toBe(true);
  await openFacts(page);
  const where = page.getByTestId('facts-grid').locator(`.ag-row[row-id="${fact.id}"] [col-id="place"]`).first();
  await where.click();
  await page.keyboard.press('Enter');
  const list = page.getByRole('listbox', { name: 'Entities' });
  await expect(list.getByRole('option', { selected: true })).toHaveText(`${event.name} (event)`);
  await page.keyboard.press('Enter');
  await expect(list).toBeHidden();
  await expect(where).toHaveText(event.name);
  const after = ((await workbench.invokeRaw('facts.list', {})).value as { id: number; placeId: number | null }[]).find((f) => f.id === fact.id)!;
  expect(after.placeId).toBe(event.id);
});

test('a fact made from a selected passage has it as evidence, and the evidence opens the passage', async ({ workbench }) => {
  const { page } = workbench;
  const quote = 'Putin arrived in Vladivostok on Monday';
  await codePassage(page, quote, 'diplomacy');
  await page.getByRole('article', { name: `Annotation: ${quote}` }).getByRole('button', { name: 'Make fact' }).click();
  const dialog = page.getByRole('dialog', { name: 'New fact from this passage' });
  await expect(dialog.getByRole('combobox', { name: 'Subject (who)' })).toBeFocused();
  await chooseEntity(dialog, 'Subject (who)', 'Putin', 'Vladimir Putin (person)');
  await dialog.getByRole('textbox', { name: 'Did or said' }).fill('arrived early in');
  await chooseEntity(dialog, 'Object (an entity…)', 'Vladivo', 'Vladivostok (place)');
  await dialog.getByRole('textbox', { name: /When/ }).fill('2023-09-11');
  await dialog.getByRole('button', { name: 'Add fact' }).click();
  await expect(dialog).toBeHidden();

  await openFacts(page);
  await page.getByRole('searchbox', { name: 'Filter facts' }).fill('arrived early');
  await expect.poll(() => rowTexts(page.getByTestId('facts-grid'))).toEqual([expect.stringContaining(quote)]);
  await page.getByTestId('facts-grid').locator('.ag-row [col-id="evidenceExact"]').first().dblclick();
  await expect(page.getByRole('region', { name: 'Article' })).toBeVisible();
});

test('a fact is made straight from a selection, with no annotation, starting from the person the passage names', async ({ workbench }) => {
  const { page } = workbench;
  const quote = 'Kim is accompanied by Jo Chun Ryong';
  const annotations = async () => ((await workbench.invokeRaw('annotations.list', {})).value as unknown[]).length;
  const before = await annotations();
  await dragSelect(page, quote);
  await page.getByRole('dialog', { name: 'Code this passage' }).getByRole('button', { name: 'Make fact…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New fact from this passage' });
  await expect(dialog.locator('blockquote')).toHaveText(quote);
  // “Kim” is Kim Jong Un: the subject starts there, and can be changed.
  await expect(dialog.getByRole('combobox', { name: 'Subject (who)' })).toHaveValue('Kim Jong Un (person)');
  await chooseEntity(dialog, 'Object (an entity…)', 'Jo Chun', 'Jo Chun Ryong (person)');
  await dialog.getByRole('textbox', { name: 'Did or said' }).fill('travels with');
  await dialog.getByRole('textbox', { name: 'Did or said' }).press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Fact added with this passage as its evidence' })).toBeVisible();

  type Stored = { subject: string; relation: string; object: string; evidenceExact: string | null };
  const made = ((await workbench.invokeRaw('facts.list', {})).value as Stored[]).find((f) => f.relation === 'travels with');
  expect(made).toMatchObject({ subject: 'Kim Jong Un', object: 'Jo Chun Ryong', evidenceExact: quote });
  expect(await annotations()).toBe(before);
  await expect(page.getByTestId('article-facts-grid').locator('.ag-row', { hasText: 'travels with' }).first()).toBeVisible();
});

test('deleting a fact can be undone', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  await page.getByRole('searchbox', { name: 'Filter facts' }).fill('Matsuno');
  await expect.poll(() => rowTexts(page.getByTestId('facts-grid'))).toHaveLength(1);
  await page.getByTestId('facts-grid').locator('.ag-row [col-id="relation"]').first().click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect.poll(() => rowTexts(page.getByTestId('facts-grid'))).toHaveLength(0);
  await page.locator('body').press('Control+z');
  await expect.poll(() => rowTexts(page.getByTestId('facts-grid'))).toHaveLength(1);
});

test('a fact’s object is typed: words are kept as typed, and an entity’s name links the entity', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  type Stored = { id: number; object: string; objectId: number | null };
  const facts = (await workbench.invokeRaw('facts.list', {})).value as Stored[];
  const fact = facts.find((f) => f.objectId !== null)!;
  const stored = async () => ((await workbench.invokeRaw('facts.list', {})).value as Stored[]).find((f) => f.id === fact.id)!;
  const object = page.getByTestId('facts-grid').locator(`.ag-row[row-id="${fact.id}"] [col-id="object"]`).first();

  // Typing on the cell starts the words afresh; Enter keeps them, not a name the keys happen to match.
  await object.click();
  await page.keyboard.type('very long range artillery shells');
  await page.keyboard.press('Enter');
  await expect(object).toHaveText('very long range artillery shells');
  await expect.poll(stored).toMatchObject({ object: 'very long range artillery shells', objectId: null });

  // An entity's name, typed in full (in any case), links that entity.
  const russia = ((await workbench.invokeRaw('entities.list', {})).value as { id: number; name: string }[]).find((e) => e.name === 'Russia')!;
  await object.dblclick();
  const editor = page.getByRole('combobox', { name: 'Object: an entity’s name, or words' });
  await expect(editor).toHaveValue('very long range artillery shells');
  await editor.fill('russia');
  await page.keyboard.press('Enter');
  await expect(object).toHaveText('Russia');
  await expect.poll(stored).toMatchObject({ object: 'Russia', objectId: russia.id });
});

test('the Delete key on a fact’s cell deletes the fact and nothing else: no cell is cleared, no error shows', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  const grid = page.getByTestId('facts-grid');
  await page.getByRole('searchbox', { name: 'Filter facts' }).fill('Matsuno');
  await expect.poll(() => rowTexts(grid)).toHaveLength(1);
  const count = ((await workbench.invokeRaw('facts.list', {})).value as unknown[]).length;
  await grid.locator('.ag-row [col-id="subject"]').first().click();
  await page.keyboard.press('Delete');
  await expect.poll(() => rowTexts(grid)).toHaveLength(0);
  await expect(page.getByTestId('notice-info')).toContainText('Fact deleted');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect((await workbench.invokeRaw('facts.list', {})).value).toHaveLength(count - 1);

  // Undone, the fact comes back whole, its subject too.
  await page.locator('body').press('Control+z');
  await expect.poll(() => rowTexts(grid)).toEqual([expect.stringContaining('Hirokazu Matsuno')]);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('Delete deletes the fact the keyboard is on, not the row clicked before the arrow keys moved on', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  const grid = page.getByTestId('facts-grid');
  const before = await rowTexts(grid);
  await grid.locator('.ag-row [col-id="relation"]').first().click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('notice-info')).toContainText('Fact deleted');
  // The third row is gone; the first two, clicked and passed over, stay.
  await expect.poll(async () => (await rowTexts(grid)).slice(0, 4)).toEqual(before.filter((_, i) => i !== 2).slice(0, 4));
  // Delete again, on the row the keyboard is now on: no complaint about a fact already gone.
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('notice-info')).toContainText('Fact deleted');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect((await rowTexts(grid))[0]).toBe(before[0]);
});

test('column order, width and sort are kept between sessions', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  await page.getByTestId('facts-grid').locator('.ag-header-cell[col-id="relation"] .ag-header-cell-label').click();
  await expect(page.getByTestId('facts-grid').locator('.ag-header-cell[col-id="relation"]')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => ((await workbench.invokeRaw('settings.get', { key: 'grid.facts' })).value as { value: string | null }).value).toContain('"sort":"asc"');
  await workbench.reload();
  await openFacts(page);
  await expect(page.getByTestId('facts-grid').locator('.ag-header-cell[col-id="relation"]')).toHaveAttribute('aria-sort', 'ascending');
});

test('selecting an entity marks its mentions in the article, and two entities merge into one', async ({ workbench }) => {
  const { page } = workbench;
  await page.keyboard.press('Control+3');
  const grid = page.getByTestId('entities-grid');
  await page.getByRole('searchbox', { name: 'Filter entities' }).fill('Peskov');
  await grid.locator('.ag-row [col-id="name"]', { hasText: 'Dmitry Peskov' }).first().dblclick();
  await expect(page.getByRole('status').filter({ hasText: 'of Dmitry Peskov marked in the text' })).toBeVisible();
  expect(await highlighted(page, 'entity-focus')).toEqual(['Dmitry Peskov']);

  await page.keyboard.press('Control+3');
  await page.getByRole('searchbox', { name: 'Filter entities' }).fill('Kremlin');
  await expect.poll(() => rowTexts(grid)).toHaveLength(2); // the Kremlin, and Peskov whose affiliation it is
  await grid.locator('.ag-row [col-id="name"]', { hasText: /^Kremlin$/ }).first().click();
  await grid.locator('.ag-row [col-id="name"]', { hasText: 'Dmitry Peskov' }).first().click({ modifiers: ['Control'] });
  await page.getByRole('button', { name: 'Merge…' }).click();
  await page.getByRole('radio', { name: /Dmitry Peskov/ }).check();
  // A person and an organisation: the dialog says so before they are merged all the same.
  const dialog = page.getByRole('dialog', { name: 'Merge entities' });
  await expect(dialog.getByRole('alert')).toContainText('not the same kind of thing (Kremlin: organisation; Dmitry Peskov: person)');
  await dialog.getByRole('button', { name: 'Merge anyway' }).click();
  await page.getByRole('searchbox', { name: 'Filter entities' }).fill('Kremlin');
  await expect.poll(() => rowTexts(grid)).toEqual([expect.stringMatching(/Dmitry Peskov.*Kremlin/)]);

  await workbench.reload();
  await page.keyboard.press('Control+3');
  await page.getByRole('searchbox', { name: 'Filter entities' }).fill('Kremlin');
  await expect.poll(() => rowTexts(grid)).toEqual([expect.stringMatching(/Dmitry Peskov/)]);
});

test('only people and organisations are offered as a fact’s source', async ({ workbench }) => {
  const { page } = workbench;
  await openFacts(page);
  await page.getByRole('button', { name: 'Add fact' }).click();
  const dialog = page.getByRole('dialog', { name: 'New fact' });
  const offered = await entityOptions(dialog, /On whose authority/);
  expect(offered).toContain('Dmitry Peskov (person)');
  expect(offered).toContain('Korean Central News Agency (organisation)');
  expect(offered.filter((o) => /\((place|event)\)$/.test(o))).toEqual([]);
  // Where and the object still offer every entity.
  expect(await entityOptions(dialog, 'Where')).toContain('Vladivostok (place)');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The grid's source picker offers the same.
  const cell = page.getByTestId('facts-grid').locator('.ag-row[row-index="0"] [col-id="source"]').first();
  await cell.dblclick();
  const list = page.getByRole('listbox', { name: 'Entities' });
  await expect(list).toBeVisible();
  const choices = (await list.getByRole('option').allTextContents()).map((t) => t.trim());
  expect(choices).toContain('Dmitry Peskov (person)');
  expect(choices.filter((c) => /\((place|event)\)$/.test(c))).toEqual([]);
  await page.keyboard.press('Escape');

  // And the store refuses a place however it is sent.
  const fact = ((await workbench.invokeRaw('facts.list', {})).value as { id: number }[])[0]!;
  const place = ((await workbench.invokeRaw('entities.list', {})).value as { id: number; name: string }[]).find((e) => e.name === 'Vladivostok')!;
  const refused = await workbench.invokeRaw('facts.update', { id: fact.id, sourceId: place.id });
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'sourceId' } });
  expect(refused.error?.message).toContain('“Vladivostok” is a place; a fact’s source must be a person or an organisation');
});

test('a fact whose evidence an edit of the text removed says so, and shows no other words as its evidence', async ({ workbench }) => {
  const { page } = workbench;
  const evidence = 'Kim is accompanied by Jo Chun Ryong, a ruling party official in charge of munitions policies';
  await page.getByRole('button', { name: 'Edit text…' }).click();
  const box = page.getByRole('textbox', { name: 'Document text' });
  await box.fill((await box.inputValue()).replace(`${evidence}, who has recently joined Kim`, 'Kim travels with several officials, who have recently joined Kim'));
  await page.getByRole('button', { name: 'Save text' }).click();
  await expect(page.getByRole('status').or(page.getByRole('alert')).first()).toContainText('Text saved');

  // In the article's side panel: choosing the fact says its evidence is gone, and marks nothing.
  await page.getByRole('tab', { name: /Facts in this article/ }).click();
  await page.getByTestId('article-facts-grid').locator('.ag-row', { hasText: 'Jo Chun Ryong' }).first().click();
  await expect(page.getByText('evidence is no longer in the text').first()).toBeVisible();
  expect(await highlighted(page, 'evidence-focus')).toEqual([]);

  // In the Facts view the evidence keeps its quote, marked as not in the text; opening it says why.
  await openFacts(page);
  await page.getByRole('searchbox', { name: 'Filter facts' }).fill('Jo Chun Ryong');
  const evidenceCell = cell(page, 'Jo Chun Ryong', 'evidenceExact');
  await expect(evidenceCell).toContainText('not in the text');
  await expect(evidenceCell).toContainText(evidence);
});
