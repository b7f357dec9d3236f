// The annotation view: read the article, select a passage (mouse, or Shift+arrows then Enter), code
// it, and revisit what is coded. Highlights are painted with the CSS Custom Highlight API over an
// untouched DOM; clicks are hit-tested against the annotations' own ranges.
import { Suspense, lazy, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation, Document, Entity, Fact, Mention, Span } from '../../../electron/ipc/contract';
import { countWords } from '../../../common/text';
import { call, undoFor } from '../client';
import { formatDay, lostEvidence } from '../format';
import { formatCount, useIntlReady, whenIdle } from '../intlReady';
import { createCode, flattenCodes, labelsOf, type CodeLabel, type CodeNode } from '../codes';
import { useNotices } from '../notices';
import { useAsync } from '../useAsync';
import { useStable } from '../useStable';
import { useWorkbench } from '../workbenchContext';
import { ArticleText } from '../article/ArticleText';
import { AnnotationCard } from '../article/AnnotationCard';
import { CodebookPanel } from '../article/CodebookPanel';
import { CodePicker } from '../article/CodePicker';
import { applyCodeStyles, highlightName } from '../article/codeStyles';
import { clear, flash, paint } from '../article/highlights';
import { spansAtPoint } from '../article/hitTest';
import { HighlightPainter } from '../article/painter';
import { PaintWindow, firstParagraphOnScreen } from '../article/viewport';
import { useSpans, type SpansDelta, type SpansHandle } from '../article/useSpans';
import type { ArticleMap } from '../article/layout';
import { EditTextDialog } from '../article/EditTextDialog';
import { DeleteArticleDialog, RenameArticleDialog } from '../article/ArticleDialogs';
import { FactDialog, type Evidence } from '../components/FactDialog';
import { markReady } from '../ready';

const ArticleFactsGrid = lazy(() => import('../article/ArticleFactsGrid'));

type Tab = 'annotations' | 'facts' | 'codebook';
// The side panel lists at most this many cards; a long list lives in the Annotations view's grid.
const PANEL_LIMIT = 100;

/**
 * The whole annotations behind the side panel's cards, in the order of `ids`. While a new list
 * loads the previous cards stay, so the panel does not blink on every change.
 */
function useCards(documentId: number, ids: readonly number[], revision: number): Annotation[] {
  const [cards, setCards] = useState<Annotation[]>([]);
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    call('annotations.get', { documentId, ids: [...ids] }).then(
      (list) => {
        if (!live) return;
        const byId = new Map(list.map((a) => [a.id, a]));
        // Keep the object of a card whose annotation has not changed, so its card does not re-render.
        setCards((before) => {
          const old = new Map(before.map((a) => [a.id, a]));
          return ids.flatMap((id) => {
            const next = byId.get(id);
            const prev = old.get(id);
            return next ? (prev && prev.updated === next.updated && prev.anchor === next.anchor && prev.start === next.start ? prev : next) : [];
          });
        });
      },
      () => live && setCards([]),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `ids`
  }, [documentId, key, revision]);
  return cards;
}

const MENTIONS_KEY = 'summit-workbench.mentions';

/**
 * The number of words in `text`, counted in idle time after it is shown (40 ms for 1 MB here, too
 * much for the first frame of every article opened), or null until then.
 */
function useIdleWordCount(text: string): number | null {
  const [counted, setCounted] = useState<{ text: string; words: number } | null>(null);
  useEffect(() => whenIdle(() => setCounted({ text, words: countWords(text) })), [text]);
  return counted?.text === text ? counted.words : null;
}

/** A paint between the marks and the measure that `npm run bench` reads (they cost nothing worth counting). */
function measuredPaint<T>(paint: () => T): T {
  performance.mark('workbench:paint-start');
  const result = paint();
  performance.measure('workbench:paint', 'workbench:paint-start');
  performance.mark('workbench:highlights-painted');
  return result;
}


// Memoised: the toolbar's reloads after a change (documents, undo labels) leave the article alone.
/**
 * `title` and `source` come from the documents list, which reloads after every change, so that a
 * renamed article shows its new title without its text being loaded again.
 */
