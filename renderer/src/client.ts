// The typed client every view uses. It picks its transport once (Electron's preload bridge, or the
// HTTP host with this run's token) and no view ever knows which one it is on.
import type { ChannelName, Envelope, ErrorBody, ExportRequest, Input, Invoke, Output } from '../../electron/ipc/contract';
import type { ExportResult } from '../../electron/ipc/bridge';
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

interface Bridge {
  invoke: Invoke;
  exportCsv(request: unknown): Promise<Envelope<ExportResult>>;
  onMenuCommand(listener: (command: string) => void): () => void;
}

declare global {
  interface Window {
    workbench?: Bridge;
  }
}

const TOKEN_KEY = 'summit-workbench-token';

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
      return { ok: false, error: { code: 'internal', message: 'The workbench host is not answering. Check that `npm start` is still running, then try again.' } };
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
// once, by the first identical call, and all are dropped as soon as anything is written or after a
// few seconds, so a view never shows an answer older than a change it made.
const early = new Map<string, Promise<Envelope<unknown>>>();
const READ = /\.(get|list|page|spans|status|state)$/;
const EARLY_FOR_MS = 10_000;

export function prefetch<C extends ChannelName>(channel: C, input: Input<C>): void {
  const key = `${channel} ${JSON.stringify(input)}`;
  if (early.has(key)) return;
  const answer = invoke(channel, input);
  answer.catch(() => {}); // an answer nobody uses must not be reported as unhandled
  early.set(key, answer);
  window.setTimeout(() => early.get(key) === answer && early.delete(key), EARLY_FOR_MS);
}

/** Calls a channel; resolves with its typed result or rejects with a WorkbenchError. */
export async function call<C extends ChannelName>(channel: C, input: Input<C>, options?: CallOptions): Promise<Output<C>> {
  let answer: Promise<Envelope<unknown>> | undefined;
  if (!READ.test(channel)) early.clear();
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

/**
 * Exports rows to CSV: through the save dialog on the desktop, as a download in the browser (the
 * host streams the file; the browser saves it to its downloads folder).
 */
export async function exportCsv(request: ExportRequest, onProgress?: (done: number, total: number) => void): Promise<ExportResult> {
  if (bridge) {
    const envelope = await bridge.exportCsv(request);
    if (!envelope.ok) throw new WorkbenchError(envelope.error);
    return envelope.value;
  }
  let response: Response;
  try {
    response = await fetch('/api/export', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hostToken()}` },
      body: JSON.stringify(request),
    });
  } catch {
    throw new WorkbenchError({ code: 'internal', message: 'The workbench host is not answering. Check that `npm start` is still running, then try again.' });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as Envelope<never> | null;
    throw new WorkbenchError(body && !body.ok ? body.error : { code: 'internal', message: `The export failed (${response.status}).` });
  }
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
