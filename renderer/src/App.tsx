import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call, onMenuCommand } from './client';
import { NoticeProvider, useNotices } from './notices';
import { useAsync } from './useAsync';
import { Context, type FocusRequest, type WorkbenchContext } from './workbenchContext';
import { ArticleView } from './views/ArticleView';
import { DOC_KEY } from './opening';
import { afterFirstReady } from './ready';
import { Icon, type IconName } from './components/Icon';
import { ImportDialog } from './components/ImportDialog';
import { requestExport } from './components/ExportButton';
import { SearchPalette } from './components/SearchPalette';
import { BackupsDialog, RecoveryScreen } from './components/Backups';
import { isTyping } from './keys';

export type ViewName = 'article' | 'facts' | 'entities' | 'notes' | 'annotations';

/** Where the view last shown is kept between sessions. */
const VIEW_KEY = 'summit-workbench.view';

const VIEWS: { name: ViewName; label: string; icon: IconName }[] = [
  { name: 'article', label: 'Article', icon: 'article' },
  { name: 'facts', label: 'Facts', icon: 'facts' },
  { name: 'entities', label: 'Entities', icon: 'entities' },
  { name: 'notes', label: 'Notes', icon: 'notes' },
  { name: 'annotations', label: 'Annotations', icon: 'annotations' },
];

// The grid views and the notes editor carry most of the app's code; they load when first shown, or
// in idle time once the article is on screen, so opening the workbench does not wait for them.
const loaders = {
  facts: () => import('./views/FactsView').then((m) => ({ default: m.FactsView })),
  entities: () => import('./views/EntitiesView').then((m) => ({ default: m.EntitiesView })),
  notes: () => import('./views/NotesView').then((m) => ({ default: m.NotesView })),
  annotations: () => import('./views/AnnotationsView').then((m) => ({ default: m.AnnotationsView })),
};
const FactsView = lazy(loaders.facts);
const EntitiesView = lazy(loaders.entities);
const NotesView = lazy(loaders.notes);
const AnnotationsView = lazy(loaders.annotations);

afterFirstReady(() => {
  // Not at once, and not while the person types or clicks: evaluating the grid code is a long
  // task. Once nothing has been pressed for 1.5 s (and the browser is idle), load them all.
  const run = () => Object.values(loaders).forEach((load) => void load().catch(() => {}));
  const events = ['keydown', 'pointerdown', 'wheel'] as const;
  let timer = 0;
  const wait = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      for (const e of events) window.removeEventListener(e, wait, true);
      if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 3000 });
      else run();
    }, 1500);
  };
  for (const e of events) window.addEventListener(e, wait, { capture: true, passive: true });
  wait();
});

export function App() {
  return (
    <NoticeProvider>
      <Workbench />
    </NoticeProvider>
  );
}

/** Opens on the recovery screen when the store cannot be opened, and on the workbench otherwise. */
function Workbench() {
  const notices = useNotices();
  const status = useAsync(() => call('app.status', {}), 'status');
  const [restored, setRestored] = useState(0);
  useEffect(() => {
    if (status.status === 'ready' && status.value.state === 'recovery') document.documentElement.dataset.appState = 'recovery';
  }, [status]);
  if (status.status === 'loading') return <div className="loading">Opening Summit Workbench…</div>;
  if (status.status === 'error') {
    return (
      <div className="empty-state" role="alert">
        <h2>Summit Workbench cannot reach its store</h2>
        <p>{status.error.message}</p>
        <button type="button" className="button" onClick={status.reload}>
          Try again
        </button>
      </div>
    );
  }
  if (status.value.state === 'recovery') {
    return (
      <RecoveryScreen
        {...status.value}
        onRestored={(message) => {
          notices.notify('info', message);
          status.reload();
        }}
      />
    );
  }
  return <Main key={restored} onRestored={() => setRestored((n) => n + 1)} />;
}

