import type { GridApi } from 'ag-grid-community';

/** The ids of the rows a filtered grid shows, or null when it shows them all (for "export these N"). */
export function filteredIds<T extends { id: number }>(api: GridApi<T>, total: number): number[] | null {
  const ids: number[] = [];
  api.forEachNodeAfterFilter((n) => {
    if (n.data) ids.push(n.data.id);
  });
  return ids.length === total ? null : ids;
}
