// Reads an ag-grid as a person sees it: one text per displayed row, its pinned and scrolling parts
// joined (ag-grid renders a row with pinned columns as several elements sharing a row-index).
import type { Locator } from '@playwright/test';

export async function rowTexts(grid: Locator): Promise<string[]> {
  return grid.evaluate((root) => {
    const rows = new Map<number, string[]>();
    for (const row of root.querySelectorAll<HTMLElement>('.ag-row[row-index]')) {
      const i = Number(row.getAttribute('row-index'));
      if (!rows.has(i)) rows.set(i, []);
      rows.get(i)!.push(row.innerText.replace(/\s+/g, ' ').trim());
    }
    return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, parts]) => parts.join(' '));
  });
}
