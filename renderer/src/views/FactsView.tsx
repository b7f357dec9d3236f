// Summit facts as an editable grid. Rows load page by page as they scroll into view (ag-grid's
// infinite row model), so 100,000 facts open as fast as fifty; sorting and filtering run in SQLite.
// Every edit is checked by the store: a refused one shows its reason at the cell and the cell goes
// back to its stored value. Column order, widths, sort and filters are kept between sessions.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from '../grids/Grid';
import type { CellValueChangedEvent, ColDef, ColumnState, GridApi, GridReadyEvent, IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { Entity, Fact } from '../../../electron/ipc/contract';
import { CREDIBILITY_MEANINGS, RELIABILITY_MEANINGS, STATUS_MEANINGS, canBeSource } from '../../../common/grading';
import { call } from '../client';
import { useNotices } from '../notices';
import { useAsync } from '../useAsync';
import { useWorkbench } from '../workbenchContext';
import { gradeColumn, meaning, statusColumn } from '../grids/factColumns';
import { factIndex, storeSort } from '../grids/factPosition';
import { gridDefaults } from '../grids/gridTheme';
import { LoadState } from '../components/LoadState';
import { QuickFilter } from '../components/QuickFilter';
import { ViewHeader } from '../components/ViewHeader';
import { ExportButton } from '../components/ExportButton';
import { FactDialog } from '../components/FactDialog';
import { ObjectEditor } from '../grids/ObjectEditor';
import { EntityEditor } from '../grids/EntityEditor';
import { useCellErrors } from '../grids/cellErrors';
import { deleteRows } from '../grids/deleteRows';
import { markReady } from '../ready';
import { lostEvidence } from '../format';

const LAYOUT_KEY = 'grid.facts';
/**
 * The grade a key stands for on a focused grade cell (a letter A–F for reliability, a digit 1–6
 * for credibility), or null: typing it sets the grade at once, as a spreadsheet takes a typed value.
 */
function typedGrade(field: string | undefined, event: KeyboardEvent | null | undefined): string | number | null {
  if (!event || event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return null;
  if (field === 'reliability') {
    const letter = event.key.toUpperCase();
    return letter in RELIABILITY_MEANINGS ? letter : null;
  }
  if (field === 'credibility') {
    const digit = Number(event.key);
    return String(digit) in CREDIBILITY_MEANINGS ? digit : null;
  }
  return null;
}

const PAGE = 200;

type FilterModel = Record<string, { filterType?: string; type?: string; filter?: string | number; values?: string[] }>;

function toQueryFilters(model: FilterModel) {
  return Object.entries(model).flatMap(([field, f]) => {
    if (f.filter === undefined || f.filter === '') return [];
    const op = f.type === 'equals' ? ('equals' as const) : ('contains' as const);
    return [{ field, op, value: String(f.filter) }];
  });
}

/**
 * An entity column's editor finds `choices` (the entities that fit it: places for Where, people and
 * organisations as sources) by any part of a name. The object may also be words: typed, with the
 * entities' names offered (see ObjectEditor).
 */
function entityColumn(field: 'subject' | 'object' | 'place' | 'source', header: string, choices: readonly Entity[], all: readonly Entity[], width: number, blank?: string): ColDef<Fact> {
  return {
    field,
    headerName: header,
    width,
    editable: true,
    // Over the grid, not inside the cell: the list of entities would be cut off by the row.
    cellEditorPopup: field !== 'object',
    cellEditorSelector: () =>
      field === 'object' ? { component: ObjectEditor, params: { names: choices.map((e) => e.name) } } : { component: EntityEditor, params: { entities: choices, all, blank } },
    tooltipField: field,
  };
}

export function FactsView() {
  const { revision, changed, showPassage } = useWorkbench();
  const notices = useNotices();
  const entities = useAsync(() => call('entities.list', {}), `facts-entities:${revision}`);
  const layout = useAsync(() => call('settings.get', { key: LAYOUT_KEY }), 'facts-layout');
  const [quick, setQuick] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [shownIds, setShownIds] = useState<number[] | null>(null);
  const cellErrors = useCellErrors<Fact>('fact');
  const [adding, setAdding] = useState(false);
  const api = useRef<GridApi<Fact> | null>(null);
  const quickRef = useRef('');
  const saveTimer = useRef<number | undefined>(undefined);

  const list = useMemo(() => [...(entities.status === 'ready' ? entities.value : [])].sort((a, b) => a.name.localeCompare(b.name)), [entities]);
  const byName = useMemo(() => new Map(list.map((e: Entity) => [e.name, e.id])), [list]);
  // Only someone who can say or report something is offered as a source; the store refuses the rest.
  const sources = useMemo(() => list.filter((e) => canBeSource(e.kind)), [list]);
  const places = useMemo(() => list.filter((e) => e.kind === 'place'), [list]);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params: IGetRowsParams) => {
        const filters = toQueryFilters(params.filterModel as FilterModel);
        const sort = storeSort(params.sortModel);
        call('facts.page', { offset: params.startRow, limit: params.endRow - params.startRow, quick: quickRef.current, sort, filters }).then(
          ({ rows, total: count }) => {
            params.successCallback(rows, count);
            setTotal(count);
            markReady();
          },
          (error: unknown) => {
            params.failCallback();
            notices.error(error);
          },
        );
      },
    }),
    [notices],
  );

  // Which facts the grid shows (for “export these N”): the filtered set, fetched by id only when filtered.
  const refreshShown = useCallback(async () => {
    const model = (api.current?.getFilterModel() ?? {}) as FilterModel;
    const filters = toQueryFilters(model);
    if (!quickRef.current && filters.length === 0) return setShownIds(null);
    const ids: number[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await call('facts.page', { offset, limit: 1000, quick: quickRef.current, filters });
      ids.push(...page.rows.map((r) => r.id));
      if (ids.length >= page.total || page.rows.length === 0) break;
    }
    setShownIds(ids);
  }, []);

  // A fact just added, to select once the grid has loaded its row (see showAdded).
  const pending = useRef<{ id: number; index: number; tries: number } | null>(null);

  const selectPending = useCallback(() => {
    const grid = api.current;
    const p = pending.current;
    if (!grid || !p) return;
    const node = grid.getRowNode(String(p.id));
    if (node?.rowIndex != null) {
      pending.current = null;
      const index = node.rowIndex;
      grid.ensureIndexVisible(index, 'middle');
      node.setSelected(true, true);
      grid.setFocusedCell(index, 'subject');
      // The row is rendered once the scroll there has ended, and the grid does not move the
      // keyboard's focus to a cell it renders later: then it goes to the new fact (arrows work there).
      const focusOnce = () => {
        grid.removeEventListener('bodyScrollEnd', focusOnce);
        if (grid.isDestroyed()) return;
        const cell = grid.getFocusedCell();
        if (cell?.rowIndex === index && cell.column.getColId() === 'subject') grid.setFocusedCell(index, 'subject');
      };
      if (!document.activeElement?.closest('.ag-cell-focus')) grid.addEventListener('bodyScrollEnd', focusOnce);
      return;
    }
    // Another fact loaded where it should be (the store changed meanwhile): leave the grid alone.
    if (grid.getDisplayedRowAtIndex(p.index)?.data || ++p.tries > 10) pending.current = null;
    // Scrolling there loads that page; the grid's next model update comes back here.
    else if (p.index < grid.getDisplayedRowCount()) grid.ensureIndexVisible(p.index, 'middle');
  }, []);

  /** Scrolls to a fact just added and selects it, wherever the grid's sort puts it; the sort and filters stay. */
  const showAdded = async (fact: Fact) => {
    const grid = api.current;
    if (!grid) return;
    const quick = quickRef.current;
    const filters = toQueryFilters(grid.getFilterModel() as FilterModel);
    const sort = storeSort(grid.getColumnState());
    const index = await factIndex(fact, sort, ({ offset, limit, only }) =>
      call('facts.page', { offset, limit, quick, sort, filters: only === undefined ? filters : [...filters, { field: 'id', op: 'equals', value: String(only) }] }),
    );
    if (index === 'hidden') return notices.notify('info', 'Fact added. The filter hides it: clear the filter to see it.');
    if (index === null) return;
    pending.current = { id: fact.id, index, tries: 0 };
    selectPending();
  };

  useEffect(() => {
    pending.current = null;
    quickRef.current = quick;
    const t = window.setTimeout(() => {
      api.current?.purgeInfiniteCache();
      void refreshShown();
    }, 200);
    return () => window.clearTimeout(t);
  }, [quick, refreshShown]);

  useEffect(() => {
    api.current?.purgeInfiniteCache();
  }, [revision]);

  const saveLayout = useCallback(() => {
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => {
      const grid = api.current;
      if (!grid) return;
      const value = JSON.stringify({ columns: grid.getColumnState(), filters: grid.getFilterModel() });
      call('settings.set', { key: LAYOUT_KEY, value }).catch(notices.error);
    }, 400);
  }, [notices]);

  const onGridReady = (e: GridReadyEvent<Fact>) => {
    api.current = e.api;
    if (layout.status === 'ready' && layout.value.value) {
      try {
        const saved = JSON.parse(layout.value.value) as { columns?: ColumnState[]; filters?: FilterModel };
        if (saved.columns) e.api.applyColumnState({ state: saved.columns, applyOrder: true });
        if (saved.filters) e.api.setFilterModel(saved.filters);
      } catch {
        // A layout that cannot be read is simply not applied.
      }
    }
  };

  const onCellValueChanged = async (e: CellValueChangedEvent<Fact>) => {
    const fact = e.data;
    const field = e.colDef.field as keyof Fact;
    if (!fact || e.newValue === e.oldValue) return;
    const value = e.newValue as string | null;
    const patch: Record<string, unknown> = {};
    if (field === 'subject') patch.subjectId = byName.get(value ?? '') ?? -1;
    else if (field === 'object') {
      // An entity's name (in any case) links the entity; other words are kept as typed.
      const words = (value ?? '').trim();
      const entity = byName.get(words) ?? list.find((e) => e.name.toLowerCase() === words.toLowerCase())?.id;
      if (entity !== undefined) patch.objectId = entity;
      else patch.objectText = words;
    } else if (field === 'place') patch.placeId = value ? (byName.get(value) ?? -1) : null;
    else if (field === 'source') patch.sourceId = value ? (byName.get(value) ?? -1) : null;
    else if (field === 'credibility') patch.credibility = Number(value);
    else if (field === 'time') patch.time = value || null;
    else patch[field] = value;
    try {
      const saved = await call('facts.update', { id: fact.id, ...patch } as never);
      e.node.setData(saved);
      cellErrors.saved(e.api, e.node, fact.id, String(field));
      changed();
    } catch (error) {
      // Show why at the cell, and put the stored value back; nothing else changes.
      // setData, unlike setDataValue, does not fire another change (which would try to save again).
      e.node.setData({ ...fact, [field]: e.oldValue } as Fact);
      cellErrors.refused(e.api, e.node, fact.id, String(field), error);
    }
  };

  const columns = useMemo<ColDef<Fact>[]>(() => {
    // A refused edit's reason is the cell's tooltip, before the column's own (the Admiralty meanings...).
    const withError = (c: ColDef<Fact>): ColDef<Fact> => ({
      ...cellErrors.column(c),
      // Delete on a cell deletes its fact, or the selected ones if it is one of them (onCellKeyDown):
      // the grid must not also clear the cell, which tried to save an empty value (and was refused
      // with a store's message).
      suppressKeyboardEvent: (p) => (!p.editing && p.event.key === 'Delete') || (c.suppressKeyboardEvent?.(p) ?? false),
    });
    const defs: ColDef<Fact>[] = [
      { ...entityColumn('subject', 'Subject', list, list, 170), pinned: 'left' },
      { field: 'relation', headerName: 'Did or said', width: 220, editable: true, tooltipField: 'relation' },
      entityColumn('object', 'Object', list, list, 220),
      {
        field: 'reliability',
        headerName: 'Reliability',
        width: 112,
        editable: true,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: Object.keys(RELIABILITY_MEANINGS) },
        // A typed letter sets the grade (see onCellKeyDown) instead of opening the list.
        suppressKeyboardEvent: (p) => !p.editing && typedGrade('reliability', p.event) !== null,
        // The editor's list shows values as formatted (the cell has its own renderer): each grade
        // with its meaning, so one is chosen from the keyboard knowing what it says.
        valueFormatter: (p) => meaning(RELIABILITY_MEANINGS, p.value),
        cellRenderer: (p: { value: string }) => <span className={`grade grade-${p.value}`}>{p.value}</span>,
        tooltipValueGetter: (p) => meaning(RELIABILITY_MEANINGS, p.value),
        headerTooltip: Object.entries(RELIABILITY_MEANINGS)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n'),
      },
      {
        field: 'credibility',
        headerName: 'Credibility',
        width: 112,
        editable: true,
        cellEditor: 'agSelectCellEditor',
        // Numbers, as the fact holds them: with strings the editor found no match for the stored
        // grade, opened on 1 and saved 1 when Enter was pressed again.
        cellEditorParams: { values: [1, 2, 3, 4, 5, 6] },
        suppressKeyboardEvent: (p) => !p.editing && typedGrade('credibility', p.event) !== null,
        valueFormatter: (p) => meaning(CREDIBILITY_MEANINGS, p.value),
        cellRenderer: (p: { value: number; data?: Fact }) => <span className={`grade grade-cred-${p.value}`}>{p.value}</span>,
        tooltipValueGetter: (p) => meaning(CREDIBILITY_MEANINGS, p.value),
        headerTooltip: Object.entries(CREDIBILITY_MEANINGS)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n'),
      },
      { ...gradeColumn, width: 86, hide: true, sortable: true, filter: false },
      {
        ...statusColumn,
        width: 124,
        editable: true,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: Object.keys(STATUS_MEANINGS) },
        valueFormatter: (p) => meaning(STATUS_MEANINGS, p.value),
      },
      // A text editor, not a date picker: the article's dates are often only a year or a month.
      { field: 'time', headerName: 'When', width: 120, editable: true, cellEditor: 'agTextCellEditor', headerTooltip: 'A date as precise as the source allows: YYYY, YYYY-MM or YYYY-MM-DD' },
      entityColumn('place', 'Where', places, list, 140, 'not stated'),
      { ...entityColumn('source', 'On whose authority', sources, list, 200, 'the article itself'), headerTooltip: 'The person or organisation who said or reported it' },
      {
        field: 'evidenceExact',
        headerName: 'Evidence (Enter or double-click to open)',
        flex: 1,
        minWidth: 280,
        tooltipField: 'evidenceExact',
        cellClass: 'evidence-cell serif-cell',
        // Evidence whose passage an edit of the text removed keeps its quote, marked as lost.
        cellRenderer: (p: { value: string; data?: Fact }) =>
          p.data?.evidenceAnchor === 'orphaned' ? (
            <>
              <span className="status anchor-state-orphaned">not in the text</span> {p.value}
            </>
          ) : (
            p.value
          ),
      },
    ];
    return defs.map(withError);
  }, [list, sources, places, cellErrors]);

  const openEvidence = (fact: Fact | undefined) => {
    if (fact?.evidenceAnchor === 'orphaned') return notices.notify('info', lostEvidence(fact.evidenceExact));
    if (fact && fact.documentId !== null && fact.evidenceStart !== null && fact.evidenceEnd !== null) showPassage(fact.documentId, fact.evidenceStart, fact.evidenceEnd);
  };

  const deleteFacts = (focused?: Fact) =>
    deleteRows(
      api.current,
      focused,
      { one: 'Fact deleted.', many: (n) => `${n} facts deleted.`, none: 'Choose a fact first: click its row, or move to it with the arrow keys.' },
      (f) => call('facts.delete', { id: f.id }),
      changed,
      notices,
    );

  const ready = entities.status === 'ready' && layout.status !== 'loading';

  return (
    <div className="view">
      <ViewHeader title="Summit facts" count={total ?? undefined}>
        <QuickFilter value={quick} onChange={setQuick} label="Filter facts" />
        <ExportButton kind="facts" label="Export" shownIds={shownIds} total={total ?? 0} />
        <button type="button" className="button" onClick={() => void deleteFacts()}>
          Delete
        </button>
        <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
          Add fact
        </button>
      </ViewHeader>
      <LoadState state={entities} what="facts" retry={entities.reload} />
      {ready && (
        <div className="grid ag-theme-quartz" data-testid="facts-grid">
          <AgGridReact<Fact>
            {...gridDefaults}
            rowModelType="infinite"
            datasource={datasource}
            cacheBlockSize={PAGE}
            maxBlocksInCache={50}
            columnDefs={columns}
            getRowId={(p) => String(p.data.id)}
            rowSelection={{ mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: true }}
            singleClickEdit={false}
            stopEditingWhenCellsLoseFocus
            onGridReady={onGridReady}
            onCellValueChanged={(e) => void onCellValueChanged(e)}
            onCellDoubleClicked={(e) => e.colDef.field === 'evidenceExact' && openEvidence(e.data)}
            onCellKeyDown={(e) => {
              const key = (e.event as KeyboardEvent | undefined)?.key;
              if (key === 'Enter' && 'colDef' in e && e.colDef.field === 'evidenceExact') openEvidence(e.data);
              if (key === 'Delete' && !e.api.getEditingCells().length && e.node.data) void deleteFacts(e.node.data);
              // A grade typed on its cell: saved (or refused, with the reason) like any edit.
              const field = 'colDef' in e ? e.colDef.field : undefined;
              const grade = typedGrade(field, e.event as KeyboardEvent | undefined);
              if (grade !== null && field && e.node.data && !e.api.getEditingCells().length) e.node.setDataValue(field, grade);
            }}
            onColumnMoved={saveLayout}
            onColumnResized={(e) => e.finished && saveLayout()}
            onSortChanged={() => {
              pending.current = null;
              saveLayout();
            }}
            onModelUpdated={selectPending}
            onColumnVisible={saveLayout}
            onColumnPinned={saveLayout}
            onFilterChanged={() => {
              pending.current = null;
              saveLayout();
              void refreshShown();
            }}
          />
        </div>
      )}
      {adding && (
        <FactDialog
          onClose={() => setAdding(false)}
          onSaved={(fact) => {
            setAdding(false);
            changed();
            notices.notify('info', 'Fact added.');
            showAdded(fact).catch(notices.error);
          }}
        />
      )}
    </div>
  );
}
