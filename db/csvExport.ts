// Streaming CSV export of notes, annotations, facts and entities (RFC 4180, UTF-8 with BOM,
// CRLF records), written by csv-stringify with OWASP CSV-injection protection on every text cell.
// Rows come one at a time from better-sqlite3's iterate(), are formatted a hundred at a time and
// reading pauses whenever the destination is not draining, so memory stays flat however many
// rows there are.
import type { Database } from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
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

// Each query selects its CSV columns, in order, from `${from}`: the whole table (alias x), or
// json_each(@ids) joined to it when only some rows are wanted, in the order given. Linked values
// come from correlated subqueries over indexed columns, so one statement serves every row (no
// query per row). Notes differ: `cells` adds their four link and document columns, reading the
// links of each batch of rows at once and naming each target once (see below).
interface Query {
  table: string;
  /** `ids` is set when only some rows are exported, in the order given rather than by id. */
  select: (from: string, orderBy: string, ids: boolean) => string;
  /** Makes the rows-to-cells function for one export; called inside the export's read snapshot. */
  cells: (db: Database, ids: boolean) => RowCells;
}

/** Turns a batch of result rows into their CSV cells; close() ends any reads it keeps open. */
interface RowCells {
  cells: (rows: Row[]) => Cell[][];
  close: () => void;
}

const nothingToClose = () => undefined;
const asCells = (): RowCells => ({ cells: (rows) => rows as Cell[][], close: nothingToClose });

/** The names of a row's codes in codebook order, "; "-separated. */
const codeNames = (linkTable: string, key: string) =>
  `(SELECT group_concat(c.name, '; ' ORDER BY c.position, c.id) FROM ${linkTable} lc JOIN codes c ON c.id = lc.code_id WHERE lc.${key} = x.id)`;

// Notes' links. Many notes link the same few passages, facts and entities, so rather than join
// every link to its target (five lookups per link, which made up most of the export's time), each
// note lists only its links' order, kind and target id, and each target is named once, when a
// link first meets it, and kept for the links after it. Up to LINK_TARGETS_IN_MEMORY targets are
// kept, so memory stays bounded; past that, all are forgotten and named again as they are met.
export const LINK_TARGETS_IN_MEMORY = 10_000;

const LINK_KINDS = ['annotation', 'fact', 'entity'] as const;

/** [text, document title]: the passage's quote, the fact's "subject relation object", the entity's name; text null when the target was deleted. */
type LinkTarget = [string | null, string | null];
const DELETED: LinkTarget = [null, null];

/** One statement per link kind, naming a target by id as [text, title]. */
const LINK_TARGET_SQL = [
  'SELECT a.exact, d.title FROM annotations a LEFT JOIN documents d ON d.id = a.document_id WHERE a.id = ?',
  `SELECT fs.name || ' ' || f.relation || iif(coalesce(fo.name, f.object_text) = '', '', ' ' || coalesce(fo.name, f.object_text)), d.title
   FROM facts f LEFT JOIN entities fs ON fs.id = f.subject_id LEFT JOIN entities fo ON fo.id = f.object_id LEFT JOIN documents d ON d.id = f.document_id
   WHERE f.id = ?`,
  'SELECT e.name, NULL FROM entities e WHERE e.id = ?',
];

/** Names link targets for one export, remembering up to LINK_TARGETS_IN_MEMORY of them. */
function linkTargetNamer(db: Database): (kind: number, id: number) => LinkTarget {
  const statements = LINK_TARGET_SQL.map((sql) => db.prepare(sql).raw());
  const known = LINK_KINDS.map(() => new Map<number, LinkTarget>());
  let size = 0;
  return (kind, id) => {
    const seen = known[kind]!.get(id);
    if (seen) return seen;
    if (size === LINK_TARGETS_IN_MEMORY) {
      for (const map of known) map.clear();
      size = 0;
    }
    const found = (statements[kind]!.get(id) as LinkTarget | undefined) ?? DELETED;
    known[kind]!.set(id, found);
    size++;
    return found;
  };
}

