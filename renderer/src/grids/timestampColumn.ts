// A grid column of stored ISO timestamps (when a note or an annotation was made or changed):
// written as everywhere else in the workbench, exact to the second on hover, filtered by day.
import type { ColDef, ColDefField } from 'ag-grid-community';
import { formatTimestamp } from '../format';

/**
 * The date filter's comparison: which side of the chosen day (local midnight) a stored timestamp
 * falls. The grid's own comparison expects Date objects and, given strings, lets every row pass.
 */
export function compareDay(filterDay: Date, iso: unknown): number {
  const at = new Date(String(iso));
  const day = new Date(at.getFullYear(), at.getMonth(), at.getDate()).getTime();
  return Math.sign(day - filterDay.getTime());
}

/** Wide enough for the longest form, “Sep 30, 2026, 12:59 PM”, with the cell's padding. */
const WIDTH = 192;

export function timestampColumn<T>(field: ColDefField<T>, headerName: string): ColDef<T> {
  return {
    field,
    headerName,
    width: WIDTH,
    minWidth: WIDTH,
    valueFormatter: (p) => formatTimestamp(p.value as string | null),
    tooltipValueGetter: (p) => formatTimestamp(p.value as string | null, { seconds: true }),
    filter: 'agDateColumnFilter',
    filterParams: { comparator: compareDay, isValidDate: (v: unknown) => !Number.isNaN(new Date(String(v)).getTime()) },
  };
}
