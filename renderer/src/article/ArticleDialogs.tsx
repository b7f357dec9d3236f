// An article's title and source, and deleting it: each a dialog of its own, and undoable.
import { useState } from 'react';
import type { Document } from '../../../electron/ipc/contract';
import { call, WorkbenchError } from '../client';
import { DialogForm, type FieldError } from '../components/DialogForm';
import { DialogButtons, Modal } from '../components/Modal';
import { formatCount } from '../intlReady';

export function RenameArticleDialog({ title, source, documentId, onClose, onSaved }: { title: string; source: string; documentId: number; onClose: () => void; onSaved: (doc: Document) => void }) {
  const [form, setForm] = useState({ title, source });
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('documents.describe', { id: documentId, title: form.title, source: form.source }));
    } catch (e) {
      setError({ message: e instanceof Error ? e.message : String(e), field: e instanceof WorkbenchError ? e.field : undefined });
      setBusy(false);
    }
  };
  return (
    <Modal
      title="Rename article"
      onClose={onClose}
      footer={<DialogButtons label="Save" onCancel={onClose} onConfirm={() => void save()} busy={busy} />}
    >
      <DialogForm busy={busy} onSubmit={() => void save()} error={error}>
        <label className="field field-wide">
          <span>Title</span>
          <input type="text" value={form.title} onChange={(e) => setForm((f) => ({ ...f, title: e.target.value }))} aria-invalid={error?.field === 'title' ? 'true' : undefined} data-field="title" autoFocus />
        </label>
        <label className="field field-wide">
          <span>Source (the publication, wire or address it came from)</span>
          <input type="text" value={form.source} onChange={(e) => setForm((f) => ({ ...f, source: e.target.value }))} placeholder="e.g. Associated Press, 2023-09-12" data-field="source" />
        </label>
      </DialogForm>
    </Modal>
  );
}

export function DeleteArticleDialog({
  title,
  documentId,
  annotations,
  facts,
  onClose,
  onDeleted,
}: {
  title: string;
  documentId: number;
  annotations: number;
  facts: number;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await call('documents.delete', { id: documentId });
      onDeleted();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  const count = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;
  return (
    <Modal
      title="Delete this article?"
      onClose={onClose}
      footer={<DialogButtons label="Delete article" onCancel={onClose} onConfirm={() => void remove()} busy={busy} danger />}
    >
      <p>
        “{title}” will be deleted{annotations ? `, with its ${count(annotations, 'annotation', 'annotations')}` : ''}.
      </p>
      <ul className="consequences">
        {facts > 0 && <li>{count(facts, 'fact keeps its', 'facts keep their')} quoted evidence, marked as no longer in a text.</li>}
        {annotations > 0 && <li>Notes linked to its passages keep those links, shown as broken.</li>}
        <li>Undo (Ctrl+Z) brings the article back with everything in it.</li>
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
