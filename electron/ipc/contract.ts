// The one contract between the renderer and the store: every channel's name and the zod schemas
// of its input and output. Both sides derive their types from here; the main side validates
// every payload against it at run time, because the renderer is not trusted.
import { z } from 'zod';
import { MAX_IMPORT_BYTES } from '../../common/importLimits';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const iso = z.string();
const anchorState = z.enum(['anchored', 'fuzzy', 'orphaned']);

export const reliability = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export const factStatus = z.enum(['confirmed', 'reported', 'claimed', 'denied', 'assessed', 'expected']);
export const entityKind = z.enum(['person', 'organisation', 'place', 'event']);

export const documentSummary = z.object({ id, title: z.string(), source: z.string(), added: iso, updated: iso, length: z.number().int() });
export const documentFull = documentSummary.extend({ text: z.string() });

export const entity = z.object({
  id,
  kind: entityKind,
  name: z.string(),
  aliases: z.array(z.string()),
  role: z.string(),
  affiliationId: id.nullable(),
  affiliation: z.string().nullable(),
  mentionCount: z.number().int(),
  factCount: z.number().int(),
  created: iso,
  updated: iso,
});

export const mention = z.object({ id, entityId: id, start: z.number().int(), end: z.number().int(), exact: z.string() });

export const fact = z.object({
  id,
  subjectId: id,
  subject: z.string(),
  relation: z.string(),
  objectId: id.nullable(),
  object: z.string(),
  time: z.string().nullable(),
  placeId: id.nullable(),
  place: z.string().nullable(),
  sourceId: id.nullable(),
  source: z.string().nullable(),
  reliability,
  credibility: z.number().int().min(1).max(6),
  status: factStatus,
  gradingNote: z.string(),
  documentId: id.nullable(),
  evidenceStart: z.number().int().nullable(),
  evidenceEnd: z.number().int().nullable(),
  evidenceExact: z.string(),
  evidenceAnchor: anchorState,
  created: iso,
  updated: iso,
});

export const code = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  color: z.string(),
  description: z.string(),
  position: z.number().int(),
  usage: z.number().int(),
  created: iso,
  updated: iso,
});

export const annotation = z.object({
  id,
  documentId: id,
  start: z.number().int(),
  end: z.number().int(),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  comment: z.string(),
  anchor: anchorState,
  codeIds: z.array(id),
  created: iso,
  updated: iso,
});

export const linkKind = z.enum(['annotation', 'fact', 'entity']);
export const noteSummary = z.object({ id, title: z.string(), body: z.string(), codeIds: z.array(id), linkCount: z.number().int(), created: iso, updated: iso });
export const noteLink = z.object({
  kind: linkKind,
  targetId: id,
  label: z.string(),
  broken: z.boolean(),
  documentId: id.nullable(),
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
});
export const note = z.object({ id, title: z.string(), body: z.string(), codeIds: z.array(id), links: z.array(noteLink), created: iso, updated: iso });

const none = z.strictObject({});
const backupInfo = z.object({ name: z.string(), created: z.string(), bytes: z.number().int() });

/** The largest document accepted, in characters (the store also checks 10 MB of UTF-8). */
const MAX_TEXT = 10 * 1024 * 1024;
const offset = z.number().int();
const codeIds = z.array(id).max(200);
const span = z.object({ id, start: offset, end: offset, anchor: anchorState, codeIds: z.array(id) });
const comment = z.string().max(100_000);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #2563eb.');
/** What an analyst writes about an entity (its kind aside). */
const entityFields = {
  name: z.string().trim().min(1, 'An entity needs a name.').max(200),
  aliases: z.array(z.string().max(200)).max(100).optional(),
  role: z.string().max(1000).optional(),
  affiliationId: id.nullable().optional(),
};
const codeName = z.string().trim().min(1, 'A code needs a name.').max(120);

const factInput = z.strictObject({
  subjectId: id,
  relation: z.string().trim().min(1, 'A fact needs a relation: what the subject did or said.').max(500),
  objectId: id.nullable().optional(),
  objectText: z.string().max(2000).optional(),
  time: z.string().max(40).nullable().optional(),
  placeId: id.nullable().optional(),
  sourceId: id.nullable().optional(),
  reliability,
  credibility: z.number().int().min(1, 'Credibility is graded 1 to 6.').max(6, 'Credibility is graded 1 to 6.'),
  status: factStatus,
  gradingNote: z.string().max(2000).optional(),
});
/** Keys of the UI's saved settings (grid layouts and the like). */
const settingKey = z.string().regex(/^[a-z0-9:._-]{1,64}$/, 'Setting names are short lower-case words.');

