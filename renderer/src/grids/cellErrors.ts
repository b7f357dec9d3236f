// A grid's refused edits: the cell whose edit the store refused is marked and its tooltip gives
// the reason; the notice about it goes once that cell saves. The caller puts the stored value back.
import { useMemo, useRef } from 'react';
import type { ColDef, GridApi, IRowNode } from 'ag-grid-community';
import { WorkbenchError } from '../client';
import { useNotices } from '../notices';

interface Refused {
  id: number;
  field: string;
  message: string;
}

/** `kind` keeps different grids' cells apart in the notices (“fact 3 relation”, “entity 3 name”). */
export function useCellErrors<T extends { id: number }>(kind: string) {
  const notices = useNotices();
  const cell = useRef<Refused | null>(null);
  return useMemo(() => {
    const key = (id: number, field: string) => `${kind} ${id} ${field}`;
    const isAt = (data: T | undefined, field: string) => cell.current !== null && data?.id === cell.current.id && cell.current.field === field;
    return {
      /** The column, marking its refused cell and giving the reason as that cell's tooltip (before its own). */
      column(c: ColDef<T>): ColDef<T> {
        const field = String(c.colId ?? c.field);
        return {
          ...c,
          cellClassRules: { 'cell-error': (p) => isAt(p.data, field) },
          tooltipValueGetter: (p) => {
            if (isAt(p.data, field)) return cell.current!.message;
            if (c.tooltipValueGetter) return c.tooltipValueGetter(p);
            return typeof c.tooltipField === 'string' ? String(p.data?.[c.tooltipField as keyof T] ?? '') : undefined;
          },
        };
      },
      /** The cell saved: its error, if it had one, goes from the cell and from the notices. */
      saved(api: GridApi<T>, node: IRowNode<T>, id: number, field: string) {
        notices.resolved(key(id, field));
        const had = cell.current?.id === id;
        cell.current = null;
        if (had) api.refreshCells({ rowNodes: [node], force: true });
      },
      /** The store refused the cell's edit: mark it and say why. */
      refused(api: GridApi<T>, node: IRowNode<T>, id: number, field: string, error: unknown) {
        const message = error instanceof WorkbenchError || error instanceof Error ? error.message : String(error);
        cell.current = { id, field, message };
        api.refreshCells({ rowNodes: [node], force: true });
        notices.errorAbout(message, key(id, field));
      },
    };
  }, [kind, notices]);
}
