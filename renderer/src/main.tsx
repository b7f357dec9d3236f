// The entry point is kept small: it asks for the first screen's data at once, while the app's code
// (preloaded from index.html, see electron.vite.config.ts) finishes loading; the grids and the
// notes editor load later, when first used.
import '@fontsource-variable/inter';
import '@fontsource-variable/source-serif-4';
import './styles.css';
import { prefetchOpening } from './opening';

const app = import('./boot');
prefetchOpening();
void app.then(({ boot }) => boot(document.getElementById('root')!));
