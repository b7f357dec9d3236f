// Export to CSV: the rows a filtered grid shows, or all of them; with a UTF-8 byte-order mark by
// default (Excel needs it to read accents, Hangul and emoji right).
import { useEffect, useState } from 'react';
import type { ExportKind } from '../../../electron/ipc/contract';
import { exportCsv } from '../client';
import { useNotices } from '../notices';
import { Modal } from './Modal';
import { ProgressStatus } from './ProgressStatus';

// An export asked for from the menu before its view has mounted (the view's code may still be
// loading) waits here until the view's Export button is on screen.
const requested = new Set<ExportKind>();

/** One row of each kind, for “Exported 1 note”. */
const ONE = { notes: 'note', annotations: 'annotation', facts: 'fact', entities: 'entity' } as const;

/** Opens the export dialog of the view showing `kind` (now if it is mounted, else when it mounts). */
export function requestExport(kind: ExportKind): void {
  requested.add(kind);
  window.dispatchEvent(new CustomEvent(`workbench:export-${kind}`));
}

export function ExportButton({ kind, label, shownIds, total }: { kind: ExportKind; label: string; shownIds: number[] | null; total: number }) {
  const notices = useNotices();
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<'shown' | 'all'>('shown');
  const [bom, setBom] = useState(true);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const filtered = shownIds !== null && shownIds.length < total;

  // File → Export Notes… in the desktop menu opens this dialog.
  useEffect(() => {
    const show = () => {
      requested.delete(kind);
      setOpen(true);
    };
    if (requested.has(kind)) show();
    window.addEventListener(`workbench:export-${kind}`, show);
    return () => window.removeEventListener(`workbench:export-${kind}`, show);
  }, [kind]);

  const run = async () => {
    setBusy(true);
    try {
      const ids = filtered && scope === 'shown' ? shownIds : undefined;
      setProgress(null);
      const result = await exportCsv({ kind, bom, ...(ids ? { ids } : {}) }, (done, all) => setProgress({ done, total: all }));
      setOpen(false);
      if (result.file) notices.notify('info', `Exported ${Number.isNaN(result.rows) ? kind : `${result.rows.toLocaleString()} ${result.rows === 1 ? ONE[kind] : kind}`} to ${result.file}.`);
    } catch (error) {
      notices.error(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} disabled={total === 0} title={total === 0 ? `No ${kind} to export yet` : `Export ${kind} to a CSV file`}>
        {label}…
      </button>
      {open && (
        <Modal
          title={`Export ${kind} to CSV`}
          onClose={() => setOpen(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setOpen(false)}>
                Cancel
              </button>
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void run()}>
                {busy ? 'Exporting…' : 'Export'}
              </button>
            </>
          }
        >
          {filtered ? (
            <fieldset className="choice">
              <legend>Which {kind}</legend>
              <label>
                <input type="radio" name="scope" checked={scope === 'shown'} onChange={() => setScope('shown')} /> {shownIds.length === 1 ? `The one ${kind.replace(/s$/, '')} shown` : `These ${shownIds.length.toLocaleString()} ${kind}`} (as filtered)
              </label>
              <label>
                <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> All {total.toLocaleString()} {kind}
              </label>
            </fieldset>
          ) : (
            <p>{total === 1 ? `The one ${kind.replace(/s$/, '')} will be exported.` : `All ${total.toLocaleString()} ${kind} will be exported.`}</p>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} /> Start with a UTF-8 byte-order mark (lets Excel read accents, Hangul and emoji)
          </label>
          {busy && progress && progress.total > 1000 && (
            <ProgressStatus name="Export progress" label={`${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} ${kind}`} done={progress.done} total={progress.total} />
          )}
          <p className="muted">
            Comma-separated, quoted where needed, one record per line (CRLF). Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
          </p>
        </Modal>
      )}
    </>
  );
}
