// Each channel as a plain function over the store. Nothing here knows about Electron or HTTP.
import type { z } from 'zod';
import { latestVersion } from '../../db/migrations';
import type { Store } from '../../db/store';
import type { ChannelName, Channels, Output } from './contract';

export type Handlers = { [C in ChannelName]: (input: z.output<Channels[C]['input']>) => Output<C> };

export interface HostInfo {
  version: string;
  dataDir: string;
  transport: 'electron' | 'http';
}

export function createHandlers(store: Store, host: HostInfo): Handlers {
  return {
    'app.info': () => ({
      name: 'Summit Workbench',
      version: host.version,
      dataDir: host.dataDir,
      storeFile: store.file,
      schemaVersion: latestVersion,
      transport: host.transport,
    }),
    'documents.list': () => store.documents.list(),
    'documents.get': ({ id }) => store.documents.get(id),
    'entities.list': () => store.entities.list(),
    'mentions.list': ({ documentId }) => store.entities.mentions(documentId),
    'facts.list': ({ documentId }) => store.facts.list(documentId === undefined ? {} : { documentId }),
    'codes.list': () => store.codes.list(),
    'annotations.list': ({ documentId }) => store.annotations.list(documentId === undefined ? {} : { documentId }),
    'notes.list': () => store.notes.list(),
  };
}
