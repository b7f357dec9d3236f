// The entry point is kept small: it asks for the first screen's data at once, while the app's code
// (preloaded from index.html, see electron.vite.config.ts) finishes loading; the grids and the
// notes editor load later, when first used.
import '@fontsource-variable/inter';
import '@fontsource-variable/source-serif-4';
import './styles.css';
import { formatDay } from './format';
import { prefetchOpening } from './opening';

const app = import('./boot');
prefetchOpening();
// The article header formats a date and numbers; setting up Intl takes tens of milliseconds the
// first time, spent here while the page waits for the network anyway.
formatDay(new Date(0).toISOString());
(0).toLocaleString();
void app.then(({ boot }) => boot(document.getElementById('root')!));
