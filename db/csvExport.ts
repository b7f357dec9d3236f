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

// Each query selects its CSV columns, in order (notes one more after them, which csv-stringify
// leaves out as it writes only the named columns), from `${from}`: the whole table (alias x),
// or json_each(@ids) joined to it when only some rows are wanted, in the order given. Linked
// values come from correlated subqueries over indexed columns, so one statement serves every row
// (no query per row).
interface Query {
  table: string;
  /** `ids` is set when only some rows are exported (the notes' links are looked up for them alone). */
  select: (from: string, orderBy: string, ids: boolean) => string;
  /** Makes the row-to-cells function for one export; called inside the export's read snapshot. */
  cells: (db: Database, ids: string | undefined) => (row: Row) => Cell[];
}

const asCells = () => (row: Row) => row as Cell[];

/** The names of a row's codes in codebook order, "; "-separated. */
const codeNames = (linkTable: string, key: string) =>
  `(SELECT group_concat(c.name, '; ' ORDER BY c.position, c.id) FROM ${linkTable} lc JOIN codes c ON c.id = lc.code_id WHERE lc.${key} = x.id)`;

// Notes' links. Many notes link the same few passages, facts and entities, so rather than join
// every link to its target (five lookups and a JSON value per link, which made up most of the
// export's time), the targets are named once, by one set-based query over the distinct targets
// read in the rows' snapshot; each note then lists only its links' order, kind and target id.
// That lookup is capped so memory stays bounded: the targets past the first
// LINK_TARGETS_IN_MEMORY (in kind, id order) are named in the row itself, as before.
export const LINK_TARGETS_IN_MEMORY = 10_000;

const LINK_KINDS = ['annotation', 'fact', 'entity'] as const;
const linkKindNumber = (column: string) => `(CASE ${column} WHEN 'annotation' THEN 0 WHEN 'fact' THEN 1 ELSE 2 END)`;

/**
 * A link target's text and document title as JSON [text, title]: the passage's quote, the fact's
 * "subject relation object", the entity's name. Text is null when the target no longer exists.
 */
const linkTarget = (kind: string, id: string) => `CASE ${kind}
  WHEN 'annotation' THEN (SELECT json_array(a.exact, d.title) FROM annotations a LEFT JOIN documents d ON d.id = a.document_id WHERE a.id = ${id})
  WHEN 'fact' THEN (
    SELECT json_array(fs.name || ' ' || f.relation || iif(coalesce(fo.name, f.object_text) = '', '', ' ' || coalesce(fo.name, f.object_text)), d.title)
    FROM facts f LEFT JOIN entities fs ON fs.id = f.subject_id LEFT JOIN entities fo ON fo.id = f.object_id LEFT JOIN documents d ON d.id = f.document_id
    WHERE f.id = ${id})
  ELSE (SELECT json_array(e.name, NULL) FROM entities e WHERE e.id = ${id}) END`;

/** [text, document title]; text null when the target was deleted. */
type LinkTarget = [string | null, string | null];
const DELETED: LinkTarget = [null, null];

/** The distinct targets of the exported notes' links, in kind and id order (the index's order). */
const distinctLinkTargets = (ids: boolean) =>
  `SELECT DISTINCT l.target_kind, l.target_id FROM ${ids ? 'json_each(@ids) j JOIN note_links l ON l.note_id = j.value' : 'note_links l'} ORDER BY 1, 2`;

/** The first LINK_TARGETS_IN_MEMORY of them, named, by kind: what the rows' links are looked up in. */
function linkTargets(db: Database, ids: string | undefined): Map<number, LinkTarget>[] {
  const rows = db
    .prepare(`SELECT t.target_kind, t.target_id, ${linkTarget('t.target_kind', 't.target_id')} FROM (${distinctLinkTargets(ids !== undefined)} LIMIT ${LINK_TARGETS_IN_MEMORY}) t`)
    .raw()
    .all(ids === undefined ? {} : { ids }) as [(typeof LINK_KINDS)[number], number, string | null][];
  const targets = LINK_KINDS.map(() => new Map<number, LinkTarget>());
  for (const [kind, id, json] of rows) targets[LINK_KINDS.indexOf(kind)]!.set(id, json === null ? DELETED : (JSON.parse(json) as LinkTarget));
  return targets;
}

// Reused from row to row: a note has few links, and arrays per link showed in the profile.
const linkOrder: number[] = [];
const linkKind: number[] = [];
const linkTargetId: number[] = [];
const linkFound: LinkTarget[] = [];

/**
 * Reads a notes row's links cell, "order,kind,target id,…", into the scratch arrays and returns
 * how many links there are; -1 if the cell holds anything but digits and commas (a target named
 * in the row, or a number that is not a plain whole number), for parseLinks to read.
 */
function scanLinks(links: string, targets: readonly Map<number, LinkTarget>[]): number {
  let n = 0;
  let field = 0;
  let value = 0;
  for (let i = 0; i <= links.length; i++) {
    const c = i < links.length ? links.charCodeAt(i) : 0x2c;
    if (c >= 0x30 && c <= 0x39) value = value * 10 + (c - 0x30);
    else if (c !== 0x2c) return -1;
    else {
      if (field === 0) linkOrder[n] = value;
      else if (field === 1) linkKind[n] = value;
      else {
        linkTargetId[n] = value;
        linkFound[n] = targets[linkKind[n]!]?.get(value) ?? DELETED;
        n++;
      }
      field = field === 2 ? 0 : field + 1;
      value = 0;
    }
  }
  return n;
}

