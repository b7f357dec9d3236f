// The one contract between the renderer and the store: every channel's name and the zod schemas
// of its input and output. Both sides derive their types from here; the main side validates
// every payload against it at run time, because the renderer is not trusted.
import { z } from 'zod';

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

export const noteSummary = z.object({ id, title: z.string(), body: z.string(), created: iso, updated: iso });

const none = z.strictObject({});

/** The largest document accepted, in characters (the store also checks 10 MB of UTF-8). */
const MAX_TEXT = 10 * 1024 * 1024;
const offset = z.number().int();
const codeIds = z.array(id).max(200);
const comment = z.string().max(100_000);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #2563eb.');
const codeName = z.string().trim().min(1, 'A code needs a name.').max(120);

export const historyState = z.object({ undo: z.string().nullable(), redo: z.string().nullable() });
export const reanchorReport = z.object({ anchored: z.number().int(), fuzzy: z.number().int(), orphaned: z.number().int() });

function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const channels = {
  'app.info': channel(
    none,
    z.object({ name: z.string(), version: z.string(), dataDir: z.string(), storeFile: z.string(), schemaVersion: z.number().int(), transport: z.string() }),
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
  'entities.list': channel(none, z.array(entity)),
  'mentions.list': channel(z.strictObject({ documentId: id }), z.array(mention)),
  'facts.list': channel(z.strictObject({ documentId: id.optional() }), z.array(fact)),
  'codes.list': channel(none, z.array(code)),
  'annotations.list': channel(z.strictObject({ documentId: id.optional() }), z.array(annotation)),
  'annotations.create': channel(
    z.strictObject({ documentId: id, start: offset, end: offset, codeIds: codeIds.optional(), comment: comment.optional() }),
    annotation,
  ),
  'annotations.update': channel(z.strictObject({ id, codeIds: codeIds.optional(), comment: comment.optional() }), annotation),
  'annotations.delete': channel(z.strictObject({ id }), z.object({ id })),
  'codes.create': channel(
    z.strictObject({ name: codeName, color, parentId: id.nullable().optional(), description: z.string().max(2000).optional() }),
    code,
  ),
  'codes.update': channel(
    z.strictObject({ id, name: codeName.optional(), color: color.optional(), parentId: id.nullable().optional(), description: z.string().max(2000).optional() }),
    code,
  ),
  'codes.delete': channel(z.strictObject({ id }), z.object({ id })),
  'history.state': channel(none, historyState),
  'history.undo': channel(none, z.object({ label: z.string().nullable() })),
  'history.redo': channel(none, z.object({ label: z.string().nullable() })),
  'notes.list': channel(none, z.array(noteSummary)),
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
export type NoteSummary = z.infer<typeof noteSummary>;

export type { Envelope, ErrorBody, ErrorCode, Invoke } from './bridge';
export { ELECTRON_INVOKE, ELECTRON_MENU } from './bridge';

export function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
