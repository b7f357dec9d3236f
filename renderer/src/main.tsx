// The entry point is kept small: it asks for the app's code and, at once, for the first screen's
// data, so both load together (the grids and the notes editor load later, when first used).
import '@fontsource-variable/inter';
import '@fontsource-variable/source-serif-4';
import './styles.css';
import { prefetchOpening } from './opening';

const app = import('./boot');
prefetchOpening();
void app.then(({ boot }) => boot(document.getElementById('root')!));