/** The same as scanLinks, for a cell with targets named in it: "order,kind,target id,[text,title],…". */
function parseLinks(links: string, targets: readonly Map<number, LinkTarget>[]): number {
  const flat = JSON.parse(`[${links}]`) as (number | LinkTarget)[];
  let n = 0;
  for (let i = 0; i < flat.length; n++) {
    linkOrder[n] = flat[i] as number;
    const kind = flat[i + 1] as number;
    const targetId = flat[i + 2] as number;
    linkKind[n] = kind;
    linkTargetId[n] = targetId;
    i += 3;
    if (Array.isArray(flat[i])) linkFound[n] = flat[i++] as LinkTarget;
    else linkFound[n] = targets[kind]?.get(targetId) ?? DELETED;
  }
  return n;
}

/** Sorts the scratch arrays' first n entries by link order (insertion sort: n is small, and mostly 1 or 2). */
function sortLinks(n: number): void {
  for (let i = 1; i < n; i++) {
    const order = linkOrder[i]!;
    if (order > linkOrder[i - 1]!) continue;
    const kind = linkKind[i]!;
    const targetId = linkTargetId[i]!;
    const found = linkFound[i]!;
    let j = i - 1;
    for (; j >= 0 && linkOrder[j]! > order; j--) {
      linkOrder[j + 1] = linkOrder[j]!;
      linkKind[j + 1] = linkKind[j]!;
      linkTargetId[j + 1] = linkTargetId[j]!;
      linkFound[j + 1] = linkFound[j]!;
    }
    linkOrder[j + 1] = order;
    linkKind[j + 1] = kind;
    linkTargetId[j + 1] = targetId;
    linkFound[j + 1] = found;
  }
}

const queries: Record<ExportKind, Query> = {
  notes: {
    table: 'notes',
    // The four link columns are filled in from the last, `links`, which the CSV leaves out (it has
    // ten columns): per link, in no particular order, "order,kind,target id" and, for a target past
    // the ones named in memory, ",[text,title]"; comma-separated, so it is a JSON array's inside.
    // Past the last target linkTargets names (none, when there are fewer), a target is named here;
    // that bound is a subquery SQLite runs once, so the rows can be read before the lookup is.
    select: (from, orderBy, ids) => `
      SELECT x.id, x.title, x.body, ${codeNames('note_codes', 'note_id')} AS codes, NULL, NULL, NULL, NULL, x.created, x.updated,
        (SELECT group_concat(l.id || ',' || ${linkKindNumber('l.target_kind')} || ',' || l.target_id
            || iif((l.target_kind, l.target_id) > (SELECT * FROM (${distinctLinkTargets(ids)}) LIMIT 1 OFFSET ${LINK_TARGETS_IN_MEMORY - 1}),
                ',' || coalesce(${linkTarget('l.target_kind', 'l.target_id')}, '[null,null]'), ''))
          FROM note_links l WHERE l.note_id = x.id) AS links
      FROM ${from} ${orderBy}`,
    cells: (db, ids) => {
      const targets = linkTargets(db, ids);
      return (row: Row): Cell[] => {
        const links = row[10] as string | null;
        if (links === null) {
          row[4] = row[5] = row[6] = row[7] = '';
          return row as Cell[];
        }
        let n = scanLinks(links, targets);
        if (n < 0) n = parseLinks(links, targets);
        sortLinks(n);
        let passages = '';
        let facts = '';
        let entities = '';
        let documents = '';
        // Usually one document: the rest are kept only when there are more.
        let firstTitle: string | null = null;
        let moreTitles: string[] | null = null;
        for (let i = 0; i < n; i++) {
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
        row[4] = passages;
        row[5] = facts;
        row[6] = entities;
        row[7] = documents;
        return row as Cell[];
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
  const rowsStatement = db.prepare(query.select(from, ids === undefined ? 'ORDER BY x.id' : '', ids !== undefined)).raw();
  const countStatement = db.prepare(`SELECT count(*) AS n FROM ${from}`).pluck();
  const idsParam = ids === undefined ? {} : { ids };
  const { onProgress } = options;
  const stringifier = stringify({
    header: true,
    columns: CSV_COLUMNS[kind],
    bom: options.bom ?? true,
    record_delimiter: 'windows',
    // With a record delimiter given, csv-stringify quotes a field holding it (CRLF) but not a lone
    // LF or CR, which spreadsheets would still read as a new row: quote any line break.
    quote_record_delimiter: true,
    // csv-stringify's own escape_formulas misses a leading line feed, so every text cell goes through neutralise.
    cast: { string: neutralise },
  });
  const written = pipeline(stringifier, out);
  written.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
  let done = 0;
  let failure: unknown;
  let iterator: IterableIterator<Row> | undefined;
  try {
    iterator = rowsStatement.iterate(idsParam) as IterableIterator<Row>;
    // The open iterator holds the read transaction, so the lookups and the count see the same snapshot.
    const first = iterator.next();
    const total = onProgress ? (countStatement.get(idsParam) as number) : 0;
    const toCells = query.cells(db, ids);
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
