import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, ROOT } from './fixtures';
import { rowTexts } from './grid';

const facts = JSON.parse(readFileSync(join(ROOT, 'resources', 'kim-putin-summit.facts.json'), 'utf8')) as { facts: { evidence: string }[] };

test('opens on the summit article beside its graded facts', async ({ workbench: { page } }) => {
  await expect(page).toHaveTitle('Summit Workbench');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kim Jong Un arrives in Russia for summit with Putin');
  await expect(page.getByRole('article')).toContainText('South Korea’s military confirmed that the train entered Russia on Tuesday.');
  await expect(page.getByRole('tab', { name: /Facts in this article/ }).locator('.count')).toHaveText(String(facts.facts.length));
  const panel = page.getByRole('tabpanel', { name: 'Facts in this article' });
  await expect(panel.locator('.ag-row').first()).toBeVisible();
});

test('selecting a fact marks its evidence passage in the article', async ({ workbench: { page } }) => {
  const panel = page.getByTestId('article-facts-grid');
  const row = panel.locator('.ag-row', { hasText: 'train entered' }).first();
  await row.click();
  const marked = await page.evaluate(() => {
    const h = CSS.highlights.get('evidence-focus');
    return h ? [...h].map((r) => r.toString()) : [];
  });
  expect(marked).toEqual(['South Korea’s military confirmed that the train entered Russia on Tuesday.']);
});

test('the Facts view lists every curated fact, with grades and filtering', async ({ workbench: { page } }) => {
  await page.getByRole('button', { name: 'Facts' }).click();
  await expect(page.getByRole('heading', { name: /Summit facts/ }).locator('.count')).toHaveText(String(facts.facts.length));
  const grid = page.getByTestId('facts-grid');
  await page.getByRole('searchbox', { name: 'Filter facts' }).fill('Wagner');
  await expect.poll(async () => (await rowTexts(grid)).length).toBeLessThan(facts.facts.length);
  const shown = await rowTexts(grid);
  expect(shown.length).toBeGreaterThan(0);
  for (const text of shown) expect(text).toContain('Wagner');
});

test('keyboard shortcuts move between views', async ({ workbench: { page } }) => {
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { name: /Entities/ })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter entities' }).fill('Peskov');
  await expect.poll(() => rowTexts(page.getByTestId('entities-grid'))).toEqual([expect.stringContaining('Dmitry Peskov')]);
  await page.keyboard.press('Control+4');
  await expect(page.getByRole('heading', { name: 'No notes yet' })).toBeVisible();
  await page.keyboard.press('Control+1');
  await expect(page.getByRole('article')).toBeVisible();
});

test('the first Tab offers a way past the toolbar straight to the article', async ({ workbench: { page } }) => {
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the article' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Article' })).toBeFocused();
  // From there Shift+arrows select text at once, as the hint says.
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => page.evaluate(() => getSelection()?.toString().length)).toBeGreaterThan(0);
});

test('a malformed payload is refused with a reason and changes nothing', async ({ workbench }) => {
  const before = await workbench.invokeRaw('facts.list', {});
  const refusals = [
    await workbench.invokeRaw('documents.get', { id: '1; DROP TABLE facts' }),
    await workbench.invokeRaw('documents.get', { id: 1, extra: true }),
    await workbench.invokeRaw('facts.list', { documentId: -4 }),
    await workbench.invokeRaw('no.such.channel', {}),
    await workbench.invokeRaw('documents.get', { id: 999_999 }),
  ];
  expect(refusals.map((r) => r.ok)).toEqual([false, false, false, false, false]);
  expect(refusals.map((r) => r.error?.code)).toEqual(['invalid_input', 'invalid_input', 'invalid_input', 'unknown_channel', 'not_found']);
  for (const r of refusals) expect(r.error?.message.length).toBeGreaterThan(20);
  expect(await workbench.invokeRaw('facts.list', {})).toEqual(before);
  await workbench.reload();
  await expect(workbench.page.getByRole('tab', { name: /Facts in this article/ }).locator('.count')).toHaveText(String(facts.facts.length));
});

test('the app opens again on the view it was left in', async ({ workbench }) => {
  const { page } = workbench;
  await expect(page.getByRole('region', { name: 'Article' })).toBeVisible();
  await page.keyboard.press('Control+4');
  await expect(page.getByRole('heading', { name: 'No notes yet' })).toBeVisible();
  await workbench.reload();
  await expect(page.getByRole('heading', { name: 'No notes yet' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Article' })).toHaveCount(0);
});
