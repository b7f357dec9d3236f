// Every annotation in every document, as a grid: sort, filter, quick search. Selecting a row opens
// the article at its passage and flashes it.
import { useEffect, useMemo, useState } from 'react';
import { AgGridReact } from '../grids/Grid';
import type { ColDef, RowClickedEvent } from 'ag-grid-community';
import type { Annotation } from '../../../electron/ipc/contract';
import { call } from '../client';
import { flattenCodes } from '../codes';
import { useAsync } from '../useAsync';
import { useWorkbench } from '../workbenchContext';
import { gridDefaults } from '../grids/gridTheme';
import { filteredIds } from '../grids/filteredIds';
import { timestampColumn } from '../grids/timestampColumn';
import { LoadState } from '../components/LoadState';
import { QuickFilter } from '../components/QuickFilter';
import { ViewHeader } from '../components/ViewHeader';
import { ExportButton } from '../components/ExportButton';
import { W3cButtons } from '../components/W3cButtons';
import { markReady } from '../ready';

interface Row extends Annotation {
  document: string;
  codes: string;
}

// Narrow enough together that both times fit beside the passage in a 1440-pixel window.
const columns: ColDef<Row>[] = [
  { field: 'document', headerName: 'Document', width: 180, tooltipField: 'document' },
  { field: 'exact', headerName: 'Passage', flex: 2, minWidth: 220, tooltipField: 'exact', cellClass: 'serif-cell' },
  { field: 'codes', headerName: 'Codes', flex: 1, minWidth: 140, tooltipField: 'codes' },
  { field: 'comment', headerName: 'Comment', flex: 1, minWidth: 140, tooltipField: 'comment' },
  {
    field: 'anchor',
    headerName: 'Anchored',
    width: 116,
    cellRenderer: (p: { value: string }) => <span className={`status anchor-state-${p.value}`}>{p.value}</span>,
  },
  { ...timestampColumn<Row>('created', 'Created'), sort: 'desc' },
  timestampColumn<Row>('updated', 'Updated'),
];

export function AnnotationsView() {
  const { revision, showPassage } = useWorkbench();
  const data = useAsync(
    async () => {
      const [annotations, codes, documents] = await Promise.all([call('annotations.list', {}), call('codes.list', {}), call('documents.list', {})]);
      return { annotations, codes: flattenCodes(codes), documents };
    },
    `annotations:${revision}`,
  );
  const [filter, setFilter] = useState('');
  const [shownIds, setShownIds] = useState<number[] | null>(null);

  const rows = useMemo<Row[]>(() => {
    if (data.status !== 'ready') return [];
    const codeNames = new Map(data.value.codes.map((c) => [c.id, c.name]));
    const titles = new Map(data.value.documents.map((d) => [d.id, d.title]));
    return data.value.annotations.map((a) => ({
      ...a,
      document: titles.get(a.documentId) ?? `Document ${a.documentId}`,
      codes: a.codeIds.map((id) => codeNames.get(id) ?? `Code ${id}`).join(', '),
    }));
  }, [data]);

  useEffect(() => {
    if (data.status === 'ready') markReady();
  }, [data.status]);

  const onRowClicked = (e: RowClickedEvent<Row>) => {
    if (e.data && e.data.anchor !== 'orphaned') showPassage(e.data.documentId, e.data.start, e.data.end);
  };

  return (
    <div className="view">
      <ViewHeader title="Annotations" count={data.status === 'ready' ? rows.length : undefined}>
        <QuickFilter value={filter} onChange={setFilter} label="Search annotations" />
        <ExportButton kind="annotations" label="Export CSV" shownIds={shownIds} total={rows.length} />
        <W3cButtons total={rows.length} />
      </ViewHeader>
      <LoadState state={data} what="annotations" retry={data.reload} />
      {data.status === 'ready' && rows.length === 0 && (
        <div className="empty-state">
          <h2>No annotations yet</h2>
          <p>Select a passage in the Article view and give it a code; it will be listed here.</p>
        </div>
      )}
      {data.status === 'ready' && rows.length > 0 && (
        <>
          <p className="view-hint">Select a row to open its passage in the article. Press Enter on a focused row to do the same from the keyboard.</p>
          <div className="grid ag-theme-quartz" data-testid="annotations-grid">
            <AgGridReact<Row>
              {...gridDefaults}
              rowData={rows}
              columnDefs={columns}
              quickFilterText={filter}
              getRowId={(p) => String(p.data.id)}
              rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
              onRowClicked={onRowClicked}
              onModelUpdated={(e) => setShownIds(filteredIds(e.api, rows.length))}
              onCellKeyDown={(e) => {
                const key = (e.event as KeyboardEvent | undefined)?.key;
                if (key === 'Enter' && e.data && e.data.anchor !== 'orphaned') showPassage(e.data.documentId, e.data.start, e.data.end);
              }}
            />
          </div>
        </>
      )}
    </div>
  );
}
