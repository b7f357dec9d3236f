// Each channel as a plain function over the store. Nothing here knows about Electron or HTTP.
import type { z } from 'zod';
import { latestVersion } from '../../db/migrations';
import { listBackups } from '../../db/backup';
import { InputError } from '../../db/errors';
import { textFromFile, titleAndText } from '../../db/importText';
import { search } from '../../db/search';
import { exportW3c, importW3c } from '../../db/w3c';
import type { Store } from '../../db/store';
import type { ChannelName, Channels, Output } from './contract';

export type Handlers = { [C in ChannelName]: (input: z.output<Channels[C]['input']>) => Output<C> };

export interface HostInfo {
  version: string;
  dataDir: string;
  transport: 'electron' | 'http';
}

function titleFromFileName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ').trim() || 'Untitled article';
}

/** Backups and recovery, which outlive any one open store (see electron/session.ts). */
export interface Recovery {
  status(): Output<'app.status'>;
  listBackups(): Output<'backups.list'>;
  restore(name: string): Output<'backups.restore'>;
}

/** Without a session (tests, the command line) the store is open and a restore must go through the app. */
function fixedRecovery(host: HostInfo): Recovery {
  return {
    status: () => ({ state: 'ready' }),
    listBackups: () => listBackups(host.dataDir),
    restore: () => {
      throw new InputError('Restoring a backup needs the workbench app: use File → Restore from Backup… there.', 'name');
    },
  };
}

export function createHandlers(store: Store, host: HostInfo, recovery: Recovery = fixedRecovery(host)): Handlers {
  return {
    'app.status': () => recovery.status(),
    'backups.list': () => recovery.listBackups(),
    'backups.restore': ({ name }) => recovery.restore(name),
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
    'documents.import': ({ title, source, fileName, text, base64 }) => {
      // Pasted text is titled by its first line; a file, by its name.
      if (text !== undefined) return store.importDocument({ ...titleAndText(text, title), source: source ?? fileName });
      const article = titleAndText(textFromFile(fileName, Buffer.from(base64 ?? '', 'base64')), title, titleFromFileName(fileName));
      return store.importDocument({ ...article, source: source ?? fileName });
    },
    'documents.updateText': ({ id, text }) => store.updateDocumentText(id, text),
    'documents.describe': ({ id, ...patch }) => store.actions.describeDocument(id, patch),
    'documents.delete': ({ id }) => store.actions.deleteDocument(id),
    'entities.list': () => store.entities.list(),
    'entities.merge': ({ keepId, mergeId }) => store.actions.mergeEntities(keepId, mergeId),
    'entities.create': (input) => store.actions.createEntity(input),
    'entities.update': ({ id, ...patch }) => store.actions.updateEntity(id, patch),
    'entities.delete': ({ id }) => store.actions.deleteEntity(id),
    'mentions.list': ({ documentId }) => store.entities.mentions(documentId),
    'facts.list': ({ documentId }) => store.facts.list(documentId === undefined ? {} : { documentId }),
    'facts.page': (query) => store.facts.page(query),
    'facts.create': (input) => store.actions.createFact(input),
    'facts.update': ({ id, ...patch }) => store.actions.updateFact(id, patch),
    'facts.delete': ({ id }) => store.actions.deleteFact(id),
    'settings.get': ({ key }) => ({ value: store.settings.get(`ui:${key}`) }),
    'settings.set': ({ key, value }) => {
      store.settings.set(`ui:${key}`, value);
      return { key };
    },
    'codes.list': () => store.codes.list(),
    'annotations.list': ({ documentId }) => store.annotations.list(documentId === undefined ? {} : { documentId }),
    'annotations.get': ({ documentId, ids }) => store.annotations.listIds(documentId, ids),
    'annotations.spans': ({ documentId, since }) => store.annotations.spans(documentId, since),
    'annotations.create': (input) => store.actions.createAnnotation(input),
    'annotations.update': ({ id, ...patch }) => store.actions.updateAnnotation(id, patch),
    'annotations.delete': ({ id }) => store.actions.deleteAnnotation(id),
    'annotations.exportW3c': ({ documentId }) => {
      const collection = exportW3c(store, documentId === undefined ? {} : { documentId });
      return { json: `${JSON.stringify(collection, null, 2)}\n`, total: collection.total };
    },
    'annotations.importW3c': ({ text, documentId }) => importW3c(store, text, documentId === undefined ? {} : { documentId }),
    'codes.create': (input) => store.actions.createCode(input),
    'codes.update': ({ id, ...patch }) => store.actions.updateCode(id, patch),
    'codes.delete': ({ id }) => store.actions.deleteCode(id),
    search: ({ query, limit }) => search(store.db, query, limit),
    'history.state': () => store.history.state(),
    'history.undo': ({ expect }) => store.actions.undo(expect),
    'history.redo': () => store.actions.redo(),
    'notes.list': () => store.notes.list(),
    'notes.get': ({ id }) => store.notes.get(id),
    'notes.create': (input) => store.actions.createNote(input),
    'notes.update': ({ id, ...patch }) => store.actions.updateNote(id, patch),
    'notes.link': ({ id, kind, targetId }) => store.transaction(() => store.notes.link(id, kind, targetId)),
    'notes.unlink': ({ id, kind, targetId }) => store.transaction(() => store.notes.unlink(id, kind, targetId)),
    'notes.delete': ({ id }) => store.actions.deleteNote(id),
  };
}