/**
 * The links of a batch of notes as "note id,order,kind,target id,…" (kind 0 annotation, 1 fact,
 * 2 entity), in no particular order: one string per batch rather than one per note. When every
 * note is exported, in id order, a batch is a range of ids; chosen notes are listed by id.
 */
const LINK_FIELDS = `l.note_id || ',' || l.id || ',' || (CASE l.target_kind WHEN 'annotation' THEN 0 WHEN 'fact' THEN 1 ELSE 2 END) || ',' || l.target_id`;
const LINKS_OF_RANGE = `SELECT group_concat(${LINK_FIELDS}) FROM note_links l WHERE l.note_id BETWEEN ? AND ?`;
const LINKS_OF_IDS = `SELECT group_concat(${LINK_FIELDS}) FROM json_each(?) j JOIN note_links l ON l.note_id = j.value`;

// Reused from batch to batch: arrays per link showed in the profile.
const linkNote: number[] = []; // the note's place in its batch
const linkOrder: number[] = [];
const linkKind: number[] = [];
const linkTargetId: number[] = [];
const linkFound: LinkTarget[] = [];

type Namer = (kind: number, id: number) => LinkTarget;

/** Puts one link into the scratch arrays at n, naming its target; false if its note is not in the batch. */
function putLink(n: number, noteId: number, order: number, kind: number, targetId: number, places: ReadonlyMap<number, number>, name: Namer): boolean {
  const place = places.get(noteId);
  if (place === undefined) return false;
  linkNote[n] = place;
  linkOrder[n] = order;
  linkKind[n] = kind;
  linkTargetId[n] = targetId;
  linkFound[n] = name(kind, targetId);
  return true;
}

/** Reads a batch's links string into the scratch arrays; returns how many links there are. */
function readLinks(links: string, places: ReadonlyMap<number, number>, name: Namer): number {
  let n = 0;
  let field = 0;
  let value = 0;
  let noteId = 0;
  let order = 0;
  let kind = 0;
  for (let i = 0; i <= links.length; i++) {
    const c = i < links.length ? links.charCodeAt(i) : 0x2c;
    if (c >= 0x30 && c <= 0x39) value = value * 10 + (c - 0x30);
    else if (c !== 0x2c) return readLinksSlowly(links, places, name); // a number that is not a plain whole number
    else {
      if (field === 0) noteId = value;
      else if (field === 1) order = value;
      else if (field === 2) kind = value;
      else if (putLink(n, noteId, order, kind, value, places, name)) n++;
      field = (field + 1) & 3;
      value = 0;
    }
  }
  return n;
}

function readLinksSlowly(links: string, places: ReadonlyMap<number, number>, name: Namer): number {
  const values = links.split(',').map(Number);
  let n = 0;
  for (let i = 0; i + 3 < values.length; i += 4) {
    if (putLink(n, values[i]!, values[i + 1]!, values[i + 2]!, values[i + 3]!, places, name)) n++;
  }
  return n;
}

/**
 * Sorts the scratch arrays' first n entries by note, then link order. Insertion sort: the links
 * come grouped by note already, and a note has few.
 */
function sortLinks(n: number): void {
  for (let i = 1; i < n; i++) {
    const note = linkNote[i]!;
    const order = linkOrder[i]!;
    const after = (j: number) => linkNote[j]! > note || (linkNote[j] === note && linkOrder[j]! > order);
    if (!after(i - 1)) continue;
    const kind = linkKind[i]!;
    const targetId = linkTargetId[i]!;
    const found = linkFound[i]!;
    let j = i - 1;
    for (; j >= 0 && after(j); j--) {
      linkNote[j + 1] = linkNote[j]!;
      linkOrder[j + 1] = linkOrder[j]!;
      linkKind[j + 1] = linkKind[j]!;
      linkTargetId[j + 1] = linkTargetId[j]!;
      linkFound[j + 1] = linkFound[j]!;
    }
    linkNote[j + 1] = note;
    linkOrder[j + 1] = order;
    linkKind[j + 1] = kind;
    linkTargetId[j + 1] = targetId;
    linkFound[j + 1] = found;
  }
}

