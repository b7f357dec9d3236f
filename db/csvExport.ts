// Streaming CSV export of notes, annotations, facts and entities (RFC 4180, UTF-8 with BOM,
// CRLF records), written by csv-stringify with OWASP CSV-injection protection on every text cell.
// Rows come one at a time from better-sqlite3's iterate() and reading pauses whenever the
// destination is not draining, so memory stays flat however many rows there are.
import type { Database } from 'better-sqlite3';
import { stringify } from 'csv-stringify';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { InputError } from './errors';

export type ExportKind = 'notes' | 'annotations' | 'facts' | 'entities';

export const EXPORT_KINDS: readonly ExportKind[] = ['notes', 'annotations', 'facts', 'entities'];

export interface CsvOptions {
  /** Start the file with a UTF-8 byte-order mark so Excel reads it as UTF-8. Default true. */
  bom?: boolean;
  /** Export only these rows, in this order (e.g. the rows a filtered, sorted grid shows). Default: all rows, by id. */
  ids?: number[];
  /** Called every PROGRESS_EVERY rows and once at the end with the rows written so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

export const CSV_COLUMNS: Record<ExportKind, string[]> = {
  notes: ['id', 'title', 'body', 'codes', 'linked passages', 'linked facts', 'linked entities', 'document', 'created', 'updated'],
  annotations: ['id', 'document', 'start', 'end', 'quote', 'prefix', 'suffix', 'codes', 'comment', 'anchor', 'created', 'updated'],
  facts: ['id', 'subject', 'relation', 'object', 'time', 'place', 'source', 'reliability', 'credibility', 'status', 'grading note', 'document', 'evidence', 'created', 'updated'],
  entities: ['id', 'kind', 'name', 'aliases', 'role', 'affiliation', 'mentions', 'facts'],
};

export const PROGRESS_EVERY = 1000;

type Cell = string | number | null;
/** A result row in column order (statements run in raw mode: arrays, not objects). */
type Row = unknown[];

/** What a spreadsheet would run as a formula (or strip) when a cell starts with it: OWASP CSV injection. */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/** Prefixes a text cell that a spreadsheet would treat as a formula with a single quote. */
function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

// Each query selects exactly its CSV columns, in order, from `${from}`: the whole table (alias x),
// or json_each(@ids) joined to it when only some rows are wanted, in the order given. Linked
// values come from correlated subqueries over indexed columns, so one statement serves every row
// (no query per row).
interface Query {
  table: string;
  select: (from: string, orderBy: string) => string;
  /** Makes the row-to-cells function for one export; called inside the export's read snapshot. */
  cells: (db: Database) => (row: Row) => Cell[];
}

const asCells = () => (row: Row) => row as Cell[];

/** The names of a row's codes in codebook order, "; "-separated. */
const codeNames = (linkTable: string, key: string) =>
  `(SELECT group_concat(c.name, '; ' ORDER BY c.position, c.id) FROM ${linkTable} lc JOIN codes c ON c.id = lc.code_id WHERE lc.${key} = x.id)`;

/** One note link: target kind and id, the quote, "subject relation object" or name (null when the
 * target no longer exists), and the id of the passage's or fact's document. */
type LinkJson = ['annotation' | 'fact' | 'entity', number, string | null, number | null];

const queries: Record<ExportKind, Query> = {
  notes: {
    table: 'notes',
    select: (from, orderBy) => `
      SELECT x.id, x.title, x.body, ${codeNames('note_codes', 'note_id')} AS codes,
        (SELECT json_group_array(json_array(l.target_kind, l.target_id,
            CASE l.target_kind
              WHEN 'annotation' THEN a.exact
              WHEN 'fact' THEN fs.name || ' ' || f.relation || iif(coalesce(fo.name, f.object_text) = '', '', ' ' || coalesce(fo.name, f.object_text))
              ELSE e.name END,
            coalesce(a.document_id, f.document_id)) ORDER BY l.id)
          FROM note_links l
          LEFT JOIN annotations a ON l.target_kind = 'annotation' AND a.id = l.target_id
          LEFT JOIN facts f ON l.target_kind = 'fact' AND f.id = l.target_id
          LEFT JOIN entities fs ON fs.id = f.subject_id
          LEFT JOIN entities fo ON fo.id = f.object_id
          LEFT JOIN entities e ON l.target_kind = 'entity' AND e.id = l.target_id
          WHERE l.note_id = x.id) AS links,
        x.created, x.updated
      FROM ${from} ${orderBy}`,
    // Document titles come from one small map rather than a join per link: there are few documents,
    // and looking a title up for every link cost about a tenth of the time for 100,000 notes.
    cells: (db) => {
      const titles = new Map(db.prepare('SELECT id, title FROM documents').raw().all() as [number, string][]);
      return ([id, title, body, codes, links, created, updated]) => {
        const passages: string[] = [];
        const facts: string[] = [];
        const entities: string[] = [];
        const documents = new Set<string>();
        for (const [kind, targetId, text, documentId] of JSON.parse(links as string) as LinkJson[]) {
          const shown = text ?? `[deleted ${kind} ${targetId}]`;
          if (kind === 'annotation') passages.push(shown);
          else if (kind === 'fact') facts.push(shown);
          else entities.push(shown);
          const documentTitle = documentId === null ? undefined : titles.get(documentId);
          if (documentTitle !== undefined) documents.add(documentTitle);
        }
        return [
          id as number,
          title as string,
          body as string,
          codes as string | null,
          passages.join(' | '),
          facts.join(' | '),
          entities.join('; '),
          [...documents].join('; '),
          created as string,
          updated as string,
        ];
      };
    },
  },
  annotations: {
    table: 'annotations',
    select: (from, orderBy) => `
      SELECT x.id, d.title AS document, x.start, x.end, x.exact, x.prefix, x.suffix,
        ${codeNames('annotation_codes', 'annotation_id')} AS codes, x.comment, x.anchor, x.created, x.updated
      FROM ${from} LEFT JOIN documents d ON d.id = x.document_id ${orderBy}`,
    cells: asCells,
  },
  facts: {
    table: 'facts',
    select: (from, orderBy) => `
      SELECT x.id, s.name AS subject, x.relation, coalesce(o.name, x.object_text) AS object, x.time, p.name AS place,
        src.name AS source, x.reliability, x.credibility, x.status, x.grading_note, d.title AS document,
        x.evidence_exact, x.created, x.updated
      FROM ${from}
        LEFT JOIN entities s ON s.id = x.subject_id
        LEFT JOIN entities o ON o.id = x.object_id
        LEFT JOIN entities p ON p.id = x.place_id
        LEFT JOIN entities src ON src.id = x.source_id
        LEFT JOIN documents d ON d.id = x.document_id
      ${orderBy}`,
    cells: asCells,
  },
  entities: {
    table: 'entities',
    select: (from, orderBy) => `
      SELECT x.id, x.kind, x.name, x.aliases, x.role, a.name AS affiliation,
        (SELECT count(*) FROM mentions m WHERE m.entity_id = x.id) AS mentions,
        (SELECT count(*) FROM facts f WHERE f.subject_id = x.id OR f.source_id = x.id) AS facts
      FROM ${from} LEFT JOIN entities a ON a.id = x.affiliation_id ${orderBy}`,
    cells: () => (row) => {
      const cells = row as Cell[];
      cells[3] = (JSON.parse(cells[3] as string) as string[]).join('; ');
      return cells;
    },
  },
};

/** Resolves when a writable that returned false from write() wants more; rejects if it fails or closes first. */
function drained(stream: NodeJS.WritableStream & { destroyed: boolean; errored: Error | null }): Promise<void> {
  if (stream.destroyed) return Promise.reject(stream.errored ?? new Error('The export was stopped before it finished.'));
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(stream.errored ?? new Error('The export was stopped before it finished.'));
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

function queryFor(kind: ExportKind): Query {
  if (!Object.hasOwn(queries, kind)) throw new InputError(`Cannot export “${String(kind)}”: choose one of ${EXPORT_KINDS.join(', ')}.`, 'kind');
  return queries[kind];
}

function checkedIds(ids: readonly number[]): number[] {
  for (const id of ids) {
    if (!Number.isSafeInteger(id)) throw new InputError(`Cannot export row id ${String(id)}: ids must be whole numbers.`, 'ids');
  }
  return [...new Set(ids)];
}

/**
 * Writes the rows of `kind` as CSV to `out` and ends it; resolves once everything is written.
 * Rows are read with one statement through an open iterator: the export sees one consistent
 * snapshot, and the connection cannot write until it finishes (better-sqlite3 reports it busy).
 */
export async function exportCsv(db: Database, kind: ExportKind, out: NodeJS.WritableStream, options: CsvOptions = {}): Promise<{ rows: number }> {
  const query = queryFor(kind);
  const ids = options.ids === undefined ? undefined : JSON.stringify(checkedIds(options.ids));
  // With ids, CROSS JOIN keeps json_each as the outer loop, so rows stream out in the order given
  // (an ORDER BY j.key would make SQLite build and sort the whole result before the first row).
  const from = ids === undefined ? `${query.table} x` : `json_each(@ids) j CROSS JOIN ${query.table} x ON x.id = j.value`;
  const rowsStatement = db.prepare(query.select(from, ids === undefined ? 'ORDER BY x.id' : '')).raw();
  const countStatement = db.prepare(`SELECT count(*) AS n FROM ${from}`).pluck();
  const params = ids === undefined ? [] : [{ ids }];
  const { onProgress } = options;
  const stringifier = stringify({
    header: true,
    columns: CSV_COLUMNS[kind],
    bom: options.bom ?? true,
    record_delimiter: 'windows',
    // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone LF or CR,
    // which spreadsheets would still read as a new row: quote any line break.
    quoted_match: /[\r\n]/,
    // csv-stringify's own escape_formulas misses a leading line feed, so every text cell goes through neutralise.
    cast: { string: neutralise },
  });
  const written = pipeline(stringifier, out);
  written.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
  let done = 0;
  let failure: unknown;
  let iterator: IterableIterator<Row> | undefined;
  try {
    iterator = rowsStatement.iterate(...params) as IterableIterator<Row>;
    // The open iterator holds the read transaction, so the count sees the same snapshot.
    const first = iterator.next();
    const total = onProgress ? (countStatement.get(...params) as number) : 0;
    const toCells = query.cells(db);
    for (let step = first; !step.done; step = iterator.next()) {
      // Respect backpressure: stop reading rows until the destination has taken what it has.
      if (!stringifier.write(toCells(step.value))) await drained(stringifier);
      done++;
      if (onProgress && done % PROGRESS_EVERY === 0) onProgress(done, total);
    }
    if (onProgress && (done === 0 || done % PROGRESS_EVERY !== 0)) onProgress(done, total);
    stringifier.end();
  } catch (error) {
    failure = error;
    stringifier.destroy(error as Error);
  } finally {
    iterator?.return?.();
  }
  try {
    await written;
  } catch (error) {
    throw failure ?? error;
  }
  return { rows: done };
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'part of the path is not a folder',
  EISDIR: 'a folder has that name',
  EBUSY: 'the file is in use',
};

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code && REASONS[code]) || (error as Error).message;
}

function isFileSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/**
 * Exports to `file` through a temporary file in the same folder renamed into place, so the
 * file appears complete or not at all; on failure nothing is left behind and an existing file is kept.
 */
export async function exportCsvToFile(db: Database, kind: ExportKind, file: string, options: CsvOptions = {}): Promise<{ rows: number }> {
  queryFor(kind);
  if (options.ids) checkedIds(options.ids);
  const target = resolve(file);
  const folder = dirname(target);
  const temp = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temp, 'wx');
  } catch (error) {
    throw new Error(`Cannot write to ${folder}: ${reason(error)}. Choose another folder.`, { cause: error });
  }
  // The stream owns the handle: it flushes the file to disk and closes it when done or destroyed.
  const stream = handle.createWriteStream({ flush: true });
  try {
    const result = await exportCsv(db, kind, stream, options);
    if (!stream.closed) await once(stream, 'close');
    try {
      await rename(temp, target);
    } catch (error) {
      throw new Error(`Cannot save ${target}: ${reason(error)}. Close it if another program has it open, or choose another name.`, { cause: error });
    }
    return result;
  } catch (error) {
    if (!stream.closed) {
      stream.destroy();
      await once(stream, 'close').catch(() => undefined);
    }
    await rm(temp, { force: true }).catch(() => undefined);
    if (isFileSystemError(error)) throw new Error(`Cannot write to ${folder}: ${reason(error)}. Choose another folder.`, { cause: error });
    throw error;
  }
}
