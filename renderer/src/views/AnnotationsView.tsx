import { useEffect } from 'react';
import { call } from '../client';
import { useAsync } from '../useAsync';
import { LoadState } from '../components/LoadState';
import { ViewHeader } from '../components/ViewHeader';
import { markReady } from '../ready';

export function AnnotationsView() {
  const annotations = useAsync(() => call('annotations.list', {}), 'annotations');
  useEffect(() => {
    if (annotations.status === 'ready') markReady();
  }, [annotations.status]);
  return (
    <div className="view">
      <ViewHeader title="Annotations" count={annotations.status === 'ready' ? annotations.value.length : undefined} />
      <LoadState state={annotations} what="annotations" retry={annotations.reload} />
      {annotations.status === 'ready' && annotations.value.length === 0 && (
        <div className="empty-state">
          <h2>No annotations yet</h2>
          <p>Coded passages of your articles will be listed here. Coding passages arrives in a coming version.</p>
        </div>
      )}
    </div>
  );
}
