// Notes: a list on the left (a grid, filterable) and the selected note's editor on the right.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from '../grids/Grid';
import type { ColDef, ModelUpdatedEvent, GridApi } from 'ag-grid-community';
import type { Note, NoteSummary } from '../../../electron/ipc/contract';
import { call } from '../client';
import { flattenCodes } from '../codes';
import { useNotices } from '../notices';
import { useAsync } from '../useAsync';
import { useWorkbench } from '../workbenchContext';
import { gridDefaults } from '../grids/gridTheme';
import { filteredIds } from '../grids/filteredIds';
import { timestampColumn } from '../grids/timestampColumn';
import { LoadState } from '../components/LoadState';
import { QuickFilter } from '../components/QuickFilter';
import { ViewHeader } from '../components/ViewHeader';
import { NoteEditor } from '../notes/NoteEditor';
import { ExportButton } from '../components/ExportButton';
import { markReady } from '../ready';

const SELECTED_KEY = 'summit-workbench.note';

const columns: ColDef<NoteSummary>[] = [
  { field: 'title', headerName: 'Title', flex: 1, minWidth: 160, valueFormatter: (p) => p.value || 'Untitled note' },
  { field: 'linkCount', headerName: 'Links', width: 90, type: 'numericColumn', filter: 'agNumberColumnFilter' },
  { ...timestampColumn<NoteSummary>('updated', 'Updated'), sort: 'desc' },
  { field: 'body', headerName: 'Text', hide: true },
];

export function NotesView() {
  const { revision, changed, focusNote } = useWorkbench();
  const notices = useNotices();
  const data = useAsync(async () => ({ notes: await call('notes.list', {}), codes: flattenCodes(await call('codes.list', {})) }), `notes:${revision}`);
  const [filter, setFilter] = useState('');
  const [selectedId, setSelectedId] = useState<number | null>(() => focusNote ?? (Number(localStorage.getItem(SELECTED_KEY)) || null));
  const [note, setNote] = useState<Note | null>(null);
  const [shownIds, setShownIds] = useState<number[] | null>(null);
  const grid = useRef<GridApi<NoteSummary> | null>(null);
  // Set when the filter's words change, for the next model update to check the open note (see onModelUpdated).
  const filterChanged = useRef(false);
  const [noMatch, setNoMatch] = useState(false);

  const notes = data.status === 'ready' ? data.value.notes : [];
  const current = notes.find((n) => n.id === selectedId) ?? notes[0] ?? null;

  useEffect(() => {
    if (data.status === 'ready') markReady();
  }, [data.status]);

  useEffect(() => {
    if (!focusNote) return;
    // A note opened from elsewhere (search, “Note on this passage”) is shown, whatever the filter.
    setSelectedId(focusNote);
    setNoMatch(false);
  }, [focusNote]);

  useEffect(() => {
    let live = true;
    if (!current) {
      setNote(null);
      return;
    }
    localStorage.setItem(SELECTED_KEY, String(current.id));
    if (note?.id === current.id) return;
    call('notes.get', { id: current.id }).then((n) => live && setNote(n), notices.error);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load when the selection changes
  }, [current?.id]);

  // The note just made with New note: its editor opens with the title field focused (that once).
  const [createdId, setCreatedId] = useState<number | null>(null);
  useEffect(() => {
    if (createdId !== null && selectedId !== createdId) setCreatedId(null);
  }, [createdId, selectedId]);
  const create = async () => {
    try {
      const created = await call('notes.create', { title: '', body: '' });
      // A new note matches no filter: the filter goes, so that the list shows the note being written.
      setFilter('');
      setNoMatch(false);
      setSelectedId(created.id);
      setNote(created);
      setCreatedId(created.id);
      changed();
    } catch (error) {
      notices.error(error);
    }
  };

  const onSaved = useCallback((saved: Note) => {
    // The list catches up when the person pauses, so an autosave's answer never delays a keystroke.
    const update = () => grid.current?.applyTransaction({ update: [{ ...saved, linkCount: saved.links.length }] });
    window.requestIdleCallback(update, { timeout: 1000 });
  }, []);

  // After every filter or data change, once the grid has applied it (a filter event can come
  // first): the rows shown, for export, and the open note marked.
  const onModelUpdated = (e: ModelUpdatedEvent<NoteSummary>) => {
    const shown = filteredIds(e.api, notes.length);
    setShownIds(shown);
    // A filter that hides the open note opens the first note it shows, as a list of files does;
    // one that shows none leaves the editor empty. Only when the filter changes: a note being
    // typed in stays open even if its new words no longer match.
    if (filterChanged.current) {
      filterChanged.current = false;
      const first = e.api.getDisplayedRowAtIndex(0)?.data;
      if (shown && current && !shown.includes(current.id) && first) setSelectedId(first.id);
      setNoMatch(shown !== null && shown.length === 0);
    }
    showSelected(e.api);
  };

  // The list marks the note the editor shows, also when it was chosen elsewhere (New note, a
  // search result, "Note on this passage"): once the grid holds its row.
  const showSelected = (api: GridApi<NoteSummary> | null) => {
    const node = current && api?.getRowNode(String(current.id));
    if (!node || node.isSelected()) return;
    node.setSelected(true, true);
    api!.ensureNodeVisible(node);
  };
  useEffect(() => showSelected(grid.current));

  const rowSelection = useMemo(() => ({ mode: 'singleRow' as const, checkboxes: false, enableClickSelection: true }), []);

  return (
    <div className="view">
      <ViewHeader title="Notes" count={data.status === 'ready' ? notes.length : undefined}>
        <QuickFilter
          value={filter}
          onChange={(words) => {
            filterChanged.current = true;
            setFilter(words);
          }}
          label="Filter notes"
        />
        <ExportButton kind="notes" label="Export notes" shownIds={shownIds} total={notes.length} />
        <button type="button" className="button button-primary" onClick={() => void create()}>
          New note
        </button>
      </ViewHeader>
      <LoadState state={data} what="notes" retry={data.reload} />
      {data.status === 'ready' && notes.length === 0 && (
        <div className="empty-state">
          <h2>No notes yet</h2>
          <p>Write a note here, or use “Note on this passage” on an annotation in the Article view to start one that quotes it.</p>
          <button type="button" className="button button-primary" onClick={() => void create()}>
            New note
          </button>
        </div>
      )}
      {data.status === 'ready' && notes.length > 0 && (
        <div className="notes-layout">
          <div className="grid ag-theme-quartz" data-testid="notes-grid">
            <AgGridReact<NoteSummary>
              {...gridDefaults}
              rowData={notes}
              columnDefs={columns}
              quickFilterText={filter}
              getRowId={(p) => String(p.data.id)}
              rowSelection={rowSelection}
              onGridReady={(e) => (grid.current = e.api)}
              onModelUpdated={onModelUpdated}
              onRowClicked={(e) => e.data && setSelectedId(e.data.id)}
              onCellKeyDown={(e) => (e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data && setSelectedId(e.data.id)}
              onFirstDataRendered={(e) => showSelected(e.api)}
            />
          </div>
          {noMatch ? (
            <div className="empty-state">
              <p>No note matches “{filter}”. Clear the filter to see every note.</p>
            </div>
          ) : note && current && note.id === current.id ? (
            <NoteEditor key={note.id} note={note} codes={data.value.codes} onSaved={onSaved} onDeleted={changed} focusBody={focusNote === note.id} focusTitle={createdId === note.id} />
          ) : (
            <div className="loading">Opening the note…</div>
          )}
        </div>
      )}
    </div>
  );
}
