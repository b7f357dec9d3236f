// The typed client every view uses. It picks its transport once (Electron's preload bridge, or the
// HTTP host with this run's token) and no view ever knows which one it is on.
import type { ChannelName, Envelope, ErrorBody, ExportRequest, Input, Output } from '../../electron/ipc/contract';
import type { ExportResult, WorkbenchBridge } from '../../electron/ipc/bridge';
import { fileTooLarge, MAX_IMPORT_BYTES } from '../../common/importLimits';
import type { ImportProgress } from '../../common/progress';
import { downloadBlob } from './download';

export class WorkbenchError extends Error {
  readonly code: ErrorBody['code'];
  readonly field: string | undefined;
  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'WorkbenchError';
    this.code = body.code;
    this.field = body.field;
  }
}

declare global {
  interface Window {
    workbench?: WorkbenchBridge;
  }
}

const TOKEN_KEY = 'summit-workbench-token';
const NOT_ANSWERING = 'The workbench host is not answering. Check that `npm start` is still running, then try again.';

/** Takes the token from the address's fragment once, then keeps it for this tab only. */
function httpToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]!));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

type Transport = (channel: string, input: unknown, options?: CallOptions) => Promise<Envelope<unknown>>;

export interface CallOptions {
  /** Deliver the call even if the page is closing (saving a note as the window closes). */
  keepalive?: boolean;
}

function httpInvoke(): Transport {
  const token = httpToken();
  return async (channel, input, options) => {
    let response: Response;
    try {
      response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
        keepalive: options?.keepalive ?? false,
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: NOT_ANSWERING } };
    }
    try {
      return (await response.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'internal', message: `The workbench host answered with an error (${response.status}).` } };
    }
  };
}

const bridge = window.workbench;
export const transport: 'electron' | 'http' = bridge ? 'electron' : 'http';
// Electron's IPC message leaves at once, so it needs no keepalive to outlive a closing window.
const invoke: Transport = bridge ? (channel, input) => bridge.invoke(channel, input) : httpInvoke();

// Reads asked for early (the first screen's data, while the app's code loads). Each answer is used
// once, by the first identical call. All are dropped after a few seconds, and as soon as any other
// channel is called: that call may be a write, and deciding which channels only read would hang
// correctness on their names; a read that drops them only costs a request again.
const early = new Map<string, Promise<Envelope<unknown>>>();
const prefetched = new Set<string>();
const EARLY_FOR_MS = 10_000;

export function prefetch<C extends ChannelName>(channel: C, input: Input<C>): void {
  const key = `${channel} ${JSON.stringify(input)}`;
  if (early.has(key)) return;
  prefetched.add(channel);
  const answer = invoke(channel, input);
  answer.catch(() => {}); // an answer nobody uses must not be reported as unhandled
  early.set(key, answer);
  window.setTimeout(() => early.get(key) === answer && early.delete(key), EARLY_FOR_MS);
}

/**
 * The Undo of a notice about what was just done: `steps` actions, the newest of them the one just
 * recorded. Read at the time of the notice; when run, it takes them back only while they are still
 * the newest, and otherwise refuses with the reason, rather than undo something done since.
 */
export async function undoFor(steps = 1): Promise<() => Promise<void>> {
  // Never rejects: the notice is shown all the same, and its Undo says what went wrong if run.
  const state = await call('history.state', {}).catch((error: unknown) => error as Error);
  return async () => {
    if (state instanceof Error) throw state;
    await call('history.undo', state.undoId === null ? {} : { expect: state.undoId });
    for (let i = 1; i < steps; i++) await call('history.undo', {});
  };
}

/** Calls a channel; resolves with its typed result or rejects with a WorkbenchError. */
export async function call<C extends ChannelName>(channel: C, input: Input<C>, options?: CallOptions): Promise<Output<C>> {
  let answer: Promise<Envelope<unknown>> | undefined;
  if (!prefetched.has(channel)) early.clear();
  else if (early.size > 0) {
    const key = `${channel} ${JSON.stringify(input)}`;
    answer = early.get(key);
    early.delete(key);
  }
  const envelope = await (answer ?? invoke(channel, input, options));
  if (!envelope.ok) throw new WorkbenchError(envelope.error);
  return envelope.value as Output<C>;
}

