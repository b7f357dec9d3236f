// The renderer's only door to the main process: one typed invoke, a CSV export through the save
// dialog, and menu commands coming back.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ELECTRON_EXPORT, ELECTRON_INVOKE, ELECTRON_MENU, type Envelope, type ExportResult, type Invoke } from './ipc/bridge';

export interface WorkbenchBridge {
  invoke: Invoke;
  exportCsv(request: unknown): Promise<Envelope<ExportResult>>;
  onMenuCommand(listener: (command: string) => void): () => void;
}

const bridge = {
  invoke: (channel, input) => ipcRenderer.invoke(ELECTRON_INVOKE, channel, input),
  exportCsv: (request) => ipcRenderer.invoke(ELECTRON_EXPORT, request),
  onMenuCommand(listener) {
    const wrapped = (_event: IpcRendererEvent, command: unknown) => {
      if (typeof command === 'string') listener(command);
    };
    ipcRenderer.on(ELECTRON_MENU, wrapped);
    return () => ipcRenderer.off(ELECTRON_MENU, wrapped);
  },
} satisfies WorkbenchBridge;

contextBridge.exposeInMainWorld('workbench', bridge);
