import type { GridOptions } from 'ag-grid-community';

/** What every grid in the workbench shares: the stylesheet theme, sizing and keyboard behaviour. */
export const gridDefaults: GridOptions = {
  theme: 'legacy',
  rowHeight: 36,
  headerHeight: 38,
  animateRows: false,
  enableCellTextSelection: true,
  ensureDomOrder: true,
  // Every column stays in the DOM: screen readers and find-in-page see whole rows.
  suppressColumnVirtualisation: true,
  tooltipShowDelay: 400,
  localeText: { noRowsToShow: 'Nothing to show here: nothing yet, or nothing matches the filter.' },
  defaultColDef: { sortable: true, filter: true, resizable: true, minWidth: 80 },
};