export function onMenuCommand(listener: (command: string) => void): () => void {
  return bridge ? bridge.onMenuCommand(listener) : () => {};
}

/** The HTTP host's token for this tab (downloads need it; Electron has none). */
export function hostToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** Sends a body to one of the host's streaming endpoints; rejects with the host's reason if it refuses. */
async function hostStream(path: string, body: BodyInit, contentType: string, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${hostToken()}` }, body });
  } catch {
    throw new WorkbenchError({ code: 'internal', message: NOT_ANSWERING });
  }
  if (!response.ok) {
    const refusal = (await response.json().catch(() => null)) as Envelope<never> | null;
    throw new WorkbenchError(refusal && !refusal.ok ? refusal.error : { code: 'internal', message: `The ${what} failed (${response.status}).` });
  }
  return response;
}

/** What an envelope holds, or its error thrown. */
function unwrap<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new WorkbenchError(envelope.error);
  return envelope.value as T;
}

/**
 * Exports rows to CSV: through the save dialog on the desktop, as a download in the browser (the
 * host streams the file; the browser saves it to its downloads folder). Both report rows written.
 */
export async function exportCsv(request: ExportRequest, onProgress?: (done: number, total: number) => void): Promise<ExportResult> {
  if (bridge) return unwrap<ExportResult>(await bridge.exportCsv(request, onProgress && ((p) => onProgress(p.done, p.total))));
  const response = await hostStream('/api/export', JSON.stringify(request), 'application/json', 'export');
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `summit-${request.kind}.csv`;
  const rows = Number(response.headers.get('x-row-count') ?? Number.NaN);
  // Read as it streams, counting record ends, so a long export can show how far it has got.
  const chunks: Uint8Array[] = [];
  let lineEnds = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      for (let i = 0; i < value.length; i++) if (value[i] === 10) lineEnds++;
      if (!Number.isNaN(rows)) onProgress?.(Math.min(rows, Math.max(0, lineEnds - 1)), rows);
    }
  }
  downloadBlob(name, new Blob(chunks as BlobPart[], { type: 'text/csv' }));
  return { rows, file: name };
}

export type W3cImportReport = Output<'annotations.importW3c'>;

/**
 * Imports a file of W3C Web Annotations, telling how far it has got (reading, anchoring n of N,
 * saving). `documentId` is where annotations made in another tool go. All or nothing.
 */
export async function importW3c(file: File, documentId: number | null, onProgress: (progress: ImportProgress) => void): Promise<W3cImportReport> {
  if (file.size > MAX_IMPORT_BYTES) throw new WorkbenchError({ code: 'invalid_input', message: `${fileTooLarge(file.size)} Nothing was imported.` });
  if (bridge) {
    onProgress({ phase: 'reading', done: 0, total: 0 });
    return unwrap<W3cImportReport>(await bridge.importW3c({ text: await file.text(), ...(documentId ? { documentId } : {}) }, onProgress));
  }
  const response = await hostStream(`/api/import-w3c${documentId ? `?documentId=${documentId}` : ''}`, file, 'application/ld+json', 'import');
  // One JSON object per line: progress while it works, then the result.
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending += value;
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      const line = JSON.parse(pending.slice(0, end)) as ({ type: 'progress' } & ImportProgress) | ({ type: 'result' } & Envelope<W3cImportReport>);
      pending = pending.slice(end + 1);
      if (line.type === 'result') return unwrap<W3cImportReport>(line);
      onProgress(line);
    }
  }
  throw new WorkbenchError({ code: 'internal', message: 'The workbench host stopped answering during the import. Check the Annotations view to see whether the annotations arrived, then try again if they did not.' });
}
