import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, RowClickedEvent } from 'ag-grid-community';
import type { Document, Fact } from '../../../electron/ipc/contract';
import { call } from '../client';
import { useAsync } from '../useAsync';
import { ArticleText, type ArticleTextHandle } from '../article/ArticleText';
import { clear, flash, paint } from '../article/highlights';
import type { ArticleMap } from '../article/layout';
import { factColumns } from '../grids/factColumns';
import { gridDefaults } from '../grids/gridTheme';
import { markReady } from '../ready';

// The side panel reads each fact as a sentence, graded, rather than as a wide table.
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
  ...factColumns.filter((c) => c.colId === 'grade' || c.field === 'status').map((c) => ({ ...c, pinned: null })),
];

function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function ArticleView({ documentId }: { documentId: number | null }) {
  const data = useAsync(
    async () => {
      if (documentId === null) return null;
      const [document, facts] = await Promise.all([call('documents.get', { id: documentId }), call('facts.list', { documentId })]);
      return { document, facts };
    },
    `article:${documentId}`,
  );

  if (documentId === null) {
    return (
      <div className="empty-state">
        <h2>No documents yet</h2>
        <p>Import an article to start reading and coding it.</p>
      </div>
    );
  }
  if (data.status === 'loading') return <div className="loading">Opening the article…</div>;
  if (data.status === 'error') {
    return (
      <div className="empty-state" role="alert">
        <h2>This article could not be opened</h2>
        <p>{data.error.message}</p>
        <button type="button" className="button" onClick={data.reload}>
          Try again
        </button>
      </div>
    );
  }
  return data.value && <ArticleWithFacts document={data.value.document} facts={data.value.facts} />;
}

function ArticleWithFacts({ document, facts }: { document: Document; facts: Fact[] }) {
  const text = useRef<ArticleTextHandle | null>(null);
  const [map, setMap] = useState<ArticleMap | null>(null);
  const [selectedFact, setSelectedFact] = useState<Fact | null>(null);

  const onRendered = useCallback((m: ArticleMap) => {
    setMap(m);
    markReady();
  }, []);

  // The selected fact's evidence passage is marked in the text.
  useEffect(() => {
    if (!map || !selectedFact || selectedFact.evidenceStart === null || selectedFact.evidenceEnd === null) {
      clear('evidence-focus');
      return;
    }
    const range = map.range(selectedFact.evidenceStart, selectedFact.evidenceEnd);
    if (range) {
      paint('evidence-focus', [range]);
      flash(range);
    }
  }, [map, selectedFact]);

  const onRowClicked = useCallback((e: RowClickedEvent<Fact>) => setSelectedFact(e.data ?? null), []);
  const words = useMemo(() => document.text.split(/\s+/).filter(Boolean).length, [document.text]);

  return (
    <div className="article-layout">
      <section className="article-scroll" aria-label="Article">
        <article className="article">
          <header className="article-header">
            <p className="article-kicker">{document.source || 'Article'}</p>
            <h1 className="article-title">{document.title}</h1>
            <p className="article-meta">
              Added {formatDate(document.added)} · {words.toLocaleString()} words · {document.length.toLocaleString()} characters
            </p>
          </header>
          <ArticleText ref={text} text={document.text} onRendered={onRendered} />
        </article>
      </section>
      <aside className="side-panel" aria-label="Facts in this article">
        <div className="panel-header">
          <h2>Facts in this article</h2>
          <span className="count">{facts.length}</span>
        </div>
        <p className="panel-hint">Select a fact to find its evidence in the text.</p>
        <div className="grid ag-theme-quartz" data-testid="article-facts-grid">
          <AgGridReact<Fact>
            {...gridDefaults}
            rowData={facts}
            columnDefs={sideColumns}
            getRowId={(p) => String(p.data.id)}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onRowClicked={onRowClicked}
          />
        </div>
      </aside>
    </div>
  );
}