export const historyState = z.object({ undo: z.string().nullable(), redo: z.string().nullable(), undoId: id.nullable() });
export const reanchorReport = z.object({ anchored: z.number().int(), fuzzy: z.number().int(), orphaned: z.number().int() });

function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const channels = {
  'app.info': channel(
    none,
    z.object({ name: z.string(), version: z.string(), dataDir: z.string(), storeFile: z.string(), schemaVersion: z.number().int(), transport: z.string() }),
  ),
  'app.status': channel(
    none,
    z.discriminatedUnion('state', [
      z.object({ state: z.literal('ready') }),
      z.object({ state: z.literal('recovery'), problem: z.string(), dataDir: z.string(), backups: z.array(backupInfo) }),
    ]),
  ),
  'backups.list': channel(none, z.array(backupInfo)),
  'backups.restore': channel(
    z.strictObject({ name: z.string().max(200) }),
    z.object({ restored: z.string(), keptAside: z.string().nullable() }),
  ),
  'documents.list': channel(none, z.array(documentSummary)),
  'documents.get': channel(z.strictObject({ id }), documentFull),
  'documents.import': channel(
    z
      .strictObject({
        title: z.string().trim().max(300).optional(),
        source: z.string().max(500).optional(),
        fileName: z.string().min(1).max(255),
        text: z.string().max(MAX_TEXT).optional(),
        base64: z.string().max(Math.ceil((MAX_TEXT * 4) / 3) + 16).optional(),
      })
      .refine((v) => (v.text === undefined) !== (v.base64 === undefined), 'Send either the text or the file’s bytes, not both.'),
    documentFull,
  ),
  'documents.updateText': channel(
    z.strictObject({ id, text: z.string().min(1, 'The document cannot be empty.').max(MAX_TEXT) }),
    z.object({ document: documentFull, annotations: reanchorReport, evidence: reanchorReport }),
  ),
  'documents.describe': channel(
    z.strictObject({ id, title: z.string().trim().min(1, 'An article needs a title.').max(300).optional(), source: z.string().max(500).optional() }),
    documentFull,
  ),
  'documents.delete': channel(z.strictObject({ id }), z.object({ id, annotations: z.number().int(), facts: z.number().int() })),
  'entities.list': channel(none, z.array(entity)),
  'entities.merge': channel(z.strictObject({ keepId: id, mergeId: id }), entity),
  'entities.create': channel(z.strictObject({ kind: entityKind, ...entityFields }), entity),
  'entities.update': channel(z.strictObject({ id, kind: entityKind.optional(), ...entityFields, name: entityFields.name.optional() }), entity),
  'entities.delete': channel(z.strictObject({ id }), z.object({ id })),
  'mentions.list': channel(z.strictObject({ documentId: id }), z.array(mention)),
  'facts.list': channel(z.strictObject({ documentId: id.optional() }), z.array(fact)),
  'facts.page': channel(
    z.strictObject({
      offset: z.number().int().min(0).max(100_000_000),
      limit: z.number().int().min(1).max(1000),
      documentId: id.optional(),
      quick: z.string().max(200).optional(),
      sort: z.array(z.strictObject({ field: z.string().max(40), direction: z.enum(['asc', 'desc']) })).max(10).optional(),
      filters: z
        .array(z.strictObject({ field: z.string().max(40), op: z.enum(['contains', 'equals', 'in']), value: z.string().max(500), values: z.array(z.string().max(100)).max(50).optional() }))
        .max(20)
        .optional(),
    }),
    z.object({ rows: z.array(fact), total: z.number().int() }),
  ),
  'facts.create': channel(factInput.extend({ evidence: z.strictObject({ documentId: id, start: offset, end: offset }).optional() }), fact),
  'facts.update': channel(factInput.partial().extend({ id }).strict(), fact),
  'facts.delete': channel(z.strictObject({ id }), z.object({ id })),
  'settings.get': channel(z.strictObject({ key: settingKey }), z.object({ value: z.string().nullable() })),
  'settings.set': channel(z.strictObject({ key: settingKey, value: z.string().max(65_536) }), z.object({ key: z.string() })),
  'codes.list': channel(none, z.array(code)),
  'annotations.list': channel(z.strictObject({ documentId: id.optional() }), z.array(annotation)),
  // Only the listed annotations of one document (the cards a panel shows), in text order.
  'annotations.get': channel(z.strictObject({ documentId: id, ids: z.array(id).max(1000) }), z.array(annotation)),
  // What the article view paints: every span of a document, or only those changed since a cursor.
  'annotations.spans': channel(
    z.strictObject({ documentId: id, since: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional() }),
    z.object({ cursor: z.number().int().nonnegative(), full: z.boolean(), spans: z.array(span), removed: z.array(id) }),
  ),
  'annotations.create': channel(
    z.strictObject({ documentId: id, start: offset, end: offset, codeIds: codeIds.optional(), comment: comment.optional() }),
    annotation,
  ),
  'annotations.update': channel(z.strictObject({ id, codeIds: codeIds.optional(), comment: comment.optional() }), annotation),
  'annotations.delete': channel(z.strictObject({ id }), z.object({ id })),
  'annotations.exportW3c': channel(z.strictObject({ documentId: id.optional() }), z.object({ json: z.string(), total: z.number().int() })),
  'annotations.importW3c': channel(
    z.strictObject({ text: z.string().max(MAX_IMPORT_BYTES), documentId: id.optional() }),
    z.object({ anchored: z.number().int(), fuzzy: z.number().int(), orphaned: z.number().int(), imported: z.number().int(), skipped: z.number().int(), codesCreated: z.array(z.string()) }),
  ),
  'codes.create': channel(
    z.strictObject({ name: codeName, color, parentId: id.nullable().optional(), description: z.string().max(2000).optional() }),
    code,
  ),
  'codes.update': channel(
    z.strictObject({ id, name: codeName.optional(), color: color.optional(), parentId: id.nullable().optional(), description: z.string().max(2000).optional() }),
    code,
  ),
  'codes.delete': channel(z.strictObject({ id }), z.object({ id })),
  search: channel(
    z.strictObject({ query: z.string().max(200), limit: z.number().int().min(1).max(100).optional() }),
    z.array(
      z.object({
        kind: z.enum(['document', 'annotation', 'fact', 'note', 'entity']),
        id,
        title: z.string(),
        snippet: z.string(),
        documentId: id.nullable(),
        start: z.number().int().nullable(),
        end: z.number().int().nullable(),
      }),
    ),
  ),
  'history.state': channel(none, historyState),
  'history.undo': channel(z.strictObject({ expect: id.optional() }), z.object({ label: z.string().nullable() })),
  'history.redo': channel(none, z.object({ label: z.string().nullable() })),
  'notes.list': channel(none, z.array(noteSummary)),
  'notes.get': channel(z.strictObject({ id }), note),
  'notes.create': channel(
    z.strictObject({
      title: z.string().max(500).optional(),
      body: z.string().max(MAX_TEXT).optional(),
      codeIds: codeIds.optional(),
      links: z.array(z.strictObject({ kind: linkKind, targetId: id })).max(1000).optional(),
    }),
    note,
  ),
  'notes.update': channel(z.strictObject({ id, title: z.string().max(500).optional(), body: z.string().max(MAX_TEXT).optional(), codeIds: codeIds.optional() }), note),
  'notes.link': channel(z.strictObject({ id, kind: linkKind, targetId: id }), note),
  'notes.unlink': channel(z.strictObject({ id, kind: linkKind, targetId: id }), note),
  'notes.delete': channel(z.strictObject({ id }), z.object({ id })),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type Input<C extends ChannelName> = z.input<Channels[C]['input']>;
export type Output<C extends ChannelName> = z.infer<Channels[C]['output']>;

export type Document = z.infer<typeof documentFull>;
export type DocumentSummary = z.infer<typeof documentSummary>;
export type Entity = z.infer<typeof entity>;
export type Mention = z.infer<typeof mention>;
export type Fact = z.infer<typeof fact>;
export type Code = z.infer<typeof code>;
export type Annotation = z.infer<typeof annotation>;
export type Span = z.infer<typeof span>;
export type NoteSummary = z.infer<typeof noteSummary>;
export type Note = z.infer<typeof note>;
export type NoteLink = z.infer<typeof noteLink>;
export type SearchHit = Output<'search'>[number];

/** A CSV export: which rows (all, or those a filtered grid shows) and whether to start with a BOM. */
export const exportKind = z.enum(['notes', 'annotations', 'facts', 'entities']);
export const exportRequest = z.strictObject({ kind: exportKind, ids: z.array(id).max(5_000_000).optional(), bom: z.boolean().optional() });
export type ExportRequest = z.infer<typeof exportRequest>;
export type ExportKind = z.infer<typeof exportKind>;

export type { Envelope, ErrorBody, ErrorCode, Invoke } from './bridge';
export { ELECTRON_INVOKE, ELECTRON_MENU } from './bridge';

export function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
