// Importing pasted text: the first line is the title, said once.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

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
