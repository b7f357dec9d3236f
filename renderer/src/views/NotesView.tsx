import { useEffect } from 'react';
import { call } from '../client';
import { useAsync } from '../useAsync';
import { LoadState } from '../components/LoadState';
import { ViewHeader } from '../components/ViewHeader';
import { markReady } from '../ready';

export function NotesView() {
  const notes = useAsync(() => call('notes.list', {}), 'notes');
  useEffect(() => {
    if (notes.status === 'ready') markReady();
  }, [notes.status]);
  return (
    <div className="view">
      <ViewHeader title="Notes" count={notes.status === 'ready' ? notes.value.length : undefined} />
      <LoadState state={notes} what="notes" retry={notes.reload} />
      {notes.status === 'ready' && notes.value.length === 0 && (
        <div className="empty-state">
          <h2>No notes yet</h2>
          <p>Notes linked to passages, facts and entities will be listed here. Writing notes arrives in a coming version.</p>
        </div>
      )}
    </div>
  );
}
