import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the browser host and the command line keep data when no folder is named. It is the folder
 * Electron's userData resolves to on Linux, so the desktop app and the browser host share one store.
 */
export function defaultDataDir(): string {
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'summit-workbench');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'summit-workbench');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'summit-workbench');
}
