// Entities: people, organisations, places and events, with how often they are mentioned and how
// many facts rest on them. Select one to mark its mentions in the article; add, edit, delete and
// merge them. A changed name or alias finds the entity's mentions again.
import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from '../grids/Grid';
import type { CellValueChangedEvent, ColDef, GridApi } from 'ag-grid-community';
import type { Entity } from '../../../electron/ipc/contract';
import { call, undoFor } from '../client';
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
import { EntityDialog, ENTITY_KINDS, joinAliases, splitAliases } from '../components/EntityDialog';
import { useCellErrors } from '../grids/cellErrors';
import { deleteRows } from '../grids/deleteRows';

const hasText = (v: unknown) => typeof v === 'string' && v !== '';

export function EntitiesView() {
  const { revision, changed, showEntity } = useWorkbench();
  const notices = useNotices();
  const entities = useAsync(() => call('entities.list', {}), `entities:${revision}`);
  const [filter, setFilter] = useState('');
  const [shownIds, setShownIds] = useState<number[] | null>(null);
  const [selected, setSelected] = useState<Entity[]>([]);
  const [merging, setMerging] = useState<[Entity, Entity] | null>(null);
  const [keep, setKeep] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const api = useRef<GridApi<Entity> | null>(null);
  const cellErrors = useCellErrors<Entity>('entity');
  const list = entities.status === 'ready' ? entities.value : null;

  useEffect(() => {
    if (entities.status === 'ready') markReady();
  }, [entities.status]);

  // An entity just added: selected and scrolled to once the grid has its row.
  const added = useRef<number | null>(null);
  const selectAdded = (grid: GridApi<Entity>) => {
    const node = added.current === null ? undefined : grid.getRowNode(String(added.current));
    if (!node || node.rowIndex === null) return;
    added.current = null;
    grid.deselectAll();
    node.setSelected(true);
    grid.ensureNodeVisible(node, 'middle');
    grid.setFocusedCell(node.rowIndex, 'name');
  };

  const columns = useMemo<ColDef<Entity>[]>(() => {
    const names = (list ?? []).map((e) => e.name).sort((a, b) => a.localeCompare(b));
    // Sized to fit a 1440-pixel window with the side bar: role and aliases share what is left.
    const defs: ColDef<Entity>[] = [
      {
        field: 'name',
        headerName: 'Name',
        width: 210,
        pinned: 'left',
        tooltipField: 'name',
        editable: true,
        // As in a file list: double-click or Enter opens the entity's mentions in the article,
        // F2 or typing renames it.
        cellRendererParams: { suppressMouseEventHandling: (p: { event: MouseEvent }) => p.event.type === 'dblclick' },
        suppressKeyboardEvent: (p) => {
          if (p.editing || p.event.key !== 'Enter') return false;
          if (p.event.type === 'keydown' && p.data) showEntity({ id: p.data.id, name: p.data.name });
          return true;
        },
      },
      {
        field: 'kind',
        headerName: 'Kind',
        width: 120,
        editable: true,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...ENTITY_KINDS] },
        cellRenderer: (p: { value: string }) => <span className={`kind kind-${p.value}`}>{p.value}</span>,
      },
      { field: 'role', headerName: 'Role or title', flex: 3, minWidth: 200, tooltipField: 'role', editable: true },
      {
        field: 'affiliation',
        headerName: 'Affiliation',
        width: 190,
        tooltipField: 'affiliation',
        editable: true,
        // Any other entity, or none; the store refuses one that would lead back to this entity.
        cellEditorSelector: (p) => ({
          component: 'agSelectCellEditor',
          params: { values: ['', ...names.filter((n) => n !== p.data?.name)] },
        }),
      },
      {
        colId: 'aliases',
        headerName: 'Aliases',
        flex: 2,
        minWidth: 150,
        editable: true,
        headerTooltip: 'Other names the text uses, separated by semicolons',
        valueGetter: (p) => joinAliases(p.data?.aliases ?? []),
        valueSetter: (p) => {
          p.data.aliases = splitAliases(String(p.newValue ?? ''));
          return true;
        },
        tooltipValueGetter: (p) => joinAliases(p.data?.aliases ?? []),
      },
      { field: 'mentionCount', headerName: 'Mentions', width: 116, type: 'numericColumn', filter: 'agNumberColumnFilter' },
      { field: 'factCount', headerName: 'Facts', width: 96, type: 'numericColumn', filter: 'agNumberColumnFilter', headerTooltip: 'Facts with this entity as subject or source' },
    ];
    return defs.map((c) => {
      const column = cellErrors.column(c);
      const own = column.suppressKeyboardEvent;
      // Delete on a row deletes its entity (see onCellKeyDown); the grid must not also clear the cell.
      return { ...column, suppressKeyboardEvent: (p) => (!p.editing && p.event.key === 'Delete') || (own?.(p) ?? false) };
    });
  }, [list, cellErrors, showEntity]);

  const onCellValueChanged = async (e: CellValueChangedEvent<Entity>) => {
    const entity = e.data;
    const field = e.column.getColId();
    if (!entity || e.newValue === e.oldValue) return;
    const value = typeof e.newValue === 'string' ? e.newValue : '';
    const patch =
      field === 'affiliation'
        ? { affiliationId: value ? (list?.find((x) => x.name === value)?.id ?? -1) : null }
        : field === 'aliases'
          ? { aliases: entity.aliases }
          : field === 'kind'
            ? { kind: value as Entity['kind'] }
            : { [field]: value };
    try {
      const saved = await call('entities.update', { id: entity.id, ...patch });
      e.node.setData(saved);
      cellErrors.saved(e.api, e.node, entity.id, field);
      // A new name moves mentions, and other entities' counts with them.
      changed();
    } catch (error) {
      // The stored value goes back, and the cell says why it was refused.
      const before = field === 'aliases' ? { aliases: splitAliases(hasText(e.oldValue) ? String(e.oldValue) : '') } : { [field]: e.oldValue };
      e.node.setData({ ...entity, ...before });
      cellErrors.refused(e.api, e.node, entity.id, field, error);
    }
  };

  const deleteEntities = (focused?: Entity) =>
    deleteRows(
      api.current,
      focused,
      { one: 'Entity deleted.', many: (n) => `${n} entities deleted.`, none: 'Choose an entity first: click its row, or move to it with the arrow keys.' },
      (x) => call('entities.delete', { id: x.id }),
      changed,
      notices,
    );

  const merge = async () => {
    if (!merging || keep === null) return;
    const other = merging.find((e) => e.id !== keep)!;
    try {
      const kept = await call('entities.merge', { keepId: keep, mergeId: other.id });
      setMerging(null);
      changed();
      const undo = await undoFor();
      notices.notify('info', `Merged “${other.name}” into “${kept.name}”.`, { label: 'Undo', run: () => void undo().then(changed, notices.error) });
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
        <button type="button" className="button" onClick={() => void deleteEntities()} title="Delete the selected entities (Delete). One that a fact names cannot be deleted: merge it instead.">
          Delete
        </button>
        <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
          New entity…
        </button>
      </ViewHeader>
      <LoadState state={entities} what="entities" retry={entities.reload} />
      {entities.status === 'ready' && (
        <>
          <p className="view-hint">
            Double-click a name, or press Enter on it, to mark its mentions in the article. Double-click another cell, or press F2 or start typing, to edit it. Select two with Ctrl+click to merge them.
          </p>
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
              stopEditingWhenCellsLoseFocus
              onCellValueChanged={(e) => void onCellValueChanged(e)}
              onCellDoubleClicked={(e) => e.colDef.field === 'name' && e.data && showEntity({ id: e.data.id, name: e.data.name })}
              onCellKeyDown={(e) => {
                if ((e.event as KeyboardEvent | undefined)?.key === 'Delete' && !e.api.getEditingCells().length && e.node.data) void deleteEntities(e.node.data);
              }}
              onModelUpdated={(e) => {
                setShownIds(filteredIds(e.api, entities.value.length));
                selectAdded(e.api);
              }}
            />
          </div>
        </>
      )}
      {adding && list && (
        <EntityDialog
          entities={list}
          onClose={() => setAdding(false)}
          onSaved={(entity) => {
            setAdding(false);
            added.current = entity.id;
            setFilter('');
            changed();
            const mentions = `${entity.mentionCount} ${entity.mentionCount === 1 ? 'mention' : 'mentions'}`;
            notices.notify('info', `Added “${entity.name}”: ${mentions} in the articles.`);
          }}
        />
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