/** Fills a note's passages, facts, entities and documents cells from its links, scratch entries [from, to). */
function fillLinkCells(cells: Cell[], from: number, to: number): void {
  let passages = '';
  let facts = '';
  let entities = '';
  let documents = '';
  // Usually one document: the rest are kept only when there are more.
  let firstTitle: string | null = null;
  let moreTitles: string[] | null = null;
  for (let i = from; i < to; i++) {
    const kind = linkKind[i]!;
    const [text, title] = linkFound[i]!;
    const shown = text ?? `[deleted ${LINK_KINDS[kind]} ${linkTargetId[i]}]`;
    if (kind === 0) passages = passages === '' ? shown : `${passages} | ${shown}`;
    else if (kind === 1) facts = facts === '' ? shown : `${facts} | ${shown}`;
    else entities = entities === '' ? shown : `${entities}; ${shown}`;
    if (title === null || title === firstTitle || moreTitles?.includes(title)) continue;
    if (firstTitle === null) documents = firstTitle = title;
    else {
      documents = `${documents}; ${title}`;
      (moreTitles ??= []).push(title);
    }
  }
  cells[4] = passages;
  cells[5] = facts;
  cells[6] = entities;
  cells[7] = documents;
}

/**
 * The notes' codes when all notes are exported (in id order): one grouped read in note order, walked
 * alongside the rows, rather than a lookup per note (most notes have no codes).
 */
function codesByNote(db: Database): { codesOf: (noteId: number) => string | null; close: () => void } {
  const rows = db
    .prepare(`SELECT nc.note_id, group_concat(c.name, '; ' ORDER BY c.position, c.id) FROM note_codes nc JOIN codes c ON c.id = nc.code_id GROUP BY nc.note_id ORDER BY nc.note_id`)
    .raw()
    .iterate() as IterableIterator<[number, string]>;
  let next = rows.next();
  return {
    codesOf: (noteId) => {
      while (!next.done && next.value[0] < noteId) next = rows.next();
      return !next.done && next.value[0] === noteId ? next.value[1] : null;
    },
    close: () => rows.return?.(),
  };
}

