// Annotations to and from W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).
//
// Export writes one AnnotationCollection with its single page embedded. Each annotation targets
// its document (urn:summit-workbench:document:<id>) with a TextPositionSelector (Unicode code
// points, as the store keeps them) and a TextQuoteSelector; its comment is a commenting
// TextualBody and each code a tagging TextualBody carrying the code's name.
//
// Import reads that format and the ones other tools write (Hypothesis, Recogito, Annotorious...):
// a single Annotation, an array of them, an AnnotationPage or an AnnotationCollection. Each
// annotation is checked and re-anchored against its document's current text (position, then
// quote, then fuzzy match); then all are written as new rows in one transaction: a bad annotation
// anywhere in the file leaves the store as it was. importW3cInSteps does the checking and
// anchoring in slices, reporting progress, so a long import does not hold up everything else.
// Orphans are kept with their quote. Tags become codes by name; a tag no code has becomes a new
// top-level code. Imports are not undoable from the history: an undo would need a command that
// deletes many annotations (and the codes the import added), and db/actions.ts has none.
import { randomUUID } from 'node:crypto';
import { convert } from 'html-to-text';
import { anchor, type AnchorState } from '../common/anchoring';
import { CodePointIndex, codePointLength, describePassage, isBlank } from '../common/text';
import { fileTooLarge, MAX_IMPORT_BYTES } from '../common/importLimits';
import type { ImportProgress } from '../common/progress';
import { logChange, now } from './changeLog';
import type { Annotation } from './annotations';
import { InputError } from './errors';
import type { Store } from './store';
import { nextId } from './ids';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const ANNOTATION_URN = 'urn:summit-workbench:annotation:';
export const DOCUMENT_URN = 'urn:summit-workbench:document:';
/** Our extension property on a target: the title of the document its source names. */
export const DOCUMENT_TITLE = 'summit:documentTitle';
/** Colour of a code that an import adds for a tag the codebook did not have (neutral grey). */
export const IMPORTED_CODE_COLOR = '#6b7280';
export { MAX_IMPORT_BYTES };
/** The most annotations one import takes. */
export const MAX_IMPORT_ANNOTATIONS = 1_000_000;
/** From this many annotations on, search indexing is done in one pass after the rows are written. */
export const BULK_INDEX_FROM = 1000;

// ---------------------------------------------------------------------------------------------
// Export

export interface W3cExportOptions {
  /** Only this document's annotations. */
  documentId?: number;
  /** Only these annotations, in this order (e.g. the rows a filtered, sorted grid shows). */
  ids?: number[];
}

export interface W3cTextualBody {
  type: 'TextualBody';
  purpose: 'commenting' | 'tagging';
  value: string;
  format?: 'text/plain';
}

export interface W3cAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'commenting' | 'tagging' | 'highlighting';
  created: string;
  modified: string;
  body?: W3cTextualBody[];
  target: {
    source: string;
    [DOCUMENT_TITLE]: string;
    selector: (
      | { type: 'TextPositionSelector'; start: number; end: number }
      | { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
    )[];
  };
}

export interface W3cCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generator: { id: string; type: 'Software'; name: string };
  generated: string;
  first: { id: string; type: 'AnnotationPage'; startIndex: 0; items: W3cAnnotation[] };
}

/** An annotation as the export query reads it: with its document's title, codes as one string. */
type ExportRow = Omit<Annotation, 'anchor' | 'codeIds'> & {
  title: string;
  /** The code ids, comma-separated, or null. */
  codes: string | null;
};

const exportColumns = `a.id, a.document_id AS documentId, d.title, a.start, a.end, a.exact, a.prefix, a.suffix, a.comment, a.created, a.updated,
  (SELECT group_concat(ac.code_id) FROM annotation_codes ac WHERE ac.annotation_id = a.id) AS codes`;

function requireWholeNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new InputError(`${what} must be whole numbers.`, what);
  return value;
}