function Main({ onRestored }: { onRestored: () => void }) {
  const notices = useNotices();
  const [restoring, setRestoring] = useState(false);
  // The app opens on the view it was left in (the article the first time).
  const [view, showView] = useState<ViewName>(() => {
    const stored = localStorage.getItem(VIEW_KEY);
    return VIEWS.find((v) => v.name === stored)?.name ?? 'article';
  });
  useEffect(() => localStorage.setItem(VIEW_KEY, view), [view]);
  // Errors belong to the view they were raised in: moving to another one closes them. They are
  // closed when the move is asked for, so an error raised by the move itself stays.
  const { dismissErrors } = notices;
  const viewNow = useRef(view);
  useEffect(() => {
    viewNow.current = view;
  }, [view]);
  const setView = useCallback(
    (next: ViewName) => {
      if (next !== viewNow.current) dismissErrors();
      viewNow.current = next;
      showView(next);
    },
    [dismissErrors],
  );
  const [revision, setRevision] = useState(0);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [importing, setImporting] = useState(false);
  const [searching, setSearching] = useState(false);
  const [focusNote, setFocusNote] = useState<number | null>(null);
  const [focusEntity, setFocusEntity] = useState<{ id: number; name: string } | null>(null);
  const documents = useAsync(() => call('documents.list', {}), `documents:${revision}`);
  const [documentId, setDocumentId] = useState<number | null>(() => Number(localStorage.getItem(DOC_KEY)) || null);
  const history = useAsync(() => call('history.state', {}), `history:${revision}`);

  const docs = documents.status === 'ready' ? documents.value : [];
  const current = docs.find((d) => d.id === documentId) ?? docs[0];
  const changed = useCallback(() => setRevision((r) => r + 1), []);

  useEffect(() => {
    if (current) localStorage.setItem(DOC_KEY, String(current.id));
  }, [current]);

  useEffect(() => {
    if (documents.status === 'error') document.documentElement.dataset.appState = 'error';
  }, [documents.status]);

  const undoRedo = useCallback(
    async (which: 'undo' | 'redo') => {
      try {
        const { label } = await call(which === 'undo' ? 'history.undo' : 'history.redo', {});
        if (label === null) notices.notify('info', which === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
        else notices.notify('info', `${which === 'undo' ? 'Undid' : 'Redid'}: ${label}`);
        changed();
      } catch (error) {
        notices.error(error);
        changed();
      }
    },
    [changed, notices],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      // A dialog holds what is being written in it: no shortcut takes the view away from under it.
      if (document.querySelector('dialog[open]')) return;
      const key = e.key.toLowerCase();
      if (key === 'k' && !e.shiftKey) {
        e.preventDefault();
        setSearching(true);
        return;
      }
      if (!e.shiftKey) {
        const n = Number(e.key);
        if (n >= 1 && n <= VIEWS.length) {
          e.preventDefault();
          setView(VIEWS[n - 1]!.name);
          return;
        }
      }
      // In a text field, Ctrl+Z belongs to the field.
      if (isTyping(e.target)) return;
      if (key === 'z' || key === 'y') {
        e.preventDefault();
        void undoRedo(key === 'y' || e.shiftKey ? 'redo' : 'undo');
      }
    };
    window.addEventListener('keydown', onKey);
    const off = onMenuCommand((command) => {
      if (command.startsWith('view:')) setView(command.slice(5) as ViewName);
      if (command === 'import-document') setImporting(true);
      if (command === 'restore-backup') setRestoring(true);
      if (command === 'export-notes') {
        setView('notes');
        requestExport('notes');
      }
      if (command === 'undo' || command === 'redo') {
        if (isTyping(document.activeElement)) document.execCommand(command);
        else void undoRedo(command);
      }
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, [undoRedo, setView]);

  const context = useMemo<WorkbenchContext>(
    () => ({
      revision,
      changed,
      documentId: current?.id ?? null,
      setDocumentId,
      view,
      setView,
      focus,
      showPassage: (docId, start, end) => {
        setDocumentId(docId);
        setView('article');
        setFocus((f) => ({ documentId: docId, start, end, nonce: (f?.nonce ?? 0) + 1 }));
      },
      focusNote,
      focusEntity,
      showEntity: (entity) => {
        setFocusEntity(entity);
        if (entity) setView('article');
      },
      openNote: (id) => {
        setFocusNote(id);
        setView('notes');
      },
    }),
    [revision, changed, current?.id, view, setView, focus, focusNote, focusEntity],
  );

  const undoLabel = history.status === 'ready' ? history.value.undo : null;
  const redoLabel = history.status === 'ready' ? history.value.redo : null;

  return (
    <Context.Provider value={context}>
      <div className="app">
        <a
          className="skip-link"
          href="#content"
          onClick={(e) => {
            // Past the toolbar and the views, to the article (where Shift+arrows select) or the view.
            e.preventDefault();
            (document.querySelector<HTMLElement>('#content [data-skip-target]') ?? document.getElementById('content'))?.focus();
          }}
        >
          Skip to {view === 'article' ? 'the article' : 'the view'}
        </a>
        <header className="toolbar">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">Summit Workbench</span>
          </div>
          <label className="document-switcher">
            <span className="visually-hidden">Document</span>
            <select value={current?.id ?? ''} onChange={(e) => setDocumentId(Number(e.target.value))} disabled={docs.length === 0} aria-label="Document">
              {docs.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" onClick={() => setImporting(true)} title="Import an article from a file or pasted text (Ctrl+O)">
            Import article…
          </button>
          <div className="toolbar-spacer" />
          <button type="button" className="search-button" onClick={() => setSearching(true)} title="Search everything (Ctrl+K)">
            <Icon name="search" size={16} />
            <span>Search</span>
            <kbd>Ctrl K</kbd>
          </button>
          <div className="history-buttons">
            <button type="button" className="icon-button" onClick={() => void undoRedo('undo')} disabled={!undoLabel} title={undoLabel ? `Undo: ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'} aria-label="Undo">
              <Icon name="undo" />
            </button>
            <button type="button" className="icon-button" onClick={() => void undoRedo('redo')} disabled={!redoLabel} title={redoLabel ? `Redo: ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'} aria-label="Redo">
              <Icon name="redo" />
            </button>
          </div>
        </header>
        <nav className="sidebar" aria-label="Views">
          {VIEWS.map((v, i) => (
            <button
              key={v.name}
              type="button"
              className={`nav-item${view === v.name ? ' is-active' : ''}`}
              aria-current={view === v.name ? 'page' : undefined}
              onClick={() => setView(v.name)}
              title={`${v.label} (Ctrl+${i + 1})`}
            >
              <Icon name={v.icon} />
              <span>{v.label}</span>
              <kbd className="nav-shortcut">{i + 1}</kbd>
            </button>
          ))}
          <div className="sidebar-footer">
            <button type="button" className="link-button" onClick={() => setRestoring(true)}>
              Restore from backup…
            </button>
          </div>
        </nav>
        <main className="content" id="content" tabIndex={-1}>
          {documents.status === 'error' && (
            <div className="empty-state" role="alert">
              <h2>The workbench could not load its documents</h2>
              <p>{documents.error.message}</p>
              <button type="button" className="button" onClick={documents.reload}>
                Try again
              </button>
            </div>
          )}
          {documents.status !== 'error' && view === 'article' && <ArticleView documentId={current?.id ?? null} textVersion={current?.updated ?? null} title={current?.title} source={current?.source} />}
          <Suspense fallback={<div className="loading">Opening the view…</div>}>
            {documents.status !== 'error' && view === 'facts' && <FactsView />}
            {documents.status !== 'error' && view === 'entities' && <EntitiesView />}
            {documents.status !== 'error' && view === 'notes' && <NotesView />}
            {documents.status !== 'error' && view === 'annotations' && <AnnotationsView />}
          </Suspense>
        </main>
      </div>
      {searching && <SearchPalette onClose={() => setSearching(false)} />}
      {restoring && (
        <BackupsDialog
          onClose={() => setRestoring(false)}
          onRestored={(message) => {
            setRestoring(false);
            notices.notify('info', message);
            onRestored();
          }}
        />
      )}
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImported={(doc) => {
            setImporting(false);
            setDocumentId(doc.id);
            setView('article');
            changed();
            notices.notify('info', `Imported “${doc.title}”.`);
          }}
        />
      )}
    </Context.Provider>
  );
}
