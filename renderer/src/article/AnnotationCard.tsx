// One annotation in the side panel: its passage, codes and comment, all editable in place.
// The comment saves as you type (after a pause) and when you leave the field.
import { memo, useEffect, useRef, useState } from 'react';
import type { Annotation } from '../../../electron/ipc/contract';
import { call, undoFor } from '../client';
import type { CodeLabel } from '../codes';
import { useNotices } from '../notices';
import { CodePicker } from './CodePicker';
import { TextArea } from '../components/TextArea';
import { shorten } from '../../../common/text';
import { FactDialog } from '../components/FactDialog';
import { useWorkbench } from '../workbenchContext';

// Memoised: a change elsewhere re-renders only the cards whose annotation changed.
export const AnnotationCard = memo(function AnnotationCard({
  annotation,
  codes,
  onChanged,
  onCreateCode,
  onShow,
}: {
  annotation: Annotation;
  codes: readonly CodeLabel[];
  onChanged: () => void;
  onCreateCode: (name: string) => Promise<CodeLabel | null>;
  /** Shows the passage in the article (absent for an orphaned annotation). */
  onShow?: (annotation: Annotation) => void;
}) {
  const notices = useNotices();
  const [comment, setComment] = useState(annotation.comment);
  const [saved, setSaved] = useState<'saved' | 'saving' | 'unsaved' | 'failed'>('saved');
  const [picking, setPicking] = useState<DOMRect | null>(null);
  const [makingFact, setMakingFact] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(comment);
  latest.current = comment;

  // A comment edited here must not be overwritten by a reload that carries the old text.
  useEffect(() => {
    if (saved === 'saved') setComment(annotation.comment);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the stored comment changes
  }, [annotation.comment]);

  const saveComment = async () => {
    window.clearTimeout(timer.current);
    const text = latest.current;
    if (text === annotation.comment) {
      setSaved('saved');
      return;
    }
    setSaved('saving');
    try {
      await call('annotations.update', { id: annotation.id, comment: text });
      setSaved(latest.current === text ? 'saved' : 'unsaved');
      onChanged();
    } catch (error) {
      setSaved('failed');
      notices.error(error);
    }
  };

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const byId = new Map(codes.map((c) => [c.id, c]));
  const { openNote } = useWorkbench();
  const noteOnPassage = async () => {
    try {
      const quote = annotation.exact.replace(/\s+/g, ' ').trim();
      const note = await call('notes.create', {
        title: shorten(quote, 60),
        body: `> ${quote}\n\n`,
        codeIds: annotation.codeIds,
        links: [{ kind: 'annotation', targetId: annotation.id }],
      });
      onChanged();
      openNote(note.id);
    } catch (error) {
      notices.error(error);
    }
  };
  const remove = async () => {
    try {
      await call('annotations.delete', { id: annotation.id });
      onChanged();
      const undo = await undoFor();
      notices.notify('info', 'Annotation deleted.', {
        label: 'Undo',
        run: () => void undo().then(onChanged, notices.error),
      });
    } catch (error) {
      notices.error(error);
    }
  };

  return (
    <article className={`annotation-card anchor-${annotation.anchor}`} aria-label={`Annotation: ${annotation.exact}`} data-annotation-id={annotation.id}>
      <blockquote className="annotation-quote" onClick={onShow && (() => onShow(annotation))} title={onShow ? 'Show in the article' : undefined}>
        {annotation.exact}
      </blockquote>
      {annotation.anchor !== 'anchored' && (
        <p className={`anchor-note anchor-note-${annotation.anchor}`}>
          {annotation.anchor === 'fuzzy' ? 'Found again approximately after the text was edited: check the passage.' : 'Orphaned: this passage is no longer in the text. Its quote is kept here.'}
        </p>
      )}
      <div className="annotation-codes">
        {annotation.codeIds.map((id) => {
          const code = byId.get(id);
          return (
            <span key={id} className="code-chip" style={{ ['--chip' as string]: code?.color ?? '#78716c' }}>
              {code?.name ?? `Code ${id}`}
            </span>
          );
        })}
        <button type="button" className="chip-button" onClick={(e) => setPicking(e.currentTarget.getBoundingClientRect())}>
          {annotation.codeIds.length ? 'Edit codes' : '+ Code'}
        </button>
      </div>
      <label className="annotation-comment">
        <span className="visually-hidden">Comment</span>
        <TextArea
          rows={2}
          value={comment}
          placeholder="Add a comment…"
          onChange={(e) => {
            setComment(e.target.value);
            setSaved('unsaved');
            window.clearTimeout(timer.current);
            timer.current = window.setTimeout(() => void saveComment(), 700);
          }}
          onBlur={() => void saveComment()}
        />
      </label>
      <footer className="annotation-footer">
        <span className={`save-state save-${saved}`} aria-live="polite">
          {saved === 'saved' ? 'Saved' : saved === 'saving' ? 'Saving…' : saved === 'failed' ? 'Not saved — your text is kept' : 'Editing…'}
        </span>
        <button type="button" className="link-button" onClick={() => void noteOnPassage()}>
          Note on this passage
        </button>
        {annotation.anchor !== 'orphaned' && (
          <button type="button" className="link-button" onClick={() => setMakingFact(true)}>
            Make fact
          </button>
        )}
        <button type="button" className="link-button danger" onClick={() => void remove()}>
          Delete
        </button>
      </footer>
      {makingFact && (
        <FactDialog
          evidence={{ documentId: annotation.documentId, start: annotation.start, end: annotation.end, exact: annotation.exact }}
          onClose={() => setMakingFact(false)}
          onSaved={() => {
            setMakingFact(false);
            onChanged();
            notices.notify('info', 'Fact added; it is in the Facts view with this passage as its evidence.');
          }}
        />
      )}
      {picking && (
        <CodePicker
          title="Codes for this passage"
          codes={codes}
          initialCodeIds={annotation.codeIds}
          withComment={false}
          anchor={{ left: picking.left, top: picking.top, bottom: picking.bottom }}
          onCancel={() => setPicking(null)}
          onCreateCode={onCreateCode}
          onSave={async (codeIds) => {
            await call('annotations.update', { id: annotation.id, codeIds });
            setPicking(null);
            onChanged();
          }}
        />
      )}
    </article>
  );
});
