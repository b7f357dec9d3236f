import { test, expect } from './fixtures';
import { clickInText, paintedAnnotations } from './article';

// A long article is rendered in slices and its highlights are painted near the screen only; a
// reader must not notice either: every passage is there, highlighted and clickable wherever they go.
// About 470,000 characters: rendered in several slices after the first screens.
const PARAGRAPHS = 1000;
const paragraph = (i: number) =>
  `Marker ${i} ${i === PARAGRAPHS - 3 ? 'omega' : 'alpha'} opens this paragraph of the long wire digest. ` +
  'Delegations met again at the cosmodrome to discuss rockets, satellites, munitions and food aid, and the analysts weighed every word. '.repeat(3);
const FIRST = 'Marker 2 alpha';
const LAST = `Marker ${PARAGRAPHS - 3} omega`;

test('a long article shows and highlights passages far down, from scrolling and from the grid', async ({ workbench }) => {
  const { page } = workbench;
  const text = Array.from({ length: PARAGRAPHS }, (_, i) => paragraph(i)).join('\n');
  expect(text.length).toBeGreaterThan(420_000);
  const imported = await workbench.invokeRaw('documents.import', { title: 'Long digest', fileName: 'digest.txt', text });
  const docId = (imported.value as { id: number }).id;
  const codes = (await workbench.invokeRaw('codes.list', {})).value as { id: number; name: string }[];
  const code = codes.find((c) => c.name === 'Space and satellites')!;
  // Enough annotations that their cards overflow the side panel.
  const quotes = [FIRST, ...Array.from({ length: 30 }, (_, i) => `Marker ${i + 10} alpha`), LAST];
  for (const quote of quotes) {
    const start = text.indexOf(quote);
    const created = await workbench.invokeRaw('annotations.create', { documentId: docId, start, end: start + quote.length, codeIds: [code.id], comment: '' });
    expect(created.ok).toBe(true);
  }
  await page.evaluate((id) => localStorage.setItem('summit-workbench.document', String(id)), docId);
  await workbench.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Long digest');
  await expect.poll(() => paintedAnnotations(page)).toContain(FIRST);
  // Paragraphs far from the screen are left out of rendering once the page is idle: hidden until
  // found (the browser's find-in-page still finds and shows them), their text still in the page.
  const paragraphState = (i: number) =>
    page.evaluate((index) => {
      const p = document.querySelector(`.article-text [data-paragraph="${index}"]`);
      return p ? { hidden: p.getAttribute('hidden'), text: p.textContent!.split(' ').slice(0, 3).join(' ') } : null;
    }, i);
  await expect.poll(() => paragraphState(PARAGRAPHS - 3)).toEqual({ hidden: 'until-found', text: LAST });
  expect(await paragraphState(2)).toEqual({ hidden: null, text: FIRST });
  const height = await page.locator('.article-text').evaluate((el) => el.getBoundingClientRect().height);

  // The End key scrolls the article to its end: the passage there is highlighted and clickable.
  const article = page.getByRole('region', { name: 'Article' });
  await article.focus();
  await page.keyboard.press('End');
  await expect.poll(() => paintedAnnotations(page)).toContain(LAST);
  // Near the end everything is rendered again; the top is now the far part. Hiding keeps each
  // paragraph's height: the article is as tall as before (give or take estimates made exact).
  await expect.poll(() => paragraphState(PARAGRAPHS - 3)).toEqual({ hidden: null, text: LAST });
  await expect.poll(() => paragraphState(2)).toEqual({ hidden: 'until-found', text: FIRST });
  const heightAtEnd = await page.locator('.article-text').evaluate((el) => el.getBoundingClientRect().height);
  expect(Math.abs(heightAtEnd - height) / height).toBeLessThan(0.05);
  // The very end can be read, and the panel scrolls to its last card.
  await expect(page.locator('.article-text p').last()).toBeInViewport();
  const cards = page.getByRole('tabpanel', { name: 'Annotations' }).getByRole('article');
  await expect(cards).toHaveCount(quotes.length);
  await cards.last().scrollIntoViewIfNeeded();
  await expect(cards.last()).toBeInViewport();
  await clickInText(page, LAST, 2);
  const panel = page.getByRole('tabpanel', { name: 'Annotations' });
  await expect(panel.getByRole('article')).toHaveCount(1);
  await expect(panel.getByRole('article')).toHaveAccessibleName(`Annotation: ${LAST}`);

  // From the Annotations grid, straight after the view opens again, the far passage is scrolled to.
  await page.keyboard.press('Control+5');
  const grid = page.getByTestId('annotations-grid');
  await grid.locator('.ag-row', { hasText: LAST }).first().click();
  await expect(article).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate((quote) => {
        const scroller = document.querySelector('.article-scroll')!.getBoundingClientRect();
        const p = [...document.querySelectorAll('.article-text [data-paragraph]')].find((el) => el.textContent!.includes(quote));
        if (!p) return 'not rendered';
        const box = p.getBoundingClientRect();
        return box.bottom > scroller.top && box.top < scroller.bottom ? 'on screen' : 'off screen';
      }, LAST),
    )
    .toBe('on screen');
  await expect.poll(() => paintedAnnotations(page)).toContain(LAST);
});

