import { useEffect, useState } from 'react';
import { call, onMenuCommand } from './client';
import { NoticeProvider } from './notices';
import { useAsync } from './useAsync';
import { ArticleView } from './views/ArticleView';
import { FactsView } from './views/FactsView';
import { EntitiesView } from './views/EntitiesView';
import { NotesView } from './views/NotesView';
import { AnnotationsView } from './views/AnnotationsView';
import { Icon, type IconName } from './components/Icon';

export type ViewName = 'article' | 'facts' | 'entities' | 'notes' | 'annotations';

const VIEWS: { name: ViewName; label: string; icon: IconName }[] = [
  { name: 'article', label: 'Article', icon: 'article' },
  { name: 'facts', label: 'Facts', icon: 'facts' },
  { name: 'entities', label: 'Entities', icon: 'entities' },
  { name: 'notes', label: 'Notes', icon: 'notes' },
  { name: 'annotations', label: 'Annotations', icon: 'annotations' },
];

const DOC_KEY = 'summit-workbench.document';

export function App() {
  return (
    <NoticeProvider>
      <Workbench />
    </NoticeProvider>
  );
}

function Workbench() {
  const [view, setView] = useState<ViewName>('article');
  const documents = useAsync(() => call('documents.list', {}), 'documents');
  const [documentId, setDocumentId] = useState<number | null>(() => Number(localStorage.getItem(DOC_KEY)) || null);

  const docs = documents.status === 'ready' ? documents.value : [];
  const current = docs.find((d) => d.id === documentId) ?? docs[0];

  useEffect(() => {
    if (current) localStorage.setItem(DOC_KEY, String(current.id));
  }, [current]);

  useEffect(() => {
    if (documents.status === 'error') document.documentElement.dataset.appState = 'error';
  }, [documents.status]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const n = Number(e.key);
      if (n >= 1 && n <= VIEWS.length) {
        e.preventDefault();
        setView(VIEWS[n - 1]!.name);
      }
    };
    window.addEventListener('keydown', onKey);
    const off = onMenuCommand((command) => {
      if (command.startsWith('view:')) setView(command.slice(5) as ViewName);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, []);

  return (
    <div className="app">
      <header className="toolbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Summit Workbench</span>
        </div>
        <label className="document-switcher">
          <span className="visually-hidden">Document</span>
          <select
            value={current?.id ?? ''}
            onChange={(e) => setDocumentId(Number(e.target.value))}
            disabled={docs.length === 0}
            aria-label="Document"
          >
            {docs.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
        <div className="toolbar-spacer" />
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
      </nav>
      <main className="content">
        {documents.status === 'error' && (
          <div className="empty-state" role="alert">
            <h2>The workbench could not load its documents</h2>
            <p>{documents.error.message}</p>
            <button type="button" className="button" onClick={documents.reload}>
              Try again
            </button>
          </div>
        )}
        {documents.status === 'ready' && view === 'article' && <ArticleView documentId={current?.id ?? null} />}
        {documents.status === 'ready' && view === 'facts' && <FactsView />}
        {documents.status === 'ready' && view === 'entities' && <EntitiesView />}
        {documents.status === 'ready' && view === 'notes' && <NotesView />}
        {documents.status === 'ready' && view === 'annotations' && <AnnotationsView />}
      </main>
    </div>
  );
}
