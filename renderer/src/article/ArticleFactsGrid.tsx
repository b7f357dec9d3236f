// The facts of the open article in the side panel, each read as a sentence, graded, rather than as
// a wide table. Loaded when the tab is first shown, with the rest of the grid code.
import type { ColDef, RowClickedEvent } from 'ag-grid-community';
import type { Fact } from '../../../electron/ipc/contract';
import { AgGridReact } from '../grids/Grid';
import { gradeColumn, statusColumn } from '../grids/factColumns';
import { gridDefaults } from '../grids/gridTheme';

const sideColumns: ColDef<Fact>[] = [
  {
    colId: 'fact',
    headerName: 'Fact',
    flex: 1,
    wrapText: true,
    autoHeight: true,
    valueGetter: (p) => (p.data ? `${p.data.subject} ${p.data.relation} ${p.data.object}` : ''),
    cellClass: 'fact-sentence',
    tooltipValueGetter: (p) => p.data?.evidenceExact ?? '',
  },
  gradeColumn,
  statusColumn,
];

export default function ArticleFactsGrid({ facts, onSelect }: { facts: Fact[]; onSelect: (fact: Fact | null) => void }) {
  return (
    <div className="grid ag-theme-quartz" data-testid="article-facts-grid">
      <AgGridReact<Fact>
        {...gridDefaults}
        rowData={facts}
        columnDefs={sideColumns}
        getRowId={(p) => String(p.data.id)}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onRowClicked={(e: RowClickedEvent<Fact>) => onSelect(e.data ?? null)}
      />
    </div>
  );
}
