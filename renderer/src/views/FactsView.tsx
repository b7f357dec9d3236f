import { useEffect, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { Fact } from '../../../electron/ipc/contract';
import { call } from '../client';
import { useAsync } from '../useAsync';
import { factColumns } from '../grids/factColumns';
import { gridDefaults } from '../grids/gridTheme';
import { LoadState } from '../components/LoadState';
import { QuickFilter } from '../components/QuickFilter';
import { ViewHeader } from '../components/ViewHeader';
import { markReady } from '../ready';

export function FactsView() {
  const facts = useAsync(() => call('facts.list', {}), 'facts');
  const [filter, setFilter] = useState('');
  useEffect(() => {
    if (facts.status === 'ready') markReady();
  }, [facts.status]);

  return (
    <div className="view">
      <ViewHeader title="Summit facts" count={facts.status === 'ready' ? facts.value.length : undefined}>
        <QuickFilter value={filter} onChange={setFilter} label="Filter facts" />
      </ViewHeader>
      <LoadState state={facts} what="facts" retry={facts.reload} />
      {facts.status === 'ready' && (
        <div className="grid ag-theme-quartz" data-testid="facts-grid">
          <AgGridReact<Fact> {...gridDefaults} rowData={facts.value} columnDefs={factColumns} quickFilterText={filter} getRowId={(p) => String(p.data.id)} />
        </div>
      )}
    </div>
  );
}
