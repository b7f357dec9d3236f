// W3C imports with progress, for both transports (the HTTP host streams progress lines, Electron
// sends progress messages): the request is checked against the contract, then the store imports
// in steps, saying how far it has got, and the outcome comes back as an envelope.
import type { z } from 'zod';
import type { ImportProgress } from '../common/progress';
import type { Store } from '../db/store';
import { importW3cInSteps } from '../db/w3c';
import { channels, type Envelope, type Output } from './ipc/contract';
import { describeIssues, failure, type DispatchOptions } from './ipc/dispatch';

const CHANNEL = 'annotations.importW3c';
const schema = channels[CHANNEL];

export type W3cImportRequest = z.output<typeof schema.input>;
export type W3cImportResult = Output<typeof CHANNEL>;

/** The request as annotations.importW3c takes it: the file's text and, optionally, the document for other tools' annotations. */
export function parseImportRequest(raw: unknown): { ok: true; request: W3cImportRequest } | { ok: false; error: Envelope<never> } {
  const parsed = schema.input.safeParse(raw);
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, error: { ok: false, error: describeIssues(parsed.error) } };
}

/** Imports in steps, passing on progress; never throws. `store` is null while the app is in recovery. */
export async function importW3cWithProgress(
  store: Store | null,
  request: W3cImportRequest,
  onProgress: (progress: ImportProgress) => void,
  options: DispatchOptions = {},
): Promise<Envelope<W3cImportResult>> {
  if (!store) return { ok: false, error: { code: 'unavailable', message: 'The store is not open; restore a backup first. Nothing was imported.' } };
  try {
    const value = await importW3cInSteps(store, request.text, { ...(request.documentId === undefined ? {} : { documentId: request.documentId }), onProgress });
    return { ok: true, value };
  } catch (error) {
    const result = failure(CHANNEL, error, options);
    if (result.error.code !== 'internal') options.onRefused?.(CHANNEL, result.error.message);
    return result;
  }
}
