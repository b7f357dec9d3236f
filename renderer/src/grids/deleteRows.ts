// Delete in a grid: which rows it means, deleting them, and one Undo for them all.
import type { GridApi } from 'ag-grid-community';
import { undoFor } from '../client';
import type { Notices } from '../notices';

/**
 * The rows the analyst means: the selected ones if the keyboard is on one of them (or the Delete
 * button is used), else the row the keyboard is on.
 */
function rowsMeant<T extends { id: number }>(grid: GridApi<T> | null, focused?: T): T[] {
  const selected = grid?.getSelectedRows() ?? [];
  const cell = grid?.getFocusedCell();
  const onRow = focused ?? (cell ? grid?.getDisplayedRowAtIndex(cell.rowIndex)?.data : undefined);
  return selected.length > 0 && (!focused || selected.some((r) => r.id === focused.id)) ? selected : onRow ? [onRow] : [];
}

/**
 * Deletes the rows meant, one by one. A refusal stops there and says why; those deleted before it
 * stay deleted, and the Undo offered brings them all back.
 */
export async function deleteRows<T extends { id: number }>(
  grid: GridApi<T> | null,
  focused: T | undefined,
  words: { one: string; many: (count: number) => string; none: string },
  remove: (row: T) => Promise<unknown>,
  changed: () => void,
  notices: Notices,
): Promise<void> {
  const targets = rowsMeant(grid, focused);
  if (targets.length === 0) return notices.notify('info', words.none);
  let count = 0;
  let refusal: unknown = null;
  for (const row of targets) {
    try {
      await remove(row);
      count++;
    } catch (error) {
      refusal = error;
      break;
    }
  }
  if (count > 0) {
    // The grid would otherwise keep the deleted rows selected, for the next Delete to find gone.
    grid?.deselectAll();
    changed();
    const undo = await undoFor(count);
    notices.notify('info', count === 1 ? words.one : words.many(count), {
      label: 'Undo',
      run: () => void undo().then(changed, notices.error),
    });
  }
  if (refusal !== null) notices.error(refusal);
}
