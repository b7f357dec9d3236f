// Edits one note. It saves as you type (a short pause after the last keystroke), when you leave a
// field, when you switch notes, and as the window closes, so nothing typed is ever lost.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { marked } from 'marked';
import DOMPurify from 'dompurify';
import type { Note, NoteLink } from '../../../electron/ipc/contract';
import { call, undoFor } from '../client';
import { createCode, type CodeNode } from '../codes';
import { useNotices } from '../notices';
import { useWorkbench } from '../workbenchContext';
import { TextArea } from '../components/TextArea';
import { CodePicker } from '../article/CodePicker';
import { LinkPicker } from './LinkPicker';

// A link in a note's preview opens outside the app, never in its place: in a new tab in the
// browser host; in Electron the window-open handler gives http(s) links to the person's browser
// and denies the rest.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName !== 'A') return;
  node.setAttribute('target', '_blank');
  node.setAttribute('rel', 'noopener noreferrer');
});

const SAVE_AFTER_MS = 300;

type SaveState = 'saved' | 'editing' | 'saving' | 'failed';

/** The save state, kept outside React's state so that a change renders only the line that shows it. */
function saveStateStore() {
  let state: SaveState = 'saved';
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next: SaveState) {
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const SAVE_STATE_TEXT: Record<SaveState, string> = {
  saved: 'All changes saved',
  saving: 'Saving…',
  failed: 'Not saved yet — your text is kept',
  editing: 'Editing…',
};

function SaveStatus({ store }: { store: ReturnType<typeof saveStateStore> }) {
  const state = useSyncExternalStore(store.subscribe, store.get);
  return (
    <span className={`save-state save-${state}`} aria-live="polite" data-testid="note-save-state">
      {SAVE_STATE_TEXT[state]}
    </span>
  );
}

export function NoteEditor({
  note: initial,
  codes,
  onSaved,
  onDeleted,
  focusBody = false,
  focusTitle = false,
}: {
  note: Note;
  codes: readonly CodeNode[];
  onSaved: (note: Note) => void;
  onDeleted: () => void;
  /** Put the caret at the end of the text (a note just started from a passage). */
  focusBody?: boolean;
  /** Put the caret in the title (a note just made with New note). */
  focusTitle?: boolean;
}) {
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusTitle) titleRef.current?.focus();
    const el = bodyRef.current;
    if (!focusBody || !el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the editor opens
  }, []);
  // The editor owns the note while it is open: a save's answer updates it here, and the list
  // (onSaved) catches up separately, so an autosave never re-renders the whole Notes view.
  const [note, setNote] = useState(initial);
  const saved = useCallback(
    (next: Note) => {
      setNote(next);
      onSaved(next);
    },
    [onSaved],
  );
  const notices = useNotices();
  const { showPassage, setView, revision } = useWorkbench();
  const [saveState] = useState(saveStateStore);
  // Something changed elsewhere (an undo brought back a deleted fact, a merge moved a link): the
  // links are read again. The title and text stay as typed here.
  const linksRead = useRef(revision);
  useEffect(() => {
    if (linksRead.current === revision) return;
    linksRead.current = revision;
    let live = true;
    // A note that is gone (its creation undone) leaves the list, which closes this editor.
    call('notes.get', { id: note.id }).then(
      (fresh) => live && setNote((open) => ({ ...open, links: fresh.links })),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [revision, note.id]);
  const [preview, setPreview] = useState(false);
  const [picking, setPicking] = useState<DOMRect | null>(null);
  const [linking, setLinking] = useState(false);
  // What is typed lives in the fields themselves (uncontrolled) and here: a keystroke renders
  // nothing, and the first one after a save renders only the save state's line (a render of the
  // editor per keystroke was most of a keystroke's work).
  const draft = useRef({ title: note.title, body: note.body });
  const stored = useRef({ title: note.title, body: note.body });
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);

  const flush = useCallback(
    async (keepalive = false) => {
      window.clearTimeout(timer.current);
      const save = async () => {
        const { title: t, body: b } = draft.current;
        if (t === stored.current.title && b === stored.current.body) return;
        saveState.set('saving');
        try {
          const savedNote = await call('notes.update', { id: note.id, title: t, body: b }, { keepalive });
          stored.current = { title: t, body: b };
          const current = draft.current;
          saveState.set(current.title === t && current.body === b ? 'saved' : 'editing');
          saved(savedNote);
        } catch (error) {
          // The text stays in the editor; the next keystroke or leaving the field tries again.
          saveState.set('failed');
          notices.error(error);
        }
      };
      // One save at a time, each sending the latest text, so an older text can never reach the
      // store after a newer one. A closing page cannot wait: it sends the latest text at once.
      const attempt = keepalive ? save() : (inFlight.current ?? Promise.resolve()).then(save);
      inFlight.current = attempt;
      await attempt;
    },
    [note.id, notices, saved, saveState],
  );

  const edit = (patch: Partial<{ title: string; body: string }>) => {
    draft.current = { ...draft.current, ...patch };
    saveState.set('editing');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), SAVE_AFTER_MS);
  };

  // Closing the window or the tab mid-sentence: send what is there, in a request that outlives the page.
  useEffect(() => {
    const onLeave = () => void flush(true);
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
      void flush(true); // switching notes or views
    };
  }, [flush]);

  // The text cannot change while the preview shows (the text field is gone), so it is read once.
  const html = useMemo(() => (preview ? DOMPurify.sanitize(marked.parse(draft.current.body, { async: false, gfm: true, breaks: true })) : ''), [preview]);

  const open = (link: NoteLink) => {
    if (link.broken) return;
    if ((link.kind === 'annotation' || link.kind === 'fact') && link.documentId !== null && link.start !== null && link.end !== null) {
      showPassage(link.documentId, link.start, link.end);
    } else if (link.kind === 'fact') setView('facts');
    else setView('entities');
  };

  const change = async (work: () => Promise<Note>) => {
    try {
      saved(await work());
    } catch (error) {
      notices.error(error);
    }
  };

  const byId = new Map(codes.map((c) => [c.id, c]));

  return (
    <section className="note-editor" aria-label="Note editor">
      <div className="note-toolbar">
        <SaveStatus store={saveState} />
        <div className="segmented" role="group" aria-label="Editor mode">
          <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>
            Write
          </button>
          <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>
            Preview
          </button>
        </div>
        <button
          type="button"
          className="link-button danger"
          onClick={() =>
            void call('notes.delete', { id: note.id })
              .then(async () => {
                onDeleted();
                const undo = await undoFor();
                notices.notify('info', 'Note deleted.', { label: 'Undo', run: () => void undo().then(onDeleted, notices.error) });
              })
              .catch(notices.error)
          }
        >
          Delete note
        </button>
      </div>
      <input ref={titleRef} className="note-title" type="text" aria-label="Note title" placeholder="Untitled note" defaultValue={draft.current.title} onChange={(e) => edit({ title: e.target.value })} onBlur={() => void flush()} />
      <div className="note-meta">
        <div className="annotation-codes">
          {note.codeIds.map((id) => (
            <span key={id} className="code-chip" style={{ ['--chip' as string]: byId.get(id)?.color ?? '#78716c' }}>
              {byId.get(id)?.name ?? `Code ${id}`}
            </span>
          ))}
          <button type="button" className="chip-button" onClick={(e) => setPicking(e.currentTarget.getBoundingClientRect())}>
            {note.codeIds.length ? 'Edit codes' : '+ Code'}
          </button>
        </div>
      </div>
      {preview ? (
        // Sanitised by DOMPurify: a note can hold pasted HTML, which must not run.
        <div className="note-preview markdown" dangerouslySetInnerHTML={{ __html: html || '<p class="muted">Nothing written yet.</p>' }} />
      ) : (
        <TextArea
          ref={bodyRef}
          className="note-body"
          aria-label="Note text"
          placeholder="Write in Markdown: **bold**, *italic*, - lists, > quotes…"
          value={draft.current.body}
          onChange={(e) => edit({ body: e.target.value })}
          onBlur={() => void flush()}
        />
      )}
      <div className="note-links">
        <div className="note-links-header">
          <h3>Linked passages, facts and entities</h3>
          <button type="button" className="button" onClick={() => setLinking(true)}>
            Link…
          </button>
        </div>
        {note.links.length === 0 && <p className="muted">No links yet. Link this note to passages, facts or entities so you can find your way back.</p>}
        <ul className="link-list">
          {note.links.map((l) => (
            <li key={`${l.kind}:${l.targetId}`} className={`link-item${l.broken ? ' is-broken' : ''}`}>
              <span className={`link-kind link-kind-${l.kind}`}>{l.kind === 'annotation' ? 'passage' : l.kind}</span>
              {l.broken ? (
                <span className="link-label" title="This item was deleted after the link was made; undoing the deletion brings the link back.">
                  {l.label}
                </span>
              ) : (
                <button type="button" className="link-label link-button" onClick={() => open(l)} title="Open">
                  {l.kind === 'annotation' ? `“${l.label}”` : l.label}
                </button>
              )}
              <button
                type="button"
                className="icon-button small"
                aria-label={`Remove link to ${l.label}`}
                onClick={() => void change(() => call('notes.unlink', { id: note.id, kind: l.kind, targetId: l.targetId }))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      </div>
      {picking && (
        <CodePicker
          title="Codes for this note"
          codes={codes}
          initialCodeIds={note.codeIds}
          withComment={false}
          anchor={{ left: picking.left, top: picking.top, bottom: picking.bottom }}
          onCancel={() => setPicking(null)}
          onCreateCode={async (name) => {
            try {
              return await createCode(name, codes.length);
            } catch (error) {
              notices.error(error);
              return null;
            }
          }}
          onSave={async (codeIds) => {
            saved(await call('notes.update', { id: note.id, codeIds }));
            setPicking(null);
          }}
        />
      )}
      {linking && (
        <LinkPicker
          onClose={() => setLinking(false)}
          onPick={(kind, targetId) => {
            setLinking(false);
            void change(() => call('notes.link', { id: note.id, kind, targetId }));
          }}
        />
      )}
    </section>
  );
}
