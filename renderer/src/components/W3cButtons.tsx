// Annotations to and from W3C Web Annotation JSON-LD: export all, or import a file from another
// tool into a chosen document; imported annotations re-anchor against its current text. A long
// import shows its step and how far it has got, then what it did.
import { useRef, useState } from 'react';
import { describeImportOutcome, describeImportProgress, type ImportProgress } from '../../../common/progress';
import { call, importW3c, type W3cImportReport } from '../client';
import { downloadBlob } from '../download';
import { useNotices } from '../notices';
import { useAsync } from '../useAsync';
import { useWorkbench } from '../workbenchContext';
import { ImportReport } from './ImportReport';
import { Modal } from './Modal';
import { ProgressStatus } from './ProgressStatus';

/** `total`: how many annotations there are; with none, there is nothing to export. */
export function W3cButtons({ total }: { total: number }) {
  const notices = useNotices();
  const { changed, documentId } = useWorkbench();
  const [importing, setImporting] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [target, setTarget] = useState<number | null>(documentId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<W3cImportReport | null>(null);
  // The dialog may be closed while an import goes on; its outcome then comes as a notice.
  const dialogOpen = useRef(false);
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

  const openDialog = () => {
    setFile(null);
    setError(null);
    setReport(null);
    if (!busy) setProgress(null);
    setImporting(true);
    dialogOpen.current = true;
  };

  const closeDialog = () => {
    setImporting(false);
    dialogOpen.current = false;
  };

  const runImport = async () => {
    if (!file) return setError('Choose a file of W3C Web Annotations (.json or .jsonld).');
    setBusy(true);
    setError(null);
    setReport(null);
    setProgress(null);
    try {
      const outcome = await importW3c(file, target, setProgress);
      changed();
      if (dialogOpen.current) setReport(outcome);
      else notices.notify(outcome.orphaned ? 'error' : 'info', describeImportOutcome(outcome));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setProgress(null);
      if (dialogOpen.current) setError(message);
      else notices.notify('error', message);
    } finally {
      setBusy(false);
    }
  };

  const finished = report !== null;
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => void exportAll()}
        disabled={total === 0}
        title={total === 0 ? 'No annotations to export yet' : 'Download every annotation as W3C Web Annotation JSON-LD'}
      >
        Export W3C
      </button>
      <button type="button" className="button" onClick={openDialog} title="Import W3C Web Annotations from another tool">
        Import W3C…
      </button>
      {importing && (
        <Modal
          title="Import W3C Web Annotations"
          onClose={closeDialog}
          footer={
            finished ? (
              <button type="button" className="button button-primary" onClick={closeDialog}>
                Close
              </button>
            ) : (
              <>
                <button type="button" className="button" onClick={closeDialog} title={busy ? 'The import goes on; what it did will show as a notice' : undefined}>
                  {busy ? 'Close' : 'Cancel'}
                </button>
                <button type="button" className="button button-primary" disabled={busy} onClick={() => void runImport()}>
                  {busy ? 'Importing…' : 'Import'}
                </button>
              </>
            )
          }
        >
          <label className="field">
            <span>File (.json or .jsonld)</span>
            <input type="file" accept=".json,.jsonld,application/json,application/ld+json" disabled={busy || finished} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <label className="field">
            <span>Annotations made in another tool go on</span>
            <select value={target ?? ''} disabled={busy || finished} onChange={(e) => setTarget(e.target.value ? Number(e.target.value) : null)} aria-label="Document to import into">
              {documents.status === 'ready' &&
                documents.value.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.title}
                  </option>
                ))}
            </select>
          </label>
          <p className="muted">Each annotation finds its passage by position, then by its quote, then approximately; any not found are kept as orphaned. If any annotation in the file is unusable, nothing is imported.</p>
          {progress && (
            <ProgressStatus
              name="Import progress"
              label={describeImportProgress(progress)}
              // Reading and the start of saving have no measure; anchoring counts annotations.
              {...(progress.phase === 'anchoring' || progress.done === progress.total ? { done: progress.done, total: progress.total } : {})}
            />
          )}
          {report && <ImportReport report={report} />}
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
