// Validates a call against the contract, runs its handler, and turns every failure into a typed
// error a person can read. Both transports (Electron IPC and the HTTP host) call only this.
import { z } from 'zod';
import { InputError, NotFoundError, UnavailableError } from '../../db/errors';
import { channels, isChannel, type Envelope, type ErrorBody } from './contract';
import type { Handlers } from './handlers';

export interface DispatchOptions {
  /** Also check each handler's result against the contract (tests turn this on). */
  checkOutput?: boolean;
  /** Where unexpected failures are reported (a log file in the app). */
  onInternalError?: (channel: string, error: unknown) => void;
  /** Where refused requests are noted, so a bug report's log shows what the person met. */
  onRefused?: (channel: string, message: string) => void;
}

export function describeIssues(error: z.ZodError): ErrorBody {
  const first = error.issues[0];
  const field = first?.path.map(String).join('.') || undefined;
  const where = field ? ` (${field})` : '';
  // The schema's own words first (most are written for the analyst: "A fact needs a relation…"),
  // then the field they are about; a schema's message written as a sentence keeps one full stop.
  const reason = (first?.message ?? 'Invalid input').replace(/\.$/, '');
  const message = `${reason}${where}. Nothing was changed.`;
  return field ? { code: 'invalid_input', message, field } : { code: 'invalid_input', message };
}

export function dispatch(handlers: Handlers, channel: unknown, input: unknown, options: DispatchOptions = {}): Envelope<unknown> {
  const result = run(handlers, channel, input, options);
  if (!result.ok && result.error.code !== 'internal') options.onRefused?.(String(channel).slice(0, 80), result.error.message);
  return result;
}

function run(handlers: Handlers, channel: unknown, input: unknown, options: DispatchOptions): Envelope<unknown> {
  if (!isChannel(channel)) {
    const shown = typeof channel === 'string' ? `“${channel.slice(0, 80)}”` : 'without a name';
    return { ok: false, error: { code: 'unknown_channel', message: `The request ${shown} is not one the workbench knows. Nothing was changed.` } };
  }
  const spec = channels[channel];
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = handler(parsed.data);
    if (options.checkOutput) spec.output.parse(value);
    return { ok: true, value };
  } catch (error) {
    return failure(channel, error, options);
  }
}

/** A handler's failure as the typed error a person reads; unexpected ones go to the log. */
export function failure(channel: string, error: unknown, options: DispatchOptions = {}): { ok: false; error: ErrorBody } {
  if (error instanceof InputError) {
    const body: ErrorBody = { code: 'invalid_input', message: `${error.message} Nothing was changed.` };
    if (error.field) body.field = error.field;
    return { ok: false, error: body };
  }
  if (error instanceof NotFoundError) return { ok: false, error: { code: 'not_found', message: error.message } };
  if (error instanceof UnavailableError) return { ok: false, error: { code: 'unavailable', message: error.message } };
  options.onInternalError?.(channel, error);
  return {
    ok: false,
    error: { code: 'internal', message: `Something went wrong (${(error as Error)?.message ?? String(error)}). Nothing was changed; if it happens again, send the log file in your data folder with a bug report.` },
  };
}
