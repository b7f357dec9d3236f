// What the sandboxed preload shares with both sides. It must import nothing (a sandboxed preload
// can require only 'electron'), so these live apart from the zod contract.

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

/** What an export reports back: rows written and where (null when the person cancelled). */
export interface ExportResult {
  rows: number;
  file: string | null;
}
