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

/** Fields whose name does not read well split into words. */
const FIELD_NAMES: Record<string, string> = {
  objectText: 'the object (in words)',
  body: 'the note’s text',
  time: 'the date',
  gradingNote: 'the grading note',
  color: 'the colour',
};

/** A field of the contract as a person reads it: subjectId → “the subject”. */
function fieldName(key: string): string {
  return FIELD_NAMES[key] ?? `the ${key.replace(/Ids?$/, (m) => (m === 'Ids' ? 's' : '')).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

/** What a value should have been, in words. */
const KINDS: Record<string, string> = { object: 'an object', array: 'a list', string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false' };

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * zod's own message for an issue, said in the analyst's words ("Too big: expected string to have
 * <=2000 characters" becomes "The object (in words) is too long: at most 2,000 characters.").
 * Null for a message the schema wrote itself, which is already in words.
 */
function inWords(issue: z.core.$ZodIssue, key: string | undefined): string | null {
  if (!/^(Too big|Too small|Invalid input|Invalid option|Unrecognized key)/.test(issue.message)) return null;
  const name = capital(key ? fieldName(key) : 'the request');
  const count = (n: number | bigint) => Number(n).toLocaleString('en');
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `${name} is too long: at most ${count(issue.maximum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${name} has too many entries: at most ${count(issue.maximum)}`;
      return `${name} is too large: at most ${count(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `${name} is empty` : `${name} is too short: at least ${count(issue.minimum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${name} needs at least ${count(issue.minimum)}`;
      // A reference (subjectId, sourceId…) that is not a stored record's id: nothing was chosen.
      if (key && /Id$|^id$/.test(key)) return `${name} is not one the workbench holds: choose it from the list`;
      return `${name} is too small: at least ${count(issue.minimum)}`;
    case 'invalid_type':
      return issue.input === undefined ? `${name} is missing` : `${name} should be ${KINDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `${name} must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `The request has fields this call does not take: ${issue.keys.join(', ')}`;
    default:
      return null;
  }
}

export function describeIssues(error: z.ZodError): ErrorBody {
  const first = error.issues[0];
  const field = first?.path.map(String).join('.') || undefined;
  const key = first?.path.findLast((p) => typeof p === 'string');
  // The schema's own words, written for the analyst ("A fact needs a relation…"), as they are:
  // the field goes with the error for the view to mark, not into the sentence. zod's defaults are
  // put in words instead, which name the field; one left bare says which field it means.
  const words = first ? inWords(first, key) : null;
  const own = first && first.message !== 'Invalid input' ? first.message.replace(/\.$/, '') : null;
  const reason = words ?? own ?? `Invalid input${field ? ` (${field})` : ''}`;
  const message = `${reason}. Nothing was changed.`;
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
  const parsed = spec.input.safeParse(input, { reportInput: true }); // the value is in each issue: "missing" or "wrong kind"
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
