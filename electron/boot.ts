// Opens a data folder as the workbench: the store (migrated), first-start seeding, the handlers.
// The desktop app, the browser host and the command line all start through here.
import { Store } from '../db/store';
import { loadSeed, seedStore } from '../db/seed';
import { createHandlers, type Handlers, type HostInfo, type Recovery } from './ipc/handlers';
import { openLog, type Log } from './log';
import { resourcesDir } from './paths';
import pkg from '../package.json';

export const APP_VERSION: string = pkg.version;

export interface Workbench {
  store: Store;
  handlers: Handlers;
  log: Log;
  dataDir: string;
}

export function openWorkbench(options: { dataDir: string; transport: HostInfo['transport']; nativeBinding?: string; seed?: boolean }, recovery?: Recovery): Workbench {
  const log = openLog(options.dataDir);
  let store: Store;
  try {
    store = Store.open(options.dataDir, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    log.error('Could not open the store', error);
    throw error;
  }
  if (options.seed !== false) {
    try {
      if (seedStore(store, loadSeed(resourcesDir()))) log.info('Seeded a new store with the summit article, its facts and the codebook');
    } catch (error) {
      log.error('Could not seed the store', error);
      store.close();
      throw error;
    }
  }
  log.info(`Opened ${store.file} (${options.transport})`);
  const host = { version: APP_VERSION, dataDir: options.dataDir, transport: options.transport };
  return { store, handlers: createHandlers(store, host, recovery), log, dataDir: options.dataDir };
}
