// Correct a document's text. Annotations and fact evidence re-anchor afterwards; none is deleted.
import { useEffect, useRef, useState } from 'react';
import type { Document, Output } from '../../../electron/ipc/contract';
import { call } from '../client';
import { Modal } from '../components/Modal';
import { TextArea } from '../components/TextArea';

export function EditTextDialog({ document, onClose, onSaved }: { document: Document; onClose: () => void; onSaved: (report: Output<'documents.updateText'>['annotations']) => void }) {
  const [text, setText] = useState(document.text);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Closing with corrections typed asks first (Esc, ×, Cancel); a second close discards them.
  const [asking, setAsking] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  // Corrections start from the top of the text, not from where setting it left the caret (the end).
  useEffect(() => {
    field.current?.setSelectionRange(0, 0);
    if (field.current) field.current.scrollTop = 0;
  }, []);
  const close = () => {
    if (text !== document.text && !asking && !busy) setAsking(true);
    else onClose();
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await call('documents.updateText', { id: document.id, text });
      onSaved(result.annotations);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={`Edit the text of “${document.title}”`}
      onClose={close}
      wide
      footer={
        <>
          <span className="modal-note">Annotations follow the text: by position, then by quote, then approximately. Any that cannot be found are kept as orphaned.</span>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="button button-primary" disabled={busy || text === document.text} onClick={() => void save()}>
            {busy ? 'Saving…' : 'Save text'}
          </button>
        </>
      }
    >
      <label className="field">
        <span className="visually-hidden">Document text</span>
        <TextArea
          ref={field}
          className="edit-text"
          rows={22}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setAsking(false);
          }}
          aria-label="Document text"
          spellCheck
        />
      </label>
      {asking && (
        <p className="field-error" role="alert">
          Discard your corrections? Press Esc or Cancel again to discard them, or Save text to keep them.
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
