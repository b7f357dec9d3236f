// Import an article from a file (.txt, .md, .html) or from pasted text. The store checks and
// decodes the file, so a binary, non-UTF-8 or oversized file is refused with its reason.
import { useState } from 'react';
import type { Document } from '../../../electron/ipc/contract';
import { call } from '../client';
import { Modal } from './Modal';
import { TextArea } from './TextArea';

function toBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: (doc: Document) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(null);
    if (!file && !pasted.trim()) {
      setError('Choose a file or paste the article’s text.');
      return;
    }
    setBusy(true);
    try {
      // Without a title the store takes the pasted text's first line (and does not repeat it in the text).
      const titled = title.trim() ? { title } : {};
      const doc = file
        ? await call('documents.import', { fileName: file.name, base64: toBase64(await file.arrayBuffer()), ...titled })
        : await call('documents.import', { fileName: 'Pasted text', text: pasted, ...titled });
      onImported(doc);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Import article"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-primary" onClick={() => void submit()} disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </>
      }
    >
      <label className="field">
        <span>File (.txt, .md or .html, up to 10 MB)</span>
        <input type="file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <div className="field-divider">or paste the text</div>
      <label className="field">
        <span className="visually-hidden">Article text</span>
        <TextArea rows={8} value={pasted} onChange={(e) => setPasted(e.target.value)} disabled={!!file} placeholder="Paste the article here…" aria-label="Article text" />
      </label>
      <label className="field">
        <span>Title</span>
        <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} placeholder={file ? file.name.replace(/\.[^.]+$/, '') : 'The first line of the text'} />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
