// Annotations to and from W3C Web Annotation JSON-LD: export all, or import a file from another
// tool into a chosen document; imported annotations re-anchor against its current text.
import { useState } from 'react';
import { call } from '../client';
import { downloadBlob } from '../download';
import { useNotices } from '../notices';
import { useAsync } from '../useAsync';
import { useWorkbench } from '../workbenchContext';
import { Modal } from './Modal';

export function W3cButtons() {
  const notices = useNotices();
  const { changed, documentId } = useWorkbench();
  const [importing, setImporting] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [target, setTarget] = useState<number | null>(documentId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const documents = useAsync(() => call('documents.list', {}), 'w3c-documents');

  const exportAll = async () => {
    try {
      const { json, total } = await call('annotations.exportW3c', {});
      downloadBlob(`summit-annotations-${new Date().toISOString().slice(0, 10)}.jsonld`, new Blob([json], { type: 'application/ld+json' }));
      notices.notify('info', `Exported ${total} annotations as W3C Web Annotations.`);
    } catch (e) {
      notices.error(e);
    }
  };

  const runImport = async () => {
    if (!file) return setError('Choose a file of W3C Web Annotations (.json or .jsonld).');
    setBusy(true);
    setError(null);
    try {
      const report = await call('annotations.importW3c', { text: await file.text(), ...(target ? { documentId: target } : {}) });
      setImporting(false);
      changed();
      notices.notify(
        report.orphaned ? 'error' : 'info',
        `Imported ${report.imported} annotation${report.imported === 1 ? '' : 's'}: ${report.anchored} anchored, ${report.fuzzy} anchored approximately, ${report.orphaned} orphaned.${report.skipped ? ` ${report.skipped} already here were left as they are.` : ''}${report.codesCreated.length ? ` New codes: ${report.codesCreated.join(', ')}.` : ''}`,
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => void exportAll()} title="Download every annotation as W3C Web Annotation JSON-LD">
        Export W3C
      </button>
      <button type="button" className="button" onClick={() => setImporting(true)} title="Import W3C Web Annotations from another tool">
        Import W3C…
      </button>
      {importing && (
        <Modal
          title="Import W3C Web Annotations"
          onClose={() => setImporting(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setImporting(false)}>
                Cancel
              </button>
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void runImport()}>
                {busy ? 'Importing…' : 'Import'}
              </button>
            </>
          }
        >
          <label className="field">
            <span>File (.json or .jsonld)</span>
            <input type="file" accept=".json,.jsonld,application/json,application/ld+json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <label className="field">
            <span>Annotations made in another tool go on</span>
            <select value={target ?? ''} onChange={(e) => setTarget(e.target.value ? Number(e.target.value) : null)} aria-label="Document to import into">
              {documents.status === 'ready' &&
                documents.value.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.title}
                  </option>
                ))}
            </select>
          </label>
          <p className="muted">Each annotation finds its passage by position, then by its quote, then approximately; any not found are kept as orphaned. If any annotation in the file is unusable, nothing is imported.</p>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </Modal>
      )}
    </>
  );
}
