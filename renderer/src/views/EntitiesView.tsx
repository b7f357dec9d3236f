import { useEffect, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { Entity } from '../../../electron/ipc/contract';
import { call } from '../client';
import { useAsync } from '../useAsync';
import { gridDefaults } from '../grids/gridTheme';
import { LoadState } from '../components/LoadState';
import { QuickFilter } from '../components/QuickFilter';
import { ViewHeader } from '../components/ViewHeader';
import { markReady } from '../ready';

const columns: ColDef<Entity>[] = [
  { field: 'name', headerName: 'Name', width: 230, pinned: 'left' },
  { field: 'kind', headerName: 'Kind', width: 130, cellRenderer: (p: { value: string }) => <span className={`kind kind-${p.value}`}>{p.value}</span> },
  { field: 'role', headerName: 'Role or title', flex: 1, minWidth: 260, tooltipField: 'role' },
  { field: 'affiliation', headerName: 'Affiliation', width: 220 },
  { headerName: 'Aliases', width: 200, valueGetter: (p) => p.data?.aliases.join(', ') ?? '' },
  { field: 'mentionCount', headerName: 'Mentions', width: 120, type: 'numericColumn', filter: 'agNumberColumnFilter' },
  { field: 'factCount', headerName: 'Facts', width: 100, type: 'numericColumn', filter: 'agNumberColumnFilter', headerTooltip: 'Facts with this entity as subject or source' },
];

export function EntitiesView() {
  const entities = useAsync(() => call('entities.list', {}), 'entities');
  const [filter, setFilter] = useState('');
  useEffect(() => {
    if (entities.status === 'ready') markReady();
  }, [entities.status]);

  return (
    <div className="view">
      <ViewHeader title="Entities" count={entities.status === 'ready' ? entities.value.length : undefined}>
        <QuickFilter value={filter} onChange={setFilter} label="Filter entities" />
      </ViewHeader>
      <LoadState state={entities} what="entities" retry={entities.reload} />
      {entities.status === 'ready' && (
        <div className="grid ag-theme-quartz" data-testid="entities-grid">
          <AgGridReact<Entity> {...gridDefaults} rowData={entities.value} columnDefs={columns} quickFilterText={filter} getRowId={(p) => String(p.data.id)} />
        </div>
      )}
    </div>
  );
}
