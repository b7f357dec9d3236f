// Backups: the recovery screen a damaged store opens on, and File → Restore from Backup….
import { useState } from 'react';
import type { Output } from '../../../electron/ipc/contract';
import { call } from '../client';
import { formatTimestamp } from '../format';
import { useAsync } from '../useAsync';
import { Modal } from './Modal';

type Backup = Output<'backups.list'>[number];

/** Backups are a start apart, often less than a minute: to the second. */
function when(iso: string): string {
  return formatTimestamp(iso, { seconds: true });
}

function BackupList({ backups, onRestored }: { backups: Backup[]; onRestored: (message: string) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (backups.length === 0) return <p className="muted">There are no backups yet. The workbench takes one each time it starts.</p>;
  const restore = async (name: string) => {
    setBusy(name);
    setError(null);
    try {
      const { keptAside } = await call('backups.restore', { name });
      onRestored(keptAside ? `Restored the backup of ${when(backups.find((b) => b.name === name)!.created)}. The store it replaced was kept as ${keptAside} in the data folder.` : 'Backup restored.');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(null);
    }
  };
  return (
    <>
      <ul className="backup-list" aria-label="Backups">
        {backups.map((b) => (
          <li key={b.name} className="backup-item">
            <span className="backup-when">{when(b.created)}</span>
            <span className="muted">{(b.bytes / 1024).toFixed(0)} KB</span>
            <button type="button" className="button" disabled={busy !== null} onClick={() => void restore(b.name)} aria-label={`Restore the backup of ${when(b.created)}`}>
              {busy === b.name ? 'Restoring…' : 'Restore'}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function RecoveryScreen({ problem, dataDir, backups, onRestored }: { problem: string; dataDir: string; backups: Backup[]; onRestored: (message: string) => void }) {
  return (
    <div className="recovery" role="main">
      <div className="recovery-card">
        <span className="brand-mark" aria-hidden="true" />
        <h1>Your store needs attention</h1>
        <p className="recovery-problem" role="alert">
          {problem}
        </p>
        <p>
          Nothing has been changed or deleted. The damaged file stays in <code>{dataDir}</code>; restoring a backup puts it aside under a new name, so it can still be sent for
          recovery. Choose the backup to go back to:
        </p>
        <BackupList backups={backups} onRestored={onRestored} />
      </div>
    </div>
  );
}

export function BackupsDialog({ onClose, onRestored }: { onClose: () => void; onRestored: (message: string) => void }) {
  const backups = useAsync(() => call('backups.list', {}), 'backups');
  return (
    <Modal
      title="Restore from backup"
      onClose={onClose}
      footer={
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <p>The workbench keeps the last five backups, one from each start. Restoring replaces what you have now; the current store is kept aside in the data folder, never deleted.</p>
      {backups.status === 'loading' && <p className="muted">Loading…</p>}
      {backups.status === 'error' && <p className="field-error">{backups.error.message}</p>}
      {backups.status === 'ready' && <BackupList backups={backups.value} onRestored={onRestored} />}
    </Modal>
  );
}
