// Importing pasted text: the first line is the title, said once.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { codePassage, paintedAnnotations } from './article';

const TITLE = 'Kim inspects the Vostochny cosmodrome';
const FIRST = 'Kim Jong Un toured Russia’s most advanced space launch centre on Wednesday.';
const PASTED = `${TITLE}\n\n${FIRST}\n\nPutin showed his guest the assembly hall.`;

async function importPasted(page: Page, title = '') {
  await page.getByRole('button', { name: 'Import article…' }).click();
  await page.getByRole('textbox', { name: 'Article text' }).fill(PASTED);
  if (title) await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title || TITLE);
}

function paragraphs(page: Page) {
  return page.locator('.article-text [data-paragraph]');
}

test('pasted text whose first line is the title does not repeat it as the first paragraph', async ({ workbench }) => {
  const { page } = workbench;
  await importPasted(page);
  await expect(paragraphs(page).first()).toHaveText(FIRST);
  await expect(paragraphs(page)).toHaveCount(2);
  await expect(page.getByRole('combobox', { name: 'Document' })).toContainText(TITLE);

  // Typing the same title as the first line comes to the same; typing another keeps the first line.
  await importPasted(page, TITLE);
  await expect(paragraphs(page).first()).toHaveText(FIRST);
  await importPasted(page, 'Vostochny visit');
  await expect(paragraphs(page).first()).toHaveText(TITLE);
  await expect(paragraphs(page)).toHaveCount(3);
});

test('an imported article is renamed, then deleted with its annotation, and Undo brings both back', async ({ workbench }) => {
  const { page } = workbench;
  await importPasted(page);
  const switcher = page.getByRole('combobox', { name: 'Document' });

  await page.getByRole('button', { name: 'Rename…' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename article' });
  await rename.getByRole('textbox', { name: 'Title' }).fill('Vostochny visit brief');
  await rename.getByRole('textbox', { name: /Source/ }).fill('Desk notes');
  await rename.getByRole('textbox', { name: /Source/ }).press('Enter');
  await expect(rename).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vostochny visit brief');
  await expect(page.locator('.article-kicker')).toHaveText('Desk notes');
  await expect(switcher).toContainText('Vostochny visit brief');

  await codePassage(page, 'Putin showed his guest', 'diplomacy');
  await page.getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this article?' });
  await expect(confirm).toContainText('“Vostochny visit brief” will be deleted, with its 1 annotation.');
  await confirm.getByRole('button', { name: 'Delete article' }).click();
  // The workbench goes on with the article that is left.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kim Jong Un arrives in Russia for summit with Putin');
  await expect(switcher).not.toContainText('Vostochny visit brief');

  await page.getByRole('status').filter({ hasText: 'Deleted “Vostochny visit brief”.' }).getByRole('button', { name: 'Undo' }).click();
  await expect(switcher).toContainText('Vostochny visit brief');
  await workbench.reload();
  await switcher.selectOption({ label: 'Vostochny visit brief' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vostochny visit brief');
  expect(await paintedAnnotations(page)).toEqual(['Putin showed his guest']);
});
