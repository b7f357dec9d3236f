// The typed client every view uses. It picks its transport once (Electron's preload bridge, or the
// HTTP host with this run's token) and no view ever knows which one it is on.
import type { ChannelName, Envelope, ErrorBody, Input, Invoke, Output } from '../../electron/ipc/contract';

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

function httpInvoke(): Invoke {
  const token = httpToken();
  return async (channel, input) => {
    let response: Response;
    try {
      response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
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
const invoke: Invoke = bridge ? bridge.invoke : httpInvoke();

/** Calls a channel; resolves with its typed result or rejects with a WorkbenchError. */
export async function call<C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> {
  const envelope = await invoke(channel, input);
  if (!envelope.ok) throw new WorkbenchError(envelope.error);
  return envelope.value as Output<C>;
}

export function onMenuCommand(listener: (command: string) => void): () => void {
  return bridge ? bridge.onMenuCommand(listener) : () => {};
}
