import type { AsyncState } from '../useAsync';

/** What a view shows while its data loads or when loading failed. */
export function LoadState({ state, what, retry }: { state: AsyncState<unknown>; what: string; retry: () => void }) {
  if (state.status === 'loading') return <div className="loading">Loading {what}…</div>;
  if (state.status === 'error') {
    return (
      <div className="empty-state" role="alert">
        <h2>The {what} could not be loaded</h2>
        <p>{state.error.message}</p>
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      </div>
    );
  }
  return null;
}