const queries: Record<ExportKind, Query> = {
  notes: {
    table: 'notes',
    // Six columns; `cells` makes the ten of the CSV.
    select: (from, orderBy, ids) => `
      SELECT x.id, x.title, x.body, ${ids ? codeNames('note_codes', 'note_id') : 'NULL'} AS codes, x.created, x.updated
      FROM ${from} ${orderBy}`,
    cells: (db, ids) => {
      const name = linkTargetNamer(db);
      const byNote = ids ? null : codesByNote(db);
      const linksOf = db.prepare(ids ? LINKS_OF_IDS : LINKS_OF_RANGE).pluck();
      const places = new Map<number, number>();
      const cells = (rows: Row[]): Cell[][] => {
        if (rows.length === 0) return [];
        places.clear();
        const out = rows.map((row, i): Cell[] => {
          const id = row[0] as number;
          places.set(id, i);
          return [id, row[1] as string, row[2] as string, byNote ? byNote.codesOf(id) : (row[3] as string | null), '', '', '', '', row[4] as string, row[5] as string];
        });
        const links = (ids ? linksOf.get(JSON.stringify(rows.map((row) => row[0]))) : linksOf.get(rows[0]![0], rows.at(-1)![0])) as string | null;
        if (links === null) return out;
        const n = readLinks(links, places, name);
        sortLinks(n);
        for (let from = 0; from < n; ) {
          let to = from + 1;
          while (to < n && linkNote[to] === linkNote[from]) to++;
          fillLinkCells(out[linkNote[from]!]!, from, to);
          from = to;
        }
        return out;
      };
      return { cells, close: () => byNote?.close() };
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
    cells: () => ({
      cells: (rows) => {
        for (const row of rows) row[3] = (JSON.parse(row[3] as string) as string[]).join('; ');
        return rows as Cell[][];
      },
      close: nothingToClose,
    }),
  },
};

/** Resolves when a writable that returned false from write() wants more; rejects if it fails or closes first. */
function drained(stream: Writable): Promise<void> {
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

/** Rows formatted per csv-stringify call: its per-record stream overhead was a fifth of an export's time. */
const BATCH_ROWS = 100;

/**
 * Writes the rows of `kind` as CSV to `out` and ends it; resolves once everything is written.
 * Rows are read through an open iterator, which holds one read transaction: the export and its
 * lookups see one consistent snapshot, and the connection cannot write until it finishes
 * (better-sqlite3 reports it busy).
 */
export async function exportCsv(db: Database, kind: ExportKind, out: NodeJS.WritableStream, options: CsvOptions = {}): Promise<{ rows: number }> {
  const query = queryFor(kind);
  const ids = options.ids === undefined ? undefined : JSON.stringify(checkedIds(options.ids));
  // With ids, CROSS JOIN keeps json_each as the outer loop, so rows stream out in the order given
  // (an ORDER BY j.key would make SQLite build and sort the whole result before the first row).
  const from = ids === undefined ? `${query.table} x` : `json_each(@ids) j CROSS JOIN ${query.table} x ON x.id = j.value`;
  const rowsStatement = db.prepare(query.select(from, ids === undefined ? 'ORDER BY x.id' : '', ids !== undefined)).raw();
  const countStatement = db.prepare(`SELECT count(*) AS n FROM ${from}`).pluck();
  const idsParam = ids === undefined ? {} : { ids };
  const { onProgress } = options;
  const csv = {
    columns: CSV_COLUMNS[kind],
    record_delimiter: 'windows',
    // With a record delimiter given, csv-stringify quotes a field holding it (CRLF) but not a lone
    // LF or CR, which spreadsheets would still read as a new row: quote any line break.
    quote_record_delimiter: true,
    // csv-stringify's own escape_formulas misses a leading line feed, so every text cell goes through neutralise.
    cast: { string: neutralise },
  } as const;
  // Each batch is formatted by csv-stringify and written as one chunk; the first carries the
  // byte-order mark and the header. Every record ends with CRLF, so the batches join up.
  let first = true;
  const batch: Row[] = [];
  let rows: RowCells | undefined;
  // The destination may fail between two writes (its 'error' then comes on a later tick): that
  // failure is kept here, so it is never unhandled, and stops the export at the next batch.
  let failed: Error | undefined;
  const onError = (error: Error) => (failed ??= error);
  out.on('error', onError);
  const flush = async () => {
    if (failed) throw failed;
    const text = stringify(rows!.cells(batch), { ...csv, header: first, bom: first && (options.bom ?? true) });
    first = false;
    batch.length = 0;
    // Respect backpressure: stop reading rows until the destination has taken what it has.
    if (!out.write(text)) await drained(out as Writable);
  };
  let done = 0;
  let iterator: IterableIterator<Row> | undefined;
  try {
    iterator = rowsStatement.iterate(idsParam) as IterableIterator<Row>;
    // The open iterator holds the read transaction, so the lookups and the count see the same snapshot.
    const step0 = iterator.next();
    const total = onProgress ? (countStatement.get(idsParam) as number) : 0;
    rows = query.cells(db, ids !== undefined);
    for (let step = step0; !step.done; step = iterator.next()) {
      batch.push(step.value);
      if (batch.length === BATCH_ROWS) await flush();
      done++;
      if (onProgress && done % PROGRESS_EVERY === 0) onProgress(done, total);
    }
    if (batch.length > 0 || first) await flush();
    if (onProgress && (done === 0 || done % PROGRESS_EVERY !== 0)) onProgress(done, total);
  } catch (error) {
    // onError stays attached: it takes the 'error' this destroy emits.
    (out as Writable).destroy(error as Error);
    throw error;
  } finally {
    rows?.close();
    iterator?.return?.();
  }
  try {
    out.end();
    await finished(out);
  } finally {
    out.off('error', onError);
  }
  if (failed) throw failed;
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
