// CSV exports for both transports: the request is checked against the contract, then rows stream
// from the store to a file (desktop, through the save dialog) or to an HTTP download (browser).
import type { Writable } from 'node:stream';
import { exportCsv, exportCsvToFile } from '../db/csvExport';
import type { Store } from '../db/store';
import type { Envelope, ExportProgress, ExportResult } from './ipc/bridge';
import { exportRequest, type ExportRequest } from './ipc/contract';

export function parseExportRequest(raw: unknown): { ok: true; request: ExportRequest } | { ok: false; error: Envelope<never> } {
  const parsed = exportRequest.safeParse(raw);
  if (parsed.success) return { ok: true, request: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: { ok: false, error: { code: 'invalid_input', message: `The export request was refused: ${issue?.message ?? 'malformed'} (${issue?.path.join('.') || 'request'}). Nothing was written.` } } };
}

/** summit-notes-2026-11-28.csv */
export function exportFileName(kind: ExportRequest['kind'], date = new Date()): string {
  return `summit-${kind}-${date.toISOString().slice(0, 10)}.csv`;
}

function options(request: ExportRequest) {
  return { ...(request.ids ? { ids: request.ids } : {}), bom: request.bom ?? true };
}

export async function streamExport(store: Store, request: ExportRequest, out: Writable): Promise<{ rows: number }> {
  const reader = store.openReader();
  try {
    return await exportCsv(reader, request.kind, out, options(request));
  } finally {
    reader.close();
  }
}

/** Exports to a file (the desktop's save dialog chose it), reporting rows written; never throws. */
export async function exportToFile(store: Store, request: ExportRequest, file: string, onProgress?: (progress: ExportProgress) => void): Promise<Envelope<ExportResult>> {
  try {
    const reader = store.openReader();
    try {
      const { rows } = await exportCsvToFile(reader, request.kind, file, { ...options(request), ...(onProgress ? { onProgress: (done, total) => onProgress({ done, total }) } : {}) });
      return { ok: true, value: { rows, file } };
    } finally {
      reader.close();
    }
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: (error as Error).message } };
  }
}

const TABLES = { notes: 'notes', annotations: 'annotations', facts: 'facts', entities: 'entities' } as const;

/** How many rows an export will hold, known before the first byte is sent. */
export function countRows(store: Store, request: ExportRequest): number {
  const table = TABLES[request.kind];
  if (request.ids) return (store.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).get(JSON.stringify(request.ids)) as { n: number }).n;
  return (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
