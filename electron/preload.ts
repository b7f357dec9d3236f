// The renderer's only door to the main process: one typed invoke, a CSV export through the save
// dialog and a W3C import (both reporting progress), and menu commands coming back.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ELECTRON_EXPORT, ELECTRON_IMPORT_W3C, ELECTRON_INVOKE, ELECTRON_MENU, ELECTRON_PROGRESS, type Envelope, type WorkbenchBridge } from './ipc/bridge';

let calls = 0;

/** Calls a long-running channel, passing on the progress the main process sends for this call. */
function withProgress<T, P>(channel: string, request: unknown, onProgress: ((progress: P) => void) | undefined): Promise<Envelope<T>> {
  const call = ++calls;
  const listener = (_event: IpcRendererEvent, callId: unknown, progress: P) => {
    if (callId === call) onProgress?.(progress);
  };
  ipcRenderer.on(ELECTRON_PROGRESS, listener);
  return (ipcRenderer.invoke(channel, call, request) as Promise<Envelope<T>>).finally(() => ipcRenderer.off(ELECTRON_PROGRESS, listener));
}

const bridge = {
  invoke: (channel, input) => ipcRenderer.invoke(ELECTRON_INVOKE, channel, input),
  exportCsv: (request, onProgress) => withProgress(ELECTRON_EXPORT, request, onProgress),
  importW3c: (request, onProgress) => withProgress(ELECTRON_IMPORT_W3C, request, onProgress),
  onMenuCommand(listener) {
    const wrapped = (_event: IpcRendererEvent, command: unknown) => {
      if (typeof command === 'string') listener(command);
    };
    ipcRenderer.on(ELECTRON_MENU, wrapped);
    return () => ipcRenderer.off(ELECTRON_MENU, wrapped);
  },
} satisfies WorkbenchBridge;

contextBridge.exposeInMainWorld('workbench', bridge);
