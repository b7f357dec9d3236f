// Page helpers for the annotation view, acting as a person would: a real mouse drag over words.
import type { Page } from '@playwright/test';

/** Waits until the article view has rendered a text holding `quote` (it loads after a view switch). */
async function articleShows(page: Page, quote: string): Promise<void> {
  await page.waitForFunction((q) => [...document.querySelectorAll('.article-text [data-paragraph]')].some((p) => p.textContent?.includes(q)), quote);
}

/**
 * Scrolls the paragraph holding the n-th occurrence of `quote` to the middle and waits two frames:
 * paragraphs are laid out only once near the screen, so positions are final only after that.
 */
async function scrollToQuote(page: Page, quote: string, occurrence: number): Promise<void> {
  await articleShows(page, quote);
  await page.evaluate(
    async ([q, n]) => {
      let seen = 0;
      for (const p of document.querySelectorAll<HTMLElement>('.article-text [data-paragraph]')) {
        const node = p.firstChild as Text;
        for (let at = node.data.indexOf(q); at >= 0; at = node.data.indexOf(q, at + 1)) {
          if (seen++ !== n) continue;
          p.scrollIntoView({ block: 'center' });
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          p.scrollIntoView({ block: 'center' });
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return;
        }
      }
      throw new Error(`“${q}” is not in the article`);
    },
    [quote, occurrence] as const,
  );
}

/** Drags the mouse from the first to the last character of `quote` (its first occurrence in the article). */
export async function dragSelect(page: Page, quote: string, occurrence = 0): Promise<void> {
  await scrollToQuote(page, quote, occurrence);
  const points = await page.evaluate(
    ([q, n]) => {
      const paragraphs = [...document.querySelectorAll<HTMLElement>('.article-text [data-paragraph]')];
      let seen = 0;
      for (const p of paragraphs) {
        const node = p.firstChild as Text;
        let at = node.data.indexOf(q);
        while (at >= 0) {
          if (seen++ === n) {
            const first = new Range();
            first.setStart(node, at);
            first.setEnd(node, at + 1);
            const last = new Range();
            last.setStart(node, at + q.length - 1);
            last.setEnd(node, at + q.length);
            const a = first.getBoundingClientRect();
            const b = last.getBoundingClientRect();
            return { from: { x: a.left + 1, y: a.top + a.height / 2 }, to: { x: b.right - 1, y: b.top + b.height / 2 } };
          }
          at = node.data.indexOf(q, at + 1);
        }
      }
      throw new Error(`“${q}” is not in the article`);
    },
    [quote, occurrence] as const,
  );
  await page.mouse.move(points.from.x, points.from.y);
  await page.mouse.down();
  await page.mouse.move(points.to.x, points.to.y, { steps: 10 });
  await page.mouse.up();
}

/** Clicks the middle of one character of `quote` in the article. */
export async function clickInText(page: Page, quote: string, charIndex: number): Promise<void> {
  await scrollToQuote(page, quote, 0);
  const point = await page.evaluate(
    ([q, i]) => {
      for (const p of document.querySelectorAll<HTMLElement>('.article-text [data-paragraph]')) {
        const node = p.firstChild as Text;
        const at = node.data.indexOf(q);
        if (at < 0) continue;
        const r = new Range();
        r.setStart(node, at + i);
        r.setEnd(node, at + i + 1);
        const rect = r.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      throw new Error(`“${q}” is not in the article`);
    },
    [quote, charIndex] as const,
  );
  await page.mouse.click(point.x, point.y);
}

/** The texts painted by CSS highlight layers whose names pass `which` (live or static ranges). */
export function highlighted(page: Page, which: string | RegExp): Promise<string[]> {
  return page.evaluate(
    ([source, flags]) => {
      const match = new RegExp(source, flags);
      const out: string[] = [];
      for (const [name, h] of CSS.highlights) {
        if (!match.test(name)) continue;
        for (const r of h) {
          const live = new Range();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          out.push(live.toString());
        }
      }
      return out.sort();
    },
    (typeof which === 'string' ? [`^${which}$`, ''] : [which.source, which.flags]) as [string, string],
  );
}

/** All annotation highlight layers (one per code), as painted texts. */
export function paintedAnnotations(page: Page): Promise<string[]> {
  return highlighted(page, /^(code-\d+|annotation-uncoded)$/);
}

/** Drags over `quote`, types `filter` into the code picker, presses Enter, and waits until it is saved. */
export async function codePassage(page: Page, quote: string, filter: string): Promise<void> {
  await dragSelect(page, quote);
  const picker = page.getByRole('dialog', { name: 'Code this passage' });
  await picker.waitFor();
  await page.keyboard.type(filter);
  await page.keyboard.press('Enter');
  await picker.waitFor({ state: 'hidden' });
  await page.getByRole('article', { name: `Annotation: ${quote}` }).waitFor();
}
