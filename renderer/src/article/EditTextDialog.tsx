// Correct a document's text. Annotations and fact evidence re-anchor afterwards; none is deleted.
import { useState } from 'react';
import type { Document, Output } from '../../../electron/ipc/contract';
import { call } from '../client';
import { Modal } from '../components/Modal';
import { TextArea } from '../components/TextArea';

export function EditTextDialog({ document, onClose, onSaved }: { document: Document; onClose: () => void; onSaved: (report: Output<'documents.updateText'>['annotations']) => void }) {
  const [text, setText] = useState(document.text);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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
      onClose={onClose}
      wide
      footer={
        <>
          <span className="modal-note">Annotations follow the text: by position, then by quote, then approximately. Any that cannot be found are kept as orphaned.</span>
          <button type="button" className="button" onClick={onClose}>
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
        <TextArea className="edit-text" rows={22} value={text} onChange={(e) => setText(e.target.value)} aria-label="Document text" spellCheck />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