/** The annotations as one W3C AnnotationCollection (a JSON-LD document: JSON.stringify it to save). */
export function exportW3c(store: Store, options: W3cExportOptions = {}): W3cCollection {
  const { db } = store;
  let title: string | null = null;
  if (options.documentId !== undefined) {
    const id = requireWholeNumber(options.documentId, 'documentId');
    const doc = db.prepare('SELECT title FROM documents WHERE id = ?').get(id) as { title: string } | undefined;
    if (!doc) throw new InputError(`There is no document ${id} to export; it may have been deleted.`, 'documentId');
    title = doc.title;
  }
  const ids = options.ids?.map((id) => requireWholeNumber(id, 'ids'));

  const where = options.documentId === undefined ? '' : 'WHERE a.document_id = @documentId';
  const sql = ids
    ? `SELECT ${exportColumns} FROM json_each(@ids) j JOIN annotations a ON a.id = j.value JOIN documents d ON d.id = a.document_id ${where} ORDER BY j.key`
    : `SELECT ${exportColumns} FROM annotations a JOIN documents d ON d.id = a.document_id ${where} ORDER BY a.document_id, a.start, a.id`;
  const params: Record<string, unknown> = {};
  if (ids) params.ids = JSON.stringify(ids);
  if (options.documentId !== undefined) params.documentId = options.documentId;
  const rows = db.prepare(sql).all(params) as ExportRow[];

  // The codebook is small: name the codes from memory, in codebook order, rather than per row in SQL.
  const codes = new Map<string, { name: string; order: number }>();
  (db.prepare('SELECT id, name FROM codes ORDER BY position, id').all() as { id: number; name: string }[]).forEach((c, order) => codes.set(String(c.id), { name: c.name, order }));
  const codeNames = (codeIds: string | null): string[] => {
    if (codeIds === null) return [];
    const found = codeIds.split(',').flatMap((id) => codes.get(id) ?? []);
    if (found.length > 1) found.sort((x, y) => x.order - y.order);
    return found.map((c) => c.name);
  };
  const items = rows.map((row) => toW3c(row, codeNames(row.codes)));
  return {
    '@context': ANNO_CONTEXT,
    id: `urn:uuid:${randomUUID()}`,
    type: 'AnnotationCollection',
    label: title === null ? 'Summit Workbench annotations' : `Summit Workbench annotations: ${title}`,
    total: items.length,
    generator: { id: 'urn:summit-workbench', type: 'Software', name: 'Summit Workbench' },
    generated: now(),
    first: { id: `urn:uuid:${randomUUID()}`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

function toW3c(row: ExportRow, codes: readonly string[]): W3cAnnotation {
  const body: W3cTextualBody[] = [];
  if (row.comment !== '') body.push({ type: 'TextualBody', purpose: 'commenting', value: row.comment, format: 'text/plain' });
  for (const name of codes) body.push({ type: 'TextualBody', purpose: 'tagging', value: name });
  const selector: W3cAnnotation['target']['selector'] = [{ type: 'TextPositionSelector', start: row.start, end: row.end }];
  // An orphan imported from a position alone has no quote; an empty exact is not a valid quote.
  if (row.exact !== '') selector.push({ type: 'TextQuoteSelector', exact: row.exact, prefix: row.prefix, suffix: row.suffix });
  return {
    id: `${ANNOTATION_URN}${row.id}`,
    type: 'Annotation',
    motivation: row.comment !== '' ? 'commenting' : codes.length > 0 ? 'tagging' : 'highlighting',
    created: row.created,
    modified: row.updated,
    ...(body.length > 0 ? { body } : {}),
    target: { source: `${DOCUMENT_URN}${row.documentId}`, [DOCUMENT_TITLE]: row.title, selector },
  };
}

// ---------------------------------------------------------------------------------------------
// Import

export interface W3cImportReport {
  /** Found at their position or by their exact quote. */
  anchored: number;
  /** Found by an approximate match of the quote (the text differs a little). */
  fuzzy: number;
  /** Not found in the current text: kept with their quote, listed as orphaned. */
  orphaned: number;
  /** Annotations written (the sum of the three above). */
  imported: number;
  /** Annotations of this store that are still here, in the same place, so were not written twice. */
  skipped: number;
  /** Names of the codes the import added because no code had a tag's name. */
  codesCreated: string[];
}

type Json = unknown;
type JsonObject = Record<string, Json>;

/** The text selectors of one target, checked. */
interface Selected {
  start?: number;
  end?: number;
  quote?: { exact: string; prefix: string; suffix: string };
}

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON-LD lets a single value stand for a list of one. */
const asList = (v: Json): readonly Json[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** A type or purpose without its vocabulary: "oa:tagging" and "http://www.w3.org/ns/oa#tagging" are "tagging". */
function localName(v: Json): string | null {
  if (typeof v !== 'string') return null;
  return v.slice(Math.max(v.lastIndexOf('#'), v.lastIndexOf(':'), v.lastIndexOf('/')) + 1);
}

/** Whether one value (or one of a list) is `name`, with or without a vocabulary before it. */
function names(v: Json, name: string): boolean {
  if (typeof v === 'string') {
    if (v === name) return true;
    if (!v.endsWith(name)) return false;
    const before = v.charCodeAt(v.length - name.length - 1);
    return before === 0x23 /* # */ || before === 0x3a /* : */ || before === 0x2f /* / */;
  }
  if (Array.isArray(v)) return v.some((x) => names(x, name));
  return false;
}

const hasType = (o: JsonObject, name: string): boolean => names(o.type, name) || names(o['@type'], name);
const typed = (o: JsonObject): boolean => o.type !== undefined || o['@type'] !== undefined;

function typeNames(o: JsonObject): string[] {
  return [...asList(o.type), ...asList(o['@type'])].map(localName).filter((t): t is string => t !== null);
}

function describeValue(v: Json): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (isObject(v)) {
    const t = typeNames(v);
    return t.length ? `an object of type “${t.join(', ')}”` : 'an object without a type';
  }
  return `${typeof v === 'string' ? 'a text' : `a ${typeof v}`} (${JSON.stringify(v).slice(0, 40)})`;
}

/** The first 80 characters of a (possibly long) value, for a message. */
function shown(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** How the store writes times; such a value is kept as it is. */
const STORE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An ISO 8601 date or date-time as the store writes them (UTC, milliseconds), or null. */
function timestamp(v: Json): string | null {
  if (typeof v !== 'string') return null;
  if (STORE_TIME.test(v) && !Number.isNaN(Date.parse(v))) return v;
  const t = v.trim();
  if (!ISO_TIME.test(t)) return null;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * The annotations a parsed file holds, in order. Embedded pages are followed through `next`; a
 * collection whose pages are only links cannot be imported from the file alone.
 */
function annotationsOf(root: Json): readonly Json[] {
  if (Array.isArray(root)) return root;
  if (!isObject(root)) throw new InputError(`The file is JSON but not a W3C Web Annotation, page or collection: it holds ${describeValue(root)}.`);
  if (Array.isArray(root['@graph'])) return root['@graph'];
  if (hasType(root, 'Annotation') || (!typed(root) && root.target !== undefined)) return [root];
  if (hasType(root, 'AnnotationPage') || hasType(root, 'OrderedCollectionPage')) return pageItems(root, false);
  if (hasType(root, 'AnnotationCollection') || hasType(root, 'OrderedCollection')) {
    if (root.first === undefined || root.first === null) {
      if (root.total === 0 || root.total === undefined) return [];
      throw new InputError(`The annotation collection in the file says it holds ${shown(String(root.total))} annotations but has no pages.`);
    }
    if (!isObject(root.first)) {
      throw new InputError(
        `The annotation collection in the file does not contain its annotations: its first page is a link (${shown(String(root.first))}). Save the pages themselves and import them.`,
      );
    }
    return pageItems(root.first, true);
  }
  throw new InputError(`The file is JSON but not a W3C Web Annotation, page or collection: it holds ${describeValue(root)}.`);
}

function pageItems(first: JsonObject, inCollection: boolean): Json[] {
  const items: Json[] = [];
  const seen = new Set<JsonObject>();
  for (let page: Json = first; page !== undefined && page !== null; ) {
    if (!isObject(page)) {
      if (!inCollection) break; // a page saved on its own: import what it holds
      throw new InputError(`The file holds only part of the annotation collection: a later page is a link (${shown(String(page))}). Save every page and import them.`);
    }
    if (seen.has(page)) break;
    seen.add(page);
    if (page.items !== undefined && !Array.isArray(page.items)) throw new InputError('An annotation page in the file has “items” that are not a list.');
    const list = (page.items ?? []) as Json[];
    if (items.length === 0) items.push(...list.slice(0, MAX_IMPORT_ANNOTATIONS + 1));
    else for (let i = 0; i < list.length && items.length <= MAX_IMPORT_ANNOTATIONS; i++) items.push(list[i]);
    if (items.length > MAX_IMPORT_ANNOTATIONS) break;
    page = page.next;
  }
  return items;
}

const MAX_REFINEMENT_DEPTH = 8;

/**
 * The text selectors of a target: the first TextPositionSelector and TextQuoteSelector at the top
 * level, else a TextQuoteSelector found by following refinedBy (a position inside a refined
 * selector counts from the start of the outer selection, not of the text, so it is not used).
 */
function textSelectors(selectors: readonly Json[], where: () => string): Selected {
  const found: Selected = {};
  let position: JsonObject | undefined;
  let quote: JsonObject | undefined;
  for (const s of selectors) {
    if (!isObject(s)) continue;
    if (!position && hasType(s, 'TextPositionSelector')) position = s;
    else if (!quote && hasType(s, 'TextQuoteSelector')) quote = s;
  }
  if (!quote) quote = refinedQuote(selectors, 0);
  if (position) {
    for (const key of ['start', 'end'] as const) {
      const v = position[key];
      if (v === undefined) throw new InputError(`${where()} has a TextPositionSelector without its ${key}.`);
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
        throw new InputError(`${where()} has a TextPositionSelector whose ${key} (${shown(JSON.stringify(v))}) is not a whole number.`);
      }
      if (v < 0) throw new InputError(`${where()} has a TextPositionSelector whose ${key} (${v}) is negative.`);
    }
    const start = position.start as number;
    const end = position.end as number;
    if (end < start) throw new InputError(`${where()} has a TextPositionSelector that ends (${end}) before it starts (${start}).`);
    // An empty range marks no passage; the quote, if there is one, still does.
    if (end > start) {
      found.start = start;
      found.end = end;
    } else if (!quote) throw new InputError(`${where()} has an empty TextPositionSelector (start and end are both ${start}) and no TextQuoteSelector.`);
  }
  if (quote) {
    const { exact, prefix, suffix } = quote;
    if (typeof exact !== 'string' || exact === '') throw new InputError(`${where()} has a TextQuoteSelector without an exact quote.`);
    if (prefix != null && typeof prefix !== 'string') throw new InputError(`${where()} has a TextQuoteSelector whose prefix is not text.`);
    if (suffix != null && typeof suffix !== 'string') throw new InputError(`${where()} has a TextQuoteSelector whose suffix is not text.`);
    found.quote = { exact, prefix: prefix ?? '', suffix: suffix ?? '' };
  }
  return found;
}

function refinedQuote(selectors: readonly Json[], depth: number): JsonObject | undefined {
  if (depth >= MAX_REFINEMENT_DEPTH) return undefined;
  for (const s of selectors) {
    if (!isObject(s) || s.refinedBy === undefined) continue;
    const refined = asList(s.refinedBy);
    const direct = refined.find((r): r is JsonObject => isObject(r) && hasType(r, 'TextQuoteSelector'));
    const quote = direct ?? refinedQuote(refined, depth + 1);
    if (quote) return quote;
  }
  return undefined;
}

/** The IRI a target's source names (a string, or an object's id). */
function sourceOf(target: JsonObject): string | null {
  const source = target.source ?? target['@id'];
  if (typeof source === 'string') return source;
  if (isObject(source)) {
    const id = source.id ?? source['@id'];
    if (typeof id === 'string') return id;
  }
  return null;
}

const OUR_DOCUMENT = /^urn:summit-workbench:document:(\d{1,15})$/;
const OUR_ANNOTATION = /^urn:summit-workbench:annotation:(\d{1,15})$/;
/** Purposes whose textual body is prose a person wrote about the passage: kept as the comment. */
const COMMENT_PURPOSES = ['commenting', 'replying', 'describing', 'questioning', 'assessing', 'editing'];
const TAG_PURPOSES = ['tagging', 'classifying'];

/** The comment and tags of an annotation's bodies; bodies that are neither (links, images...) are skipped. */
function readBodies(a: JsonObject, tags: string[]): string {
  const comments: string[] = [];
  // A body without a purpose takes the annotation's motivation when that is plainly tagging.
  const tagging = names(a.motivation, 'tagging') && !names(a.motivation, 'commenting');
  const read = (body: Json) => {
    if (typeof body === 'string') {
      if (body.trim() !== '') comments.push(body);
      return;
    }
    if (!isObject(body) || typeof body.value !== 'string') return;
    if (typed(body) && !hasType(body, 'TextualBody')) return;
    const purpose = body.purpose;
    const isTag = purpose == null ? tagging : TAG_PURPOSES.some((p) => names(purpose, p));
    if (isTag) {
      const tag = body.value.trim();
      if (tag !== '') tags.push(tag);
    } else if (purpose == null || COMMENT_PURPOSES.some((p) => names(purpose, p))) {
      const text = names(body.format, 'html') ? convert(body.value, { wordwrap: false }) : body.value;
      if (text.trim() !== '') comments.push(text);
    }
  };
  for (const body of asList(a.body)) read(body);
  for (const body of asList(a.bodyValue)) read(body);
  return comments.length === 1 ? comments[0]! : comments.join('\n\n');
}

interface DocumentIndex {
  id: number;
  text: string;
  index: CodePointIndex;
}

/** The documents an import anchors against, read once each, and the one chosen for other tools' annotations. */
class ImportDocuments {
  private readonly byId = new Map<number, DocumentIndex | null>();
  readonly chosen: DocumentIndex | null = null;

  constructor(
    private readonly store: Store,
    documentId: number | undefined,
  ) {
    if (documentId === undefined) return;
    if (typeof documentId !== 'number' || !Number.isSafeInteger(documentId)) throw new InputError('The document to import into must be given by its number.', 'documentId');
    this.chosen = this.get(documentId);
    if (!this.chosen) throw new InputError(`There is no document ${documentId} to import into; it may have been deleted. Choose another document.`, 'documentId');
  }

  get(id: number): DocumentIndex | null {
    let doc = this.byId.get(id);
    if (doc === undefined) {
      const text = this.textOf(id);
      doc = text === undefined ? null : { id, text, index: new CodePointIndex(text) };
      this.byId.set(id, doc);
    }
    return doc;
  }

  /** Whether a document read so far has changed since (edited, deleted, or added when it was missing). */
  changed(): boolean {
    for (const [id, doc] of this.byId) if (this.textOf(id) !== doc?.text) return true;
    return false;
  }

  private textOf(id: number): string | undefined {
    return (this.store.db.prepare('SELECT text FROM documents WHERE id = ?').pluck().get(id) as string | undefined) ?? undefined;
  }
}

/** One annotation of the file, checked and anchored, ready to be written. */
interface Anchored {
  documentId: number;
  passage: { start: number; end: number; exact: string; prefix: string; suffix: string };
  state: AnchorState;
  comment: string;
  tags: string[];
  created: string;
  updated: string;
  /** The id it had in this store, when the file was exported from here. */
  ownId: number | null;
}

/** Checks one annotation of the file and anchors it against its document's current text. */
function anchorOne(a: Json, i: number, total: number, documents: ImportDocuments, at: string): Anchored {
  const where = () => `Annotation ${(i + 1).toLocaleString('en')} of ${total.toLocaleString('en')}`;
  if (!isObject(a) || (typed(a) && !hasType(a, 'Annotation'))) throw new InputError(`${where()} is not an annotation: it is ${describeValue(a)}.`);
  const targets = asList(a.target);
  if (targets.length === 0) throw new InputError(`${where()} has no target: it does not say which passage it annotates.`);

  // The first target that selects text; another tool may add targets we cannot use (an image...).
  let target: JsonObject | undefined;
  let selected: Selected = {};
  for (const candidate of targets) {
    if (!isObject(candidate)) continue;
    const s = textSelectors(asList(candidate.selector), where);
    if (s.quote || s.start !== undefined) {
      target = candidate;
      selected = s;
      break;
    }
  }
  if (!target) throw new InputError(`${where()} has no TextQuoteSelector or TextPositionSelector, so the passage it annotates cannot be found.`);

  const source = sourceOf(target);
  const ours = source === null ? null : OUR_DOCUMENT.exec(source);
  const doc = (ours ? documents.get(Number(ours[1])) : null) ?? documents.chosen;
  if (!doc) {
    throw new InputError(
      source === null
        ? `${where()} does not say which document it belongs to. Choose the document to import the file into.`
        : ours
          ? `${where()} belongs to document ${ours[1]} (${source}), which this workbench does not hold. Choose the document to import the file into.`
          : `${where()} annotates “${shown(source)}”, which is not a document in this workbench. Choose the document to import the file into.`,
    );
  }

  // Re-anchor against the current text: position, then quote, then an approximate match.
  const { index } = doc;
  let passage: Anchored['passage'];
  let state: AnchorState;
  if (selected.quote) {
    // Without a position, anchor() goes straight to searching for the quote.
    const found = anchor(index, { start: selected.start ?? -1, end: selected.end ?? -1, ...selected.quote });
    state = found.state;
    if (found.state !== 'orphaned') passage = describePassage(index, found.start, found.end);
    else {
      const start = selected.start ?? 0;
      passage = { start, end: selected.end ?? start + codePointLength(selected.quote.exact), ...selected.quote };
    }
  } else {
    // A position alone: the passage is whatever the text holds there now (unless that is only
    // white space, which the store never holds as a passage).
    const start = selected.start!;
    const end = selected.end!;
    state = end <= index.length && !isBlank(index.slice(start, end)) ? 'anchored' : 'orphaned';
    passage = state === 'anchored' ? describePassage(index, start, end) : { start, end, exact: '', prefix: '', suffix: '' };
  }
  const ownId = typeof a.id === 'string' ? OUR_ANNOTATION.exec(a.id) : null;
  const tags: string[] = [];
  const comment = readBodies(a, tags);
  const created = timestamp(a.created) ?? at;
  // The file's modified time stands unless the passage had to be looked for and moved.
  const moved = state !== 'anchored' || (selected.start !== undefined && (passage.start !== selected.start || passage.end !== selected.end));
  const updated = moved ? at : (timestamp(a.modified) ?? created);
  return { documentId: doc.id, passage, state, comment, tags, created, updated, ownId: ownId ? Number(ownId[1]) : null };
}

/** Anchoring yields to the event loop after this many annotations (or ANCHOR_SLICE_MS), reporting progress. */
export const ANCHOR_CHUNK = 500;
const ANCHOR_SLICE_MS = 50;

export interface W3cImportOptions {
  /** The document for annotations whose target is not one of this workbench's documents. */
  documentId?: number;
  /** Told the step and how far it has got: reading, then anchoring n of N, then saving. */
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * The import as steps: it yields wherever a caller may let other work run (and progress be
 * delivered) and returns the report. The parsing and anchoring, which take the time, touch
 * nothing; the rows are written at the end in one synchronous transaction, so nothing partial is
 * ever written and nothing else can run in the middle of it.
 */
function* importSteps(store: Store, text: string, options: W3cImportOptions): Generator<void, W3cImportReport> {
  const report = options.onProgress ?? (() => undefined);
  if (typeof text !== 'string') throw new InputError('The file is not text.');
  // A UTF-16 unit takes at most three UTF-8 bytes: only a text over a third of the limit needs counting.
  const bytes = text.length * 3 > MAX_IMPORT_BYTES ? Buffer.byteLength(text, 'utf8') : 0;
  if (bytes > MAX_IMPORT_BYTES) throw new InputError(fileTooLarge(bytes));
  report({ phase: 'reading', done: 0, total: 0 });
  yield;
  let root: Json;
  try {
    root = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new InputError(`The file is not JSON: ${(error as Error).message}`);
  }
  const items = annotationsOf(root);
  const total = items.length;
  if (total > MAX_IMPORT_ANNOTATIONS) {
    throw new InputError(
      `The file holds more than ${MAX_IMPORT_ANNOTATIONS.toLocaleString('en')} annotations, the most the workbench imports at once. Split it into smaller files.`,
    );
  }

  const at = now();
  const anchorAll = function* (documents: ImportDocuments): Generator<void, Anchored[]> {
    const anchored: Anchored[] = new Array(total);
    let since = performance.now();
    for (let i = 0; i < total; i++) {
      anchored[i] = anchorOne(items[i], i, total, documents, at);
      if (i + 1 < total && ((i + 1) % ANCHOR_CHUNK === 0 || performance.now() - since > ANCHOR_SLICE_MS)) {
        report({ phase: 'anchoring', done: i + 1, total });
        yield;
        since = performance.now();
      }
    }
    report({ phase: 'anchoring', done: total, total });
    return anchored;
  };
  let documents = new ImportDocuments(store, options.documentId);
  let anchored = yield* anchorAll(documents);
  report({ phase: 'saving', done: 0, total });
  yield;

  // One transaction: a refusal part way through rolls back every row and code already written.
  const result = store.transaction(() => {
    // Another request may have edited or deleted a document while this one was anchoring: then
    // anchor again, here, against the text as it is now (and refuse if a document is gone).
    if (documents.changed()) {
      documents = new ImportDocuments(store, options.documentId);
      anchored = runToEnd(anchorAll(documents));
    }
    return save(store, anchored, total);
  });
  report({ phase: 'saving', done: total, total });
  return result;
}

/** Writes the anchored annotations; runs inside the import's transaction. */
function save(store: Store, anchored: readonly Anchored[], total: number): W3cImportReport {
  const { db } = store;
  // Codes by name, case-insensitively; a top-level code wins over a sub-code of the same name.
  const codeIds = new Map<string, number>();
  for (const c of db.prepare('SELECT id, name FROM codes ORDER BY parent_id IS NOT NULL, position, id').all() as { id: number; name: string }[]) {
    const key = c.name.trim().toLowerCase();
    if (!codeIds.has(key)) codeIds.set(key, c.id);
  }
  const codesCreated: string[] = [];
  const codeFor = (tag: string): number => {
    const key = tag.toLowerCase();
    let id = codeIds.get(key);
    if (id === undefined) {
      id = store.codes.create({ name: tag, color: IMPORTED_CODE_COLOR, description: 'Added by importing W3C Web Annotations.' }).id;
      codeIds.set(key, id);
      codesCreated.push(tag);
    }
    return id;
  };

  const insert = db.prepare(
    'INSERT INTO annotations (id, document_id, start, end, exact, prefix, suffix, comment, anchor, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Numbered above every id ever given (see db/ids.ts); nothing else inserts during the import's transaction.
  let nextAnnotation = nextId(db, 'annotations');
  const link = db.prepare('INSERT OR IGNORE INTO annotation_codes (annotation_id, code_id) VALUES (?, ?)');
  let skipped = 0;
  const present = new Map<number, string>();
  for (const r of db.prepare('SELECT id, document_id AS d, start, end FROM annotations').iterate() as Iterable<{ id: number; d: number; start: number; end: number }>) {
    present.set(r.id, `${r.d}:${r.start}:${r.end}`);
  }
  const counts: Record<AnchorState, number> = { anchored: 0, fuzzy: 0, orphaned: 0 };
  const documentIds = new Set<number>();
  let firstId: number | null = null;
  let lastId: number | null = null;

  // A large import indexes its rows for search in one pass at the end rather than row by row
  // (the trigger's work, interleaved with every insert, more than doubles the time). The trigger
  // comes back in the same transaction, so a refusal part way restores it with everything else.
  const bulk = total >= BULK_INDEX_FROM;
  const trigger = bulk ? (db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'annotations_fts_insert'").pluck().get() as string | undefined) : undefined;
  if (trigger) db.exec('DROP TRIGGER annotations_fts_insert');

  for (const a of anchored) {
    const { passage } = a;
    // An annotation exported from this store and still here, unchanged in place, is not doubled.
    if (a.ownId !== null && present.get(a.ownId) === `${a.documentId}:${passage.start}:${passage.end}`) {
      skipped++;
      continue;
    }
    counts[a.state]++;
    const id = Number(insert.run(nextAnnotation++, a.documentId, passage.start, passage.end, passage.exact, passage.prefix, passage.suffix, a.comment, a.state, a.created, a.updated).lastInsertRowid);
    firstId ??= id;
    lastId = id;
    documentIds.add(a.documentId);
    for (const tag of a.tags) link.run(id, codeFor(tag));
  }

  if (trigger) {
    if (firstId !== null) db.prepare('INSERT INTO annotations_fts (rowid, exact, comment) SELECT id, exact, comment FROM annotations WHERE id BETWEEN ? AND ?').run(firstId, lastId);
    db.exec(trigger);
  }

  // One change-log entry for the whole import (the new ids run from firstId to lastId): an entry
  // per annotation would add a JSON copy of every row to an import of many thousands.
  if (total > 0) {
    logChange(db, 'annotation', null, 'create', null, { import: 'W3C Web Annotation', annotations: total, firstId, lastId, documents: [...documentIds], ...counts, codesCreated });
  }
  return { ...counts, imported: total - skipped, skipped, codesCreated };
}

/**
 * Imports annotations from a W3C Web Annotation file's text, as new rows. All or nothing: on any
 * problem an InputError says which annotation and why, and nothing is written. `documentId` is
 * the document to import into when an annotation's target is not one of this workbench's
 * documents (a web page annotated in another tool). Runs to the end without yielding; see
 * importW3cInSteps for long files.
 */
export function importW3c(store: Store, text: string, options: W3cImportOptions = {}): W3cImportReport {
  return runToEnd(importSteps(store, text, options));
}

/** Runs steps without letting anything else in between. */
function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same import, letting other work run (other requests, progress reaching the person) while
 * it reads and anchors; the rows are still written in one synchronous transaction at the end.
 */
export async function importW3cInSteps(store: Store, text: string, options: W3cImportOptions = {}): Promise<W3cImportReport> {
  const steps = importSteps(store, text, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
