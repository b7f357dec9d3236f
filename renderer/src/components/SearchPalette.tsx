// Ctrl/Cmd+K: one box that searches articles, annotations, facts, notes and entities. Results come
// grouped by kind with the match in context; arrows move, Enter jumps to the place (an entity: its
// mentions marked in the article).
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import type { SearchHit } from '../../../electron/ipc/contract';
import { call } from '../client';
import { useWorkbench } from '../workbenchContext';

const GROUPS: [SearchHit['kind'], string][] = [
  ['note', 'Notes'],
  ['fact', 'Facts'],
  ['annotation', 'Annotations'],
  ['entity', 'Entities'],
  ['document', 'Articles'],
];

const OPEN = String.fromCharCode(2);
const CLOSE = String.fromCharCode(3);

/** Splits a snippet from SQLite's snippet() (matches between \u0002 and \u0003) into plain and marked runs. */
function segments(text: string): { text: string; marked: boolean }[] {
  const [head, ...rest] = text.split(OPEN);
  const out = [{ text: head ?? '', marked: false }];
  for (const part of rest) {
    const [hit, after] = part.split(CLOSE);
    out.push({ text: hit ?? '', marked: true }, { text: after ?? '', marked: false });
  }
  return out.filter((s) => s.text);
}

function Snippet({ text }: { text: string }) {
  return (
    <>
      {segments(text).map((s, i) => (s.marked ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>))}
    </>
  );
}

export function SearchPalette({ onClose }: { onClose: () => void }) {
  const { showPassage, openNote, showEntity, setView, setDocumentId } = useWorkbench();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);

  // Closing hands the focus back: to where it was (Esc), or, if a result moved the app elsewhere and
  // nothing there took it, to the view's content, so the keyboard goes on from a sensible place.
  // Read while rendering: by the time effects run, the search box has taken the focus.
  const [before] = useState(() => document.activeElement as HTMLElement | null);
  /** Set when a result is opened: the focus then belongs in the view it opened. */
  const opened = useRef(false);
  useEffect(() => {
    return () => {
      requestAnimationFrame(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        const back = before && before !== document.body && before.isConnected && (!opened.current || before.closest('#content'));
        if (back) before.focus();
        else (document.querySelector<HTMLElement>('#content [data-skip-target]') ?? document.getElementById('content'))?.focus();
      });
    };
  }, [before]);

  useEffect(() => {
    let live = true;
    const t = window.setTimeout(() => {
      if (!query.trim()) return setHits([]);
      call('search', { query, limit: 8 }).then(
        (found) => {
          if (!live) return;
          setHits(found);
          setActive(0);
          setError(null);
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    }, 80);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
  }, [query]);

  // Results in the order they are shown, for the arrow keys.
  const ordered = useMemo(() => GROUPS.flatMap(([kind]) => hits.filter((h) => h.kind === kind)), [hits]);

  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    opened.current = true;
    onClose();
    if (hit.kind === 'note') openNote(hit.id);
    else if (hit.kind === 'entity') showEntity({ id: hit.id, name: hit.title });
    else if (hit.documentId !== null && hit.start !== null && hit.end !== null) showPassage(hit.documentId, hit.start, hit.end);
    else if (hit.kind === 'document') {
      setDocumentId(hit.id);
      setView('article');
    } else setView('facts');
  };

  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div className="palette" role="dialog" aria-label="Search" onMouseDown={(e) => e.stopPropagation()}>
        <input
          className="palette-input"
          type="search"
          autoFocus
          aria-label="Search everything"
          placeholder="Search articles, annotations, facts, notes and entities…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
            else if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(ordered.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              go(ordered[active]);
            }
          }}
        />
        <div className="palette-results" role="listbox" aria-label="Results">
          {error && <p className="field-error">{error}</p>}
          {query.trim() && !error && ordered.length === 0 && <p className="muted palette-empty">Nothing found for “{query}”.</p>}
          {GROUPS.map(([kind, label]) => {
            const group = ordered.filter((h) => h.kind === kind);
            if (group.length === 0) return null;
            return (
              <section key={kind} className="palette-group" aria-label={label}>
                <h3>{label}</h3>
                {group.map((h) => {
                  const index = ordered.indexOf(h);
                  return (
                    <div
                      key={`${h.kind}:${h.id}`}
                      role="option"
                      aria-selected={index === active}
                      className={`palette-item${index === active ? ' is-active' : ''}`}
                      onMouseEnter={() => setActive(index)}
                      onClick={() => go(h)}
                    >
                      <span className="palette-title">{h.title}</span>
                      <span className="palette-snippet">
                        <Snippet text={h.snippet} />
                      </span>
                    </div>
                  );
                })}
              </section>
            );
          })}
        </div>
        <div className="palette-footer">↑↓ move · Enter open · Esc close</div>
      </div>
    </div>
  );
}
