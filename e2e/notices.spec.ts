// The message area: one confirmation at a time that fades, errors that stay until dismissed or
// until the analyst moves to another view.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** Raises an error the analyst would meet: a fact's relation emptied in the Facts grid, refused. */
async function refuseAnEdit(page: Page) {
  await page.keyboard.press('Control+2');
  const relation = page.getByTestId('facts-grid').locator('.ag-row[row-index="0"] [col-id="relation"]').first();
  await relation.dblclick();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('A fact needs a relation');
  return alert;
}

test('repeated undo shows one notice that follows along, and an error outlasts it until dismissed', async ({ workbench }) => {
  const { page } = workbench;
  const doc = ((await workbench.invokeRaw('documents.list', {})).value as { id: number }[])[0]!;
  for (const [start, end] of [
    [0, 11],
    [20, 30],
    [40, 50],
  ] as const) {
    await workbench.invokeRaw('annotations.create', { documentId: doc.id, start, end });
  }

  // An error first: a refused edit in the Facts grid.
  const alert = await refuseAnEdit(page);

  // From here the page's clock stands still unless the test moves it (the grid's editing above ran on real time).
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
  const status = page.getByRole('status');
  const confirmations = page.getByTestId('notice-info');
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('button', { name: 'Redo' })).toHaveAttribute('title', /^Redo: Code/);
    await expect(confirmations).toHaveCount(1);
  }
  await expect(status).toHaveText(/^Undid: Code “/);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(status).toContainText('Nothing to undo.');
  await expect(status.getByLabel('2 times')).toBeVisible();
  await expect(confirmations).toHaveCount(1);
  await expect(alert).toHaveCount(1);

  // The confirmation fades after a few seconds; the error does not.
  await page.clock.fastForward(5000);
  await expect(confirmations).toHaveCount(1);
  await page.clock.fastForward(2000);
  await expect(confirmations).toHaveCount(0);
  await expect(alert).toContainText('A fact needs a relation');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
});

test('an error closes when the analyst moves to another view, and stays while they remain', async ({ workbench }) => {
  const { page } = workbench;
  const alert = await refuseAnEdit(page);

  // Asking for the view already shown is not a move.
  await page.keyboard.press('Control+2');
  await expect(alert).toContainText('A fact needs a relation');

  await page.keyboard.press('Control+4');
  await expect(page.getByRole('button', { name: 'New note' }).first()).toBeVisible();
  await expect(alert).toHaveCount(0);
  await page.keyboard.press('Control+2');
  await expect(page.getByTestId('facts-grid')).toBeVisible();
  await expect(alert).toHaveCount(0);
});
