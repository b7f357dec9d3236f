// The annotation view: read the article, select a passage (mouse, or Shift+arrows then Enter), code
// it, and revisit what is coded. Highlights are painted with the CSS Custom Highlight API over an
// untouched DOM; clicks are hit-tested against the annotations' own ranges.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, RowClickedEvent } from 'ag-grid-community';
import type { Annotation, Document, Entity, Fact, Mention } from '../../../electron/ipc/contract';
import { call } from '../client';
import { flattenCodes, type CodeNode } from '../codes';
import { useNotices } from '../notices';
import { useAsync } from '../useAsync';
import { useWorkbench } from '../workbenchContext';
import { ArticleText } from '../article/ArticleText';
import { AnnotationCard } from '../article/AnnotationCard';
import { CodebookPanel } from '../article/CodebookPanel';
import { CodePicker } from '../article/CodePicker';
import { applyCodeStyles, highlightName } from '../article/codeStyles';
import { clear, flash, paint } from '../article/highlights';
import { spansAtPoint } from '../article/hitTest';
import type { ArticleMap } from '../article/layout';
import { EditTextDialog } from '../article/EditTextDialog';
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

type Tab = 'annotations' | 'facts' | 'codebook';
const MENTIONS_KEY = 'summit-workbench.mentions';

function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function ArticleView({ documentId, textVersion }: { documentId: number | null; textVersion: string | null }) {
  const { revision } = useWorkbench();
  // The text (up to 10 MB) loads when the document or its text changes, not after every edit of an
  // annotation; the annotations, facts and codes reload after every change.
  const text = useAsync(async () => (documentId === null ? null : call('documents.get', { id: documentId })), `article-text:${documentId}:${textVersion}`);
  const data = useAsync(
    async () => {
      if (documentId === null) return null;
      const [facts, annotations, codes] = await Promise.all([call('facts.list', { documentId }), call('annotations.list', { documentId }), call('codes.list', {})]);
      return { documentId, facts, annotations, codes: flattenCodes(codes) };
    },
    `article:${documentId}:${revision}`,
  );
  const document = text.status === 'ready' ? text.value : null;
  const status = text.status === 'error' ? text : data.status === 'error' ? data : text.status === 'loading' || data.status === 'loading' ? text : data;

  if (documentId === null) {
    return (
      <div className="empty-state">
        <h2>No documents yet</h2>
        <p>Import an article to start reading and coding it.</p>
      </div>
    );
  }
  if (status.status === 'loading' || !document || data.status !== 'ready' || !data.value || data.value.documentId !== document.id) {
    if (status.status === 'error') {
      return (
        <div className="empty-state" role="alert">
          <h2>This article could not be opened</h2>
          <p>{status.error.message}</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              text.reload();
              data.reload();
            }}
          >
            Try again
          </button>
        </div>
      );
    }
    return <div className="loading">Opening the article…</div>;
  }
  return <AnnotationWorkspace key={document.id} document={document} facts={data.value.facts} annotations={data.value.annotations} codes={data.value.codes} />;
}

interface Pending {
  start: number;
  end: number;
  rect: DOMRect;
}

