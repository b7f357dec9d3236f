// Entities: people, organisations, places and events, with how often they are mentioned and how
// many facts rest on them. Select one to mark its mentions in the article; merge duplicates.
import { useEffect, useRef, useState } from 'react';
import { AgGridReact } from '../grids/Grid';
import type { ColDef, GridApi } from 'ag-grid-community';
import type { Entity } from '../../../electron/ipc/contract';
import { call } from '../client';
import { useNotices } from '../notices';
import { useAsync } from '../useAsync';
import { useWorkbench } from '../workbenchContext';
import { gridDefaults } from '../grids/gridTheme';
import { filteredIds } from '../grids/filteredIds';
import { LoadState } from '../components/LoadState';
import { QuickFilter } from '../components/QuickFilter';
import { ViewHeader } from '../components/ViewHeader';
import { ExportButton } from '../components/ExportButton';
import { Modal } from '../components/Modal';
import { markReady } from '../ready';

// Sized to fit a 1440-pixel window with the side bar: role and aliases share what is left.
const columns: ColDef<Entity>[] = [
  { field: 'name', headerName: 'Name', width: 210, pinned: 'left', tooltipField: 'name' },
  { field: 'kind', headerName: 'Kind', width: 120, cellRenderer: (p: { value: string }) => <span className={`kind kind-${p.value}`}>{p.value}</span> },
  { field: 'role', headerName: 'Role or title', flex: 3, minWidth: 200, tooltipField: 'role' },
  { field: 'affiliation', headerName: 'Affiliation', width: 190, tooltipField: 'affiliation' },
  { colId: 'aliases', headerName: 'Aliases', flex: 2, minWidth: 150, valueGetter: (p) => p.data?.aliases.join(', ') ?? '', tooltipValueGetter: (p) => p.data?.aliases.join(', ') ?? '' },
  { field: 'mentionCount', headerName: 'Mentions', width: 116, type: 'numericColumn', filter: 'agNumberColumnFilter' },
  { field: 'factCount', headerName: 'Facts', width: 96, type: 'numericColumn', filter: 'agNumberColumnFilter', headerTooltip: 'Facts with this entity as subject or source' },
];

export function EntitiesView() {
  const { revision, changed, showEntity } = useWorkbench();
  const notices = useNotices();
  const entities = useAsync(() => call('entities.list', {}), `entities:${revision}`);
  const [filter, setFilter] = useState('');
  const [shownIds, setShownIds] = useState<number[] | null>(null);
  const [selected, setSelected] = useState<Entity[]>([]);
  const [merging, setMerging] = useState<[Entity, Entity] | null>(null);
  const [keep, setKeep] = useState<number | null>(null);
  const api = useRef<GridApi<Entity> | null>(null);

  useEffect(() => {
    if (entities.status === 'ready') markReady();
  }, [entities.status]);

  const merge = async () => {
    if (!merging || keep === null) return;
    const other = merging.find((e) => e.id !== keep)!;
    try {
      const kept = await call('entities.merge', { keepId: keep, mergeId: other.id });
      setMerging(null);
      changed();
      notices.notify('info', `Merged “${other.name}” into “${kept.name}”.`, { label: 'Undo', run: () => void call('history.undo', {}).then(changed, notices.error) });
    } catch (error) {
      notices.error(error);
    }
  };

  // Two entities of different kinds (a person and a place) are almost never one and the same.
  const mixedKinds = merging !== null && new Set(merging.map((e) => e.kind)).size > 1;

  return (
    <div className="view">
      <ViewHeader title="Entities" count={entities.status === 'ready' ? entities.value.length : undefined}>
        <QuickFilter value={filter} onChange={setFilter} label="Filter entities" />
        <button type="button" className="button" disabled={selected.length !== 1} onClick={() => selected[0] && showEntity({ id: selected[0].id, name: selected[0].name })} title="Mark its mentions in the article (Enter)">
          Show in article
        </button>
        <button
          type="button"
          className="button"
          disabled={selected.length !== 2}
          title={selected.length === 2 ? 'Merge the two selected entities' : 'Select two entities (Ctrl+click) to merge them'}
          onClick={() => {
            setMerging([selected[0]!, selected[1]!]);
            setKeep(selected[0]!.mentionCount >= selected[1]!.mentionCount ? selected[0]!.id : selected[1]!.id);
          }}
        >
          Merge…
        </button>
        <ExportButton kind="entities" label="Export" shownIds={shownIds} total={entities.status === 'ready' ? entities.value.length : 0} />
      </ViewHeader>
      <LoadState state={entities} what="entities" retry={entities.reload} />
      {entities.status === 'ready' && (
        <>
          <p className="view-hint">Select an entity to mark its mentions in the article (double-click or Enter); select two with Ctrl+click to merge them.</p>
          <div className="grid ag-theme-quartz" data-testid="entities-grid">
            <AgGridReact<Entity>
              {...gridDefaults}
              rowData={entities.value}
              columnDefs={columns}
              quickFilterText={filter}
              getRowId={(p) => String(p.data.id)}
              rowSelection={{ mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: true }}
              onGridReady={(e) => (api.current = e.api)}
              onSelectionChanged={(e) => setSelected(e.api.getSelectedRows())}
              onRowDoubleClicked={(e) => e.data && showEntity({ id: e.data.id, name: e.data.name })}
              onCellKeyDown={(e) => {
                if ((e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data) showEntity({ id: e.data.id, name: e.data.name });
              }}
              onModelUpdated={(e) => setShownIds(filteredIds(e.api, entities.value.length))}
            />
          </div>
        </>
      )}
      {merging && (
        <Modal
          title="Merge entities"
          onClose={() => setMerging(null)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setMerging(null)}>
                Cancel
              </button>
              <button type="button" className="button button-primary" onClick={() => void merge()}>
                {mixedKinds ? 'Merge anyway' : 'Merge'}
              </button>
            </>
          }
        >
          <p>Which one stays? The other becomes its alias; its mentions, facts and note links move to the one you keep.</p>
          <fieldset className="choice">
            <legend>Keep</legend>
            {merging.map((e) => (
              <label key={e.id}>
                <input type="radio" name="keep" checked={keep === e.id} onChange={() => setKeep(e.id)} /> {e.name} ({e.kind}, {e.mentionCount} {e.mentionCount === 1 ? 'mention' : 'mentions'}, {e.factCount} {e.factCount === 1 ? 'fact' : 'facts'})
              </label>
            ))}
          </fieldset>
          {mixedKinds && (
            <p className="field-error" role="alert">
              These are not the same kind of thing ({merging.map((e) => `${e.name}: ${e.kind}`).join('; ')}). Merged, every fact and mention of one would name the other. Merge them only if they are one and the same.
            </p>
          )}
        </Modal>
      )}
    </div>
  );
}
