// What the sandboxed preload shares with both sides. It must import nothing at run time (a
// sandboxed preload can require only 'electron'; type imports vanish), so these live apart from
// the zod contract.
import type { ExportProgress, ImportProgress } from '../../common/progress';

export type { ExportProgress, ImportProgress };

export const ERROR_CODES = ['invalid_input', 'not_found', 'unknown_channel', 'forbidden', 'unavailable', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  /** A sentence for a person: what went wrong and what to do. */
  message: string;
  /** The input field at fault, when there is one (a grid shows the message at that cell). */
  field?: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** The single function both transports provide: Electron's preload and the HTTP host. */
export type Invoke = (channel: string, input: unknown) => Promise<Envelope<unknown>>;

/** The Electron IPC channels; the app's own channels travel inside ELECTRON_INVOKE. */
export const ELECTRON_INVOKE = 'workbench:invoke';
export const ELECTRON_MENU = 'workbench:menu';
/** Asks the main process to export CSV through a save dialog. */
export const ELECTRON_EXPORT = 'workbench:export';
/** Asks the main process to import W3C Web Annotations (annotations.importW3c's input). */
export const ELECTRON_IMPORT_W3C = 'workbench:import-w3c';
/** Progress of an export or import, sent to the page that asked, with the number it gave the call. */
export const ELECTRON_PROGRESS = 'workbench:progress';

/** What an export reports back: rows written and where (null when the person cancelled). */
export interface ExportResult {
  rows: number;
  file: string | null;
}

/** What the preload exposes as window.workbench. */
export interface WorkbenchBridge {
  invoke: Invoke;
  exportCsv(request: unknown, onProgress?: (progress: ExportProgress) => void): Promise<Envelope<ExportResult>>;
  importW3c(request: unknown, onProgress?: (progress: ImportProgress) => void): Promise<Envelope<unknown>>;
  onMenuCommand(listener: (command: string) => void): () => void;
}