export const ArticleView = memo(function ArticleView({ documentId, textVersion, title, source }: { documentId: number | null; textVersion: string | null; title?: string; source?: string }) {
  const { revision } = useWorkbench();
  // The text (up to 10 MB) loads when the document or its text changes, not after every edit of an
  // annotation; the facts and codes reload after every change, the spans take only what changed.
  const text = useAsync(async () => (documentId === null ? null : call('documents.get', { id: documentId })), `article-text:${documentId}:${textVersion}`);
  const data = useAsync(
    async () => {
      if (documentId === null) return null;
      const [facts, codes] = await Promise.all([call('facts.list', { documentId }), call('codes.list', {})]);
      return { documentId, facts, codes: flattenCodes(codes) };
    },
    `article:${documentId}:${revision}`,
  );
  const spans = useSpans(documentId, revision);
  const document = text.status === 'ready' ? text.value : null;
  const failed = [text, data, spans].find((s) => s.status === 'error');
  // Reloaded after every change, but most changes leave them as they were.
  const facts = useStable(data.status === 'ready' ? data.value?.facts : undefined);
  const codes = useStable(data.status === 'ready' ? data.value?.codes : undefined);

  if (documentId === null) {
    return (
      <div className="empty-state">
        <h2>No documents yet</h2>
        <p>Import an article to start reading and coding it.</p>
      </div>
    );
  }
  if (!document || data.status !== 'ready' || !data.value || data.value.documentId !== document.id || spans.status !== 'ready' || spans.documentId !== document.id) {
    if (failed?.status === 'error') {
      return (
        <div className="empty-state" role="alert">
          <h2>This article could not be opened</h2>
          <p>{failed.error.message}</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              text.reload();
              data.reload();
              spans.reload();
            }}
          >
            Try again
          </button>
        </div>
      );
    }
    return <div className="loading">Opening the article…</div>;
  }
  return <AnnotationWorkspace key={document.id} document={document} title={title ?? document.title} source={source ?? document.source} facts={facts!} spans={spans.spans} delta={spans.delta} codes={codes!} onSpansChanged={spans.apply} />;
});

interface Pending {
  start: number;
  end: number;
  rect: DOMRect;
}

