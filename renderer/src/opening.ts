// What the first screen needs, asked for while the app's code is still loading: the store's state,
// the documents, and the last-read article with its annotations, facts and codes.
import { prefetch } from './client';

/** Where the last-read document's id is kept between sessions. */
export const DOC_KEY = 'summit-workbench.document';

export function prefetchOpening(): void {
  prefetch('app.status', {});
  prefetch('documents.list', {});
  prefetch('history.state', {});
  const id = Number(localStorage.getItem(DOC_KEY)) || null;
  if (id === null) return;
  prefetch('codes.list', {});
  prefetch('facts.list', { documentId: id });
  prefetch('documents.get', { id });
  prefetch('annotations.spans', { documentId: id });
}