function AnnotationWorkspace({ document: doc, facts, annotations, codes }: { document: Document; facts: Fact[]; annotations: Annotation[]; codes: CodeNode[] }) {
  const { changed, focus, focusEntity, showEntity } = useWorkbench();
  const notices = useNotices();
  const [map, setMap] = useState<ArticleMap | null>(null);
  // A fresh article opens beside its facts; one with annotations opens beside them.
  const [tab, setTab] = useState<Tab>(annotations.length ? 'annotations' : 'facts');
  const [selectedFact, setSelectedFact] = useState<Fact | null>(null);
  const [selectedIds, setSelectedIds] = useState<number[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [editing, setEditing] = useState(false);
  const [showMentions, setShowMentions] = useState(() => localStorage.getItem(MENTIONS_KEY) === 'on');
  const [hover, setHover] = useState<{ x: number; y: number; label: string } | null>(null);
  const scroller = useRef<HTMLElement>(null);

  const mentions = useAsync(
    async () => (showMentions ? { mentions: await call('mentions.list', { documentId: doc.id }), entities: await call('entities.list', {}) } : null),
    `mentions:${doc.id}:${showMentions}`,
  );
  const mentionData = mentions.status === 'ready' ? mentions.value : null;
  const entityMentions = useAsync(
    async () => (focusEntity ? (await call('mentions.list', { documentId: doc.id })).filter((m) => m.entityId === focusEntity.id) : []),
    `entity-mentions:${doc.id}:${focusEntity?.id ?? ''}`,
  );
  const loadedMentions = entityMentions.status === 'ready' ? entityMentions.value : null;
  const focusedMentions = useMemo(() => loadedMentions ?? [], [loadedMentions]);

  // An entity chosen in the Entities view: mark every mention of it and scroll to the first.
  useEffect(() => {
    if (!map || focusedMentions.length === 0) return clear('entity-focus');
    paint('entity-focus', focusedMentions.flatMap((m) => map.staticRange(m.start, m.end) ?? []));
    const first = focusedMentions[0] && map.range(focusedMentions[0].start, focusedMentions[0].end);
    if (first) flash(first);
    return () => clear('entity-focus');
  }, [map, focusedMentions]);

  const onRendered = useCallback((m: ArticleMap) => {
    setMap(m);
    markReady();
  }, []);

  const anchored = useMemo(() => annotations.filter((a) => a.anchor !== 'orphaned'), [annotations]);
  const orphaned = useMemo(() => annotations.filter((a) => a.anchor === 'orphaned'), [annotations]);
  const codeOrder = useMemo(() => new Map(codes.map((c, i) => [c.id, i])), [codes]);

  // Paint every annotation in the colour of its first code (in codebook order).
  useEffect(() => {
    applyCodeStyles(codes);
    if (!map) return;
    // Marks and a measure that `npm run bench` reads; they cost nothing worth counting.
    performance.mark('workbench:paint-start');
    const groups = new Map<string, AbstractRange[]>();
    for (const a of anchored) {
      const first = [...a.codeIds].sort((x, y) => (codeOrder.get(x) ?? 0) - (codeOrder.get(y) ?? 0))[0] ?? null;
      const name = highlightName(first);
      const range = map.staticRange(a.start, a.end);
      if (!range) continue;
      if (!groups.has(name)) groups.set(name, []);
      groups.get(name)!.push(range);
    }
    for (const [name, ranges] of groups) paint(name, ranges);
    performance.measure('workbench:paint', 'workbench:paint-start');
    performance.mark('workbench:highlights-painted');
    return () => {
      for (const name of groups.keys()) clear(name);
    };
  }, [map, anchored, codes, codeOrder]);

  useEffect(() => {
    if (!map || selectedIds.length === 0) return clear('annotation-focus');
    const ranges = anchored.filter((a) => selectedIds.includes(a.id)).flatMap((a) => map.staticRange(a.start, a.end) ?? []);
    paint('annotation-focus', ranges);
    return () => clear('annotation-focus');
  }, [map, anchored, selectedIds]);

  useEffect(() => {
    if (!map || !pending) return clear('pending');
    const range = map.range(pending.start, pending.end);
    paint('pending', range ? [range] : []);
    return () => clear('pending');
  }, [map, pending]);

  useEffect(() => {
    if (!map || !selectedFact || selectedFact.evidenceStart === null || selectedFact.evidenceEnd === null) return clear('evidence-focus');
    const range = map.range(selectedFact.evidenceStart, selectedFact.evidenceEnd);
    if (range) {
      paint('evidence-focus', [range]);
      flash(range);
    }
    return () => clear('evidence-focus');
  }, [map, selectedFact]);

  useEffect(() => {
    if (!map || !mentionData) return clear('mention');
    paint('mention', mentionData.mentions.flatMap((m) => map.staticRange(m.start, m.end) ?? []));
    return () => clear('mention');
  }, [map, mentionData]);

  // A passage asked for from elsewhere (the Annotations grid, a note): scroll to it and flash it.
  useEffect(() => {
    if (!map || !focus || focus.documentId !== doc.id) return;
    const range = map.range(focus.start, focus.end);
    if (range) flash(range);
    setSelectedIds(anchored.filter((a) => a.start === focus.start && a.end === focus.end).map((a) => a.id));
    setTab('annotations');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new focus is requested
  }, [map, focus?.nonce]);

  const openPickerForSelection = useCallback(() => {
    if (!map) return false;
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return false;
    const range = selection.getRangeAt(0);
    const span = map.selection(range);
    if (!span) return false;
    setPending({ ...span, rect: range.getBoundingClientRect() });
    return true;
  }, [map]);

  const onMouseUp = () => {
    // Let the browser finish the selection first.
    window.setTimeout(() => openPickerForSelection(), 0);
  };

  const onClick = (e: React.MouseEvent) => {
    if (!map || pending) return;
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const hits = spansAtPoint(map, anchored, e.clientX, e.clientY);
    setSelectedIds(hits.map((a) => a.id));
    if (hits.length) setTab('annotations');
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (pending || e.target !== scroller.current) return;
    const selection = window.getSelection();
    if (!selection || !map) return;
    if (e.shiftKey && ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key)) {
      e.preventDefault();
      // Start at the top of the article (or where the last click left the caret).
      if (selection.rangeCount === 0 || !map.selection(selection.getRangeAt(0)) && selection.isCollapsed && !scroller.current!.contains(selection.anchorNode)) {
        const first = map.nodes[0];
        if (first) selection.collapse(first, 0);
      }
      const forward = e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'End';
      const granularity = e.key === 'ArrowUp' || e.key === 'ArrowDown' ? 'line' : e.key === 'Home' || e.key === 'End' ? 'lineboundary' : e.ctrlKey || e.altKey ? 'word' : 'character';
      (selection as Selection & { modify(a: string, d: string, g: string): void }).modify('extend', forward ? 'forward' : 'backward', granularity);
    } else if (e.key === 'Enter') {
      if (openPickerForSelection()) e.preventDefault();
    } else if (e.key === 'Escape') {
      selection.removeAllRanges();
      setSelectedIds([]);
    }
  };

  const onMouseMove = (e: React.MouseEvent) => {
    if (!map || !mentionData) return;
    const { clientX: x, clientY: y } = e;
    const hit = spansAtPoint<Mention>(map, mentionData.mentions, x, y)[0];
    if (!hit) return setHover(null);
    const entity = mentionData.entities.find((en: Entity) => en.id === hit.entityId);
    setHover(entity ? { x, y, label: `${entity.name} · ${entity.kind}${entity.role ? ` · ${entity.role}` : ''}` } : null);
  };

  const createCode = useCallback(
    async (name: string): Promise<CodeNode | null> => {
      try {
        const palette = ['#2563eb', '#16a34a', '#db2777', '#ca8a04', '#0e7490', '#7c3aed'];
        const code = await call('codes.create', { name, color: palette[codes.length % palette.length]! });
        changed();
        return { ...code, depth: 0, path: code.name };
      } catch (error) {
        notices.error(error);
        return null;
      }
    },
    [codes.length, changed, notices],
  );

  const savePending = async (codeIds: number[], comment: string) => {
    if (!pending) return;
    const created = await call('annotations.create', { documentId: doc.id, start: pending.start, end: pending.end, codeIds, comment });
    setPending(null);
    window.getSelection()?.removeAllRanges();
    setSelectedIds([created.id]);
    setTab('annotations');
    scroller.current?.focus({ preventScroll: true });
    changed();
  };

  const shown = selectedIds.length ? annotations.filter((a) => selectedIds.includes(a.id)) : annotations;
  // The side panel lists at most this many cards; a long list lives in the Annotations view's grid.
  const PANEL_LIMIT = 100;
  const cards = [...(selectedIds.length ? [] : orphaned), ...shown.filter((a) => a.anchor !== 'orphaned' || selectedIds.length)];
  const words = useMemo(() => doc.text.split(/\s+/).filter(Boolean).length, [doc.text]);

  return (
    <div className="article-layout">
      <section
        className="article-scroll"
        aria-label="Article"
        ref={scroller}
        tabIndex={0}
        onMouseUp={onMouseUp}
        onClick={onClick}
        onKeyDown={onKeyDown}
        onMouseMove={showMentions ? onMouseMove : undefined}
        onMouseLeave={() => setHover(null)}
      >
        <article className="article">
          <header className="article-header">
            <div className="article-tools">
              <p className="article-kicker">{doc.source || 'Article'}</p>
              <label className="toggle" title="Underline the mentions of known entities">
                <input
                  type="checkbox"
                  checked={showMentions}
                  onChange={(e) => {
                    setShowMentions(e.target.checked);
                    localStorage.setItem(MENTIONS_KEY, e.target.checked ? 'on' : 'off');
                  }}
                />
                Entity mentions
              </label>
              <button type="button" className="link-button" onClick={() => setEditing(true)}>
                Edit text…
              </button>
            </div>
            <h1 className="article-title">{doc.title}</h1>
            <p className="article-meta">
              Added {formatDate(doc.added)} · {words.toLocaleString()} words · {doc.length.toLocaleString()} characters · {annotations.length} annotation{annotations.length === 1 ? '' : 's'}
            </p>
            <p className="article-hint">Select a passage to code it — with the mouse, or Shift+arrow keys then Enter.</p>
            {focusEntity && entityMentions.status === 'ready' && (
              <div className="entity-bar" role="status">
                <span>
                  {focusedMentions.length === 0
                    ? `${focusEntity.name} is not mentioned in this article.`
                    : `${focusedMentions.length} mention${focusedMentions.length === 1 ? '' : 's'} of ${focusEntity.name} marked in the text.`}
                </span>
                <button type="button" className="link-button" onClick={() => showEntity(null)}>
                  Clear
                </button>
              </div>
            )}
          </header>
          <ArticleText text={doc.text} onRendered={onRendered} />
        </article>
        {hover && (
          <div className="mention-tooltip" role="tooltip" style={{ left: hover.x + 12, top: hover.y + 16 }}>
            {hover.label}
          </div>
        )}
      </section>
      <aside className="side-panel" aria-label="Side panel">
        <div className="tabs" role="tablist">
          {(
            [
              ['annotations', `Annotations`, annotations.length],
              ['facts', 'Facts in this article', facts.length],
              ['codebook', 'Codebook', codes.length],
            ] as const
          ).map(([name, label, count]) => (
            <button key={name} type="button" role="tab" aria-selected={tab === name} className={`tab${tab === name ? ' is-active' : ''}`} onClick={() => setTab(name)}>
              {label}
              <span className="count">{count}</span>
            </button>
          ))}
        </div>
        {tab === 'annotations' && (
          <div className="panel-scroll" role="tabpanel" aria-label="Annotations">
            {selectedIds.length > 0 && (
              <div className="panel-bar">
                <span>
                  {shown.length} annotation{shown.length === 1 ? '' : 's'} at this place
                </span>
                <button type="button" className="link-button" onClick={() => setSelectedIds([])}>
                  Show all
                </button>
              </div>
            )}
            {annotations.length === 0 && <p className="panel-empty">No annotations in this article yet. Select a passage to code it.</p>}
            {orphaned.length > 0 && selectedIds.length === 0 && (
              <p className="panel-warning">
                {orphaned.length} orphaned annotation{orphaned.length === 1 ? '' : 's'}: {orphaned.length === 1 ? 'its passage is' : 'their passages are'} no longer in the text. They are kept below with their quotes.
              </p>
            )}
            {cards.slice(0, PANEL_LIMIT).map((a) => (
              <AnnotationCard
                key={a.id}
                annotation={a}
                codes={codes}
                onChanged={changed}
                onCreateCode={createCode}
                onShow={a.anchor === 'orphaned' || !map ? undefined : () => map.range(a.start, a.end) && flash(map.range(a.start, a.end)!)}
              />
            ))}
            {cards.length > PANEL_LIMIT && (
              <p className="panel-empty">
                Showing the first {PANEL_LIMIT} of {cards.length.toLocaleString()} annotations in text order. Click a highlight to see the ones there, or use the Annotations view (Ctrl+5) to search them all.
              </p>
            )}
          </div>
        )}
        {tab === 'facts' && (
          <div className="panel-fill" role="tabpanel" aria-label="Facts in this article">
            <p className="panel-hint">Select a fact to find its evidence in the text.</p>
            <div className="grid ag-theme-quartz" data-testid="article-facts-grid">
              <AgGridReact<Fact>
                {...gridDefaults}
                rowData={facts}
                columnDefs={sideColumns}
                getRowId={(p) => String(p.data.id)}
                rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
                onRowClicked={(e: RowClickedEvent<Fact>) => setSelectedFact(e.data ?? null)}
              />
            </div>
          </div>
        )}
        {tab === 'codebook' && (
          <div className="panel-scroll" role="tabpanel" aria-label="Codebook">
            <CodebookPanel codes={codes} onChanged={changed} />
          </div>
        )}
      </aside>
      {pending && (
        <CodePicker
          title="Code this passage"
          codes={codes}
          anchor={{ left: pending.rect.left, top: pending.rect.top, bottom: pending.rect.bottom }}
          onCancel={() => {
            setPending(null);
            scroller.current?.focus({ preventScroll: true });
          }}
          onCreateCode={createCode}
          onSave={savePending}
        />
      )}
      {editing && (
        <EditTextDialog
          document={doc}
          onClose={() => setEditing(false)}
          onSaved={(report) => {
            setEditing(false);
            changed();
            const { anchored: a, fuzzy, orphaned: o } = report;
            notices.notify(o ? 'error' : 'info', `Text saved. Annotations: ${a} kept, ${fuzzy} found approximately, ${o} orphaned${o ? ' (listed in the Annotations tab)' : ''}.`);
          }}
        />
      )}
    </div>
  );
}