function AnnotationWorkspace({
  document: doc,
  title,
  source,
  facts,
  spans,
  delta,
  codes,
  onSpansChanged,
}: {
  document: Document;
  title: string;
  source: string;
  facts: Fact[];
  spans: readonly Span[];
  delta: SpansDelta | null;
  codes: CodeNode[];
  onSpansChanged: SpansHandle['apply'];
}) {
  const { changed, focus, focusEntity, showEntity, revision } = useWorkbench();
  const notices = useNotices();
  const [map, setMap] = useState<ArticleMap | null>(null);
  // The map knows the text nodes of the paragraphs rendered so far (the first screens, then the
  // rest in slices, see ArticleText); `full` once it knows them all. Painting on screen needs
  // only the first; anything that may reach far into the text (a passage to show, an entity's
  // mentions, a fact's evidence) waits for the whole.
  const [completeMap, setCompleteMap] = useState<ArticleMap | null>(null);
  const full = completeMap === map ? map : null;
  // A fresh article opens beside its facts; one with annotations opens beside them.
  const [tab, setTab] = useState<Tab>(spans.length ? 'annotations' : 'facts');
  const [selectedFact, setSelectedFact] = useState<Fact | null>(null);
  const [selectedIds, setSelectedIds] = useState<number[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [editing, setEditing] = useState(false);
  const [articleDialog, setArticleDialog] = useState<'rename' | 'delete' | null>(null);
  // A passage not saved as an annotation, being made into a fact (“Make fact…” in the picker).
  const [factFrom, setFactFrom] = useState<Evidence | null>(null);
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
    if (!full || focusedMentions.length === 0) return clear('entity-focus');
    paint('entity-focus', focusedMentions.flatMap((m) => full.staticRange(m.start, m.end) ?? []));
    const first = focusedMentions[0] && full.range(focusedMentions[0].start, focusedMentions[0].end);
    if (first) flash(first);
    return () => clear('entity-focus');
  }, [full, focusedMentions]);

  const paintWindowRef = useRef<PaintWindow | null>(null);
  /** Drafts of annotations now saved, to take away once the saved ones are painted. */
  const draftsSaved = useRef<(() => void)[]>([]);
  const onRendered = useCallback((m: ArticleMap) => {
    setMap(m);
    markReady();
    // Spans in the painted window whose paragraphs have just been rendered (not the window of a
    // text this one replaces: its painter is about to be cleared).
    if (paintWindowRef.current?.map === m) paintWindowRef.current.refresh(true);
  }, []);

  const anchored = useMemo(() => spans.filter((a) => a.anchor !== 'orphaned'), [spans]);
  const orphaned = useMemo(() => spans.filter((a) => a.anchor === 'orphaned'), [spans]);
  // The highlights, the cards and the picker use the codes' names, colours and order, which stay
  // the same object when only the usage counts change (with every annotation added or deleted):
  // else each save would repaint every highlight and re-render every card.
  const labels = useStable(useMemo(() => labelsOf(codes), [codes]));
  const codeOrder = useMemo(() => new Map(labels.map((c, i) => [c.id, i])), [labels]);

  // One painter per rendered text; it keeps the highlight layers and changes only what changed.
  const painter = useMemo(() => (map ? new HighlightPainter(map) : null), [map]);
  useEffect(() => () => painter?.clear(), [painter]);
  // It paints what is on screen and near it; scrolling and resizing move that window.
  const paintWindow = useMemo(() => (map && painter && scroller.current ? new PaintWindow(scroller.current, map, painter) : null), [map, painter]);
  paintWindowRef.current = paintWindow;
  useEffect(() => {
    const el = scroller.current;
    if (!paintWindow || !el) return;
    const refresh = () => paintWindow.refresh();
    el.addEventListener('scroll', refresh, { passive: true });
    el.addEventListener('beforematch', paintWindow.found);
    document.addEventListener('selectionchange', paintWindow.selectionChanged);
    const resized = new ResizeObserver(refresh);
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', refresh);
      el.removeEventListener('beforematch', paintWindow.found);
      document.removeEventListener('selectionchange', paintWindow.selectionChanged);
      resized.disconnect();
      paintWindow.dispose();
    };
  }, [paintWindow]);

  // Each annotation is painted in the colour of its first code (in codebook order).
  const layerOf = useCallback(
    (a: Span) => {
      let first: number | null = null;
      for (const c of a.codeIds) if (first === null || (codeOrder.get(c) ?? 0) < (codeOrder.get(first) ?? 0)) first = c;
      return highlightName(first);
    },
    [codeOrder],
  );
  useEffect(() => {
    applyCodeStyles(labels);
    if (!painter) return;
    measuredPaint(() => {
      paintWindow?.start();
      painter.update(spans, layerOf, delta);
      for (const remove of draftsSaved.current.splice(0)) remove();
    });
  }, [painter, paintWindow, spans, delta, labels, layerOf]);

  useEffect(() => {
    if (!full || selectedIds.length === 0) return clear('annotation-focus');
    const ranges = anchored.filter((a) => selectedIds.includes(a.id)).flatMap((a) => full.staticRange(a.start, a.end) ?? []);
    paint('annotation-focus', ranges);
    return () => clear('annotation-focus');
  }, [full, anchored, selectedIds]);

  useEffect(() => {
    if (!map || !pending) return clear('pending');
    const range = map.range(pending.start, pending.end);
    paint('pending', range ? [range] : []);
    return () => clear('pending');
  }, [map, pending]);

  useEffect(() => {
    if (!full || !selectedFact || selectedFact.evidenceStart === null || selectedFact.evidenceEnd === null) return clear('evidence-focus');
    // Its stored place would now point at other words: say so instead of showing them.
    if (selectedFact.evidenceAnchor === 'orphaned') {
      notices.notify('info', lostEvidence(selectedFact.evidenceExact));
      return clear('evidence-focus');
    }
    const range = full.range(selectedFact.evidenceStart, selectedFact.evidenceEnd);
    if (range) {
      paint('evidence-focus', [range]);
      flash(range);
    }
    return () => clear('evidence-focus');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per fact chosen, not per notices object
  }, [full, selectedFact]);

  useEffect(() => {
    if (!full || !mentionData) return clear('mention');
    paint('mention', mentionData.mentions.flatMap((m) => full.staticRange(m.start, m.end) ?? []));
    return () => clear('mention');
  }, [full, mentionData]);

  // A passage asked for from elsewhere (the Annotations grid, a note): scroll to it and flash it,
  // once per request (a text edit, which renders the text anew, does not ask again).
  const focusShown = useRef<number | null>(null);
  useEffect(() => {
    if (!full || !focus || focus.documentId !== doc.id || focusShown.current === focus.nonce) return;
    focusShown.current = focus.nonce;
    const range = full.range(focus.start, focus.end);
    if (range) flash(range);
    setSelectedIds(anchored.filter((a) => a.start === focus.start && a.end === focus.end).map((a) => a.id));
    setTab('annotations');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new focus is requested
  }, [full, focus?.nonce]);

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
    // A click on the article's own controls (Edit text…, the mentions toggle) is not a click in the text.
    if (!map || pending || (e.target as Element).closest('button, input, label, a, select, textarea')) return;
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
      // Start where the last click left the caret, else at the first paragraph that begins on
      // screen: where the reader is, after scrolling or a jump from search or a grid.
      if (selection.rangeCount === 0 || !map.selection(selection.getRangeAt(0)) && selection.isCollapsed && !scroller.current!.contains(selection.anchorNode)) {
        const first = map.nodes[firstParagraphOnScreen(scroller.current!, map)];
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

  const addCode = useCallback(
    async (name: string): Promise<CodeLabel | null> => {
      try {
        const code = await createCode(name, codes.length);
        changed();
        return code;
      } catch (error) {
        notices.error(error);
        return null;
      }
    },
    [codes.length, changed, notices],
  );

  const savePending = async (codeIds: number[], comment: string) => {
    if (!pending) return;
    // Painted at once in its code's colour while the store saves it (the picker stays open until then),
    // straight onto the highlight layer rather than through a render of the whole view; taken
    // away again if the store refuses it (the picker then says why and keeps what was typed).
    const draft = { id: 0, start: pending.start, end: pending.end, anchor: 'anchored' as const, codeIds };
    const removeDraft = measuredPaint(() => painter?.draft(draft.start, draft.end, layerOf(draft))) ?? (() => {});
    let created: Annotation;
    try {
      created = await call('annotations.create', { documentId: doc.id, start: pending.start, end: pending.end, codeIds, comment });
    } catch (error) {
      removeDraft();
      throw error;
    }
    // The saved annotation takes the draft's place in the same repaint; the sync that follows the
    // change confirms it.
    draftsSaved.current.push(removeDraft);
    onSpansChanged(doc.id, { spans: [{ id: created.id, start: created.start, end: created.end, anchor: created.anchor, codeIds: created.codeIds }], removed: [] });
    setPending(null);
    window.getSelection()?.removeAllRanges();
    setSelectedIds([created.id]);
    setTab('annotations');
    scroller.current?.focus({ preventScroll: true });
    changed();
  };

  const showAnnotation = useCallback(
    (a: Annotation) => {
      // Before a long text is whole, a passage already rendered can be shown all the same.
      const range = (full ?? map)?.range(a.start, a.end);
      if (range) flash(range);
    },
    [full, map],
  );

  // The side panel's cards: the annotations at the clicked place, or the orphaned ones then the
  // first in text order. Only these are loaded whole (quote, comment, dates).
  const shown = useMemo(() => (selectedIds.length ? spans.filter((a) => selectedIds.includes(a.id)) : spans), [spans, selectedIds]);
  const listed = useMemo(() => (selectedIds.length ? shown : [...orphaned, ...anchored]), [selectedIds, shown, orphaned, anchored]);
  const cardIds = useMemo(() => listed.slice(0, PANEL_LIMIT).map((a) => a.id), [listed]);
  const cards = useCards(doc.id, cardIds, revision);
  const intlReady = useIntlReady();
  const words = useIdleWordCount(doc.text);

  return (
    <div className="article-layout">
      <div className="article-column">
        {/* Outside the scrolling text: Tab from the text goes on to the side panel, and reaching these
            controls does not scroll the reader back to the top. */}
        <div className="article-toolbar">
          <p className="article-hint">Select text to code it (Shift+arrows, Enter)</p>
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
          <button type="button" className="link-button" onClick={() => setArticleDialog('rename')} title="Change the article’s title or source">
            Rename…
          </button>
          <button type="button" className="link-button danger" onClick={() => setArticleDialog('delete')} title="Delete the article, with its annotations (undoable)">
            Delete…
          </button>
        </div>
        <section
          className="article-scroll"
          aria-label="Article"
          data-skip-target
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
              <p className="article-kicker">{source || 'Article'}</p>
              <h1 className="article-title">{title}</h1>
              <p className="article-meta">
                {formatCount(doc.length)} characters · {formatCount(spans.length)} annotation{spans.length === 1 ? '' : 's'}
                {intlReady && words !== null && ` · ${formatCount(words)} words · added ${formatDay(doc.added)}`}
              </p>
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
            <ArticleText text={doc.text} onRendered={onRendered} onComplete={setCompleteMap} scroller={scroller} />
          </article>
          {hover && (
            <div className="mention-tooltip" role="tooltip" style={{ left: hover.x + 12, top: hover.y + 16 }}>
              {hover.label}
            </div>
          )}
        </section>
      </div>
      <aside className="side-panel" aria-label="Side panel">
        <div className="tabs" role="tablist">
          {(
            [
              ['annotations', 'Annotations', spans.length],
              ['facts', 'Facts in this article', facts.length],
              ['codebook', 'Codebook', codes.length],
            ] as const
          ).map(([name, label, count]) => (
            <button key={name} type="button" role="tab" aria-selected={tab === name} className={`tab${tab === name ? ' is-active' : ''}`} onClick={() => setTab(name)}>
              {label}
              <span className="count">{formatCount(count)}</span>
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
            {spans.length === 0 && <p className="panel-empty">No annotations in this article yet. Select a passage to code it.</p>}
            {orphaned.length > 0 && selectedIds.length === 0 && (
              <p className="panel-warning">
                {orphaned.length} orphaned annotation{orphaned.length === 1 ? '' : 's'}: {orphaned.length === 1 ? 'its passage is' : 'their passages are'} no longer in the text. They are kept below with their quotes.
              </p>
            )}
            {cards.map((a) => (
              <AnnotationCard
                key={a.id}
                annotation={a}
                codes={labels}
                onChanged={changed}
                onCreateCode={addCode}
                onShow={a.anchor === 'orphaned' ? undefined : showAnnotation}
              />
            ))}
            {listed.length > PANEL_LIMIT && (
              <p className="panel-empty">
                Showing the first {PANEL_LIMIT} of {formatCount(listed.length)} annotations in text order. Click a highlight to see the ones there, or use the Annotations view (Ctrl+5) to search them all.
              </p>
            )}
          </div>
        )}
        {tab === 'facts' && (
          <div className="panel-fill" role="tabpanel" aria-label="Facts in this article">
            <p className="panel-hint">Select a fact to find its evidence in the text.</p>
            <Suspense fallback={<p className="panel-empty">Loading the facts…</p>}>
              <ArticleFactsGrid facts={facts} onSelect={setSelectedFact} />
            </Suspense>
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
          codes={labels}
          // Beside the passage (when it fits neither below nor above) means beside the text column,
          // so that the rest of the passage's paragraph stays readable.
          anchor={{ left: pending.rect.left, top: pending.rect.top, bottom: pending.rect.bottom, right: Math.max(pending.rect.right, scroller.current?.querySelector('.article-text')?.getBoundingClientRect().right ?? 0) }}
          onCancel={() => {
            setPending(null);
            scroller.current?.focus({ preventScroll: true });
          }}
          onCreateCode={addCode}
          onSave={savePending}
          onMakeFact={() => {
            setFactFrom({ documentId: doc.id, start: pending.start, end: pending.end, exact: map?.range(pending.start, pending.end)?.toString() ?? '' });
            setPending(null);
          }}
        />
      )}
      {factFrom && (
        <FactDialog
          evidence={factFrom}
          onClose={() => {
            setFactFrom(null);
            scroller.current?.focus({ preventScroll: true });
          }}
          onSaved={() => {
            setFactFrom(null);
            window.getSelection()?.removeAllRanges();
            setTab('facts');
            changed();
            notices.notify('info', 'Fact added with this passage as its evidence; it is listed beside the text and in the Facts view.');
          }}
        />
      )}
      {articleDialog === 'rename' && (
        <RenameArticleDialog
          documentId={doc.id}
          title={title}
          source={source}
          onClose={() => setArticleDialog(null)}
          onSaved={() => {
            setArticleDialog(null);
            changed();
            notices.notify('info', 'Article renamed.');
          }}
        />
      )}
      {articleDialog === 'delete' && (
        <DeleteArticleDialog
          documentId={doc.id}
          title={title}
          annotations={spans.length}
          facts={facts.length}
          onClose={() => setArticleDialog(null)}
          onDeleted={async () => {
            setArticleDialog(null);
            changed();
            const undo = await undoFor();
            notices.notify('info', `Deleted “${title}”.`, { label: 'Undo', run: () => void undo().then(changed, notices.error) });
          }}
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
            // The side panel lists every annotation again, the orphaned ones first with their warning.
            setSelectedIds([]);
            if (o) setTab('annotations');
            // Saved either way; orphaned annotations are listed, with their own warning, in the panel.
            notices.notify('info', `Text saved. Annotations: ${a} kept, ${fuzzy} found approximately, ${o} orphaned${o ? ' (listed in the Annotations tab)' : ''}.`);
          }}
        />
      )}
    </div>
  );
}