test('an article of 200 paragraphs stays whole: after a jump to its end, Select All still takes its first line', async ({ workbench }) => {
  const { page } = workbench;
  // README: only articles of over 200 paragraphs have far paragraphs left out of rendering.
  const text = Array.from({ length: 200 }, (_, i) => paragraph(i)).join('\n');
  const imported = await workbench.invokeRaw('documents.import', { title: 'Medium digest', fileName: 'medium.txt', text });
  await page.evaluate((id) => localStorage.setItem('summit-workbench.document', String(id)), (imported.value as { id: number }).id);
  await workbench.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Medium digest');
  const article = page.getByRole('region', { name: 'Article' });
  await article.focus();
  await page.keyboard.press('End');
  await expect(page.locator('.article-text p').last()).toBeInViewport();
  // Once the page has been idle (the app hides paragraphs in idle time), nothing is hidden.
  const selected = await page.evaluate(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => requestIdleCallback(resolve));
    getSelection()!.selectAllChildren(document.querySelector('.article-text')!);
    return { hidden: document.querySelectorAll('.article-text [hidden]').length, text: getSelection()!.toString() };
  });
  expect(selected.hidden).toBe(0);
  expect(selected.text).toContain(paragraph(0).trim());
});

test('a passage begun with a click, then a long scroll and a Shift+click, starts where the click was', async ({ workbench }) => {
  const { page } = workbench;
  const text = Array.from({ length: PARAGRAPHS }, (_, i) => paragraph(i)).join('\n');
  const imported = await workbench.invokeRaw('documents.import', { title: 'Long digest', fileName: 'digest.txt', text });
  const documentId = (imported.value as { id: number }).id;
  await page.evaluate((id) => localStorage.setItem('summit-workbench.document', String(id)), documentId);
  await workbench.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Long digest');

  // The click puts the caret in paragraph 100, three hundred paragraphs above where the passage ends.
  await clickInText(page, 'Marker 100 alpha', 9);
  const caret = await page.evaluate(() => getSelection()!.anchorOffset);
  expect(caret).toBeGreaterThan(0);
  // Scroll down to paragraph 400 and let the page go idle (far paragraphs are hidden in idle time).
  await page.evaluate(async () => {
    document.querySelector('.article-text [data-paragraph="400"]')!.scrollIntoView({ block: 'center' });
    for (let i = 0; i < 6; i++) await new Promise((resolve) => requestIdleCallback(resolve));
  });
  await page.keyboard.down('Shift');
  await clickInText(page, 'Marker 400 alpha', 10);
  await page.keyboard.up('Shift');
  const picker = page.getByRole('dialog', { name: 'Code this passage' });
  await picker.waitFor();
  await page.keyboard.type('Space and');
  await page.keyboard.press('Enter');
  await picker.waitFor({ state: 'hidden' });

  const listed = await workbench.invokeRaw('annotations.list', { documentId });
  const saved = (listed.value as { start: number; end: number; exact: string }[]).at(-1)!;
  expect(saved.start).toBe(text.indexOf('Marker 100 alpha') + caret);
  expect(saved.exact.startsWith('Marker 100 alpha'.slice(caret))).toBe(true);
  expect(saved.exact).toContain('Marker 399 alpha');
});
