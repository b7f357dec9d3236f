import type { Database } from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, exportCsv, exportCsvToFile, LINK_TARGETS_IN_MEMORY, PROGRESS_EVERY, type CsvOptions, type ExportKind } from './csvExport';
import type { Store } from './store';
import { seededStore } from './testing/seeded';
import { makeTempDirs } from './testing/tempDir';

const tempDir = makeTempDirs();
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const AT = '2024-09-13T10:15:30.123Z';

/** Collects what the export writes. */
class Sink extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    callback();
  }
  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

async function exportBytes(db: Database, kind: ExportKind, options?: CsvOptions): Promise<{ bytes: Buffer; rows: number }> {
  const sink = new Sink();
  const { rows } = await exportCsv(db, kind, sink, options);
  return { bytes: sink.bytes, rows };
}

/** Parses as a spreadsheet would: CRLF records only, every record as wide as the header. */
function parseCsv(bytes: Buffer | string): string[][] {
  return parse(bytes, { bom: true, record_delimiter: '\r\n' }) as string[][];
}

/** The header and the records, by id. */
async function exported(db: Database, kind: ExportKind, options?: CsvOptions): Promise<{ header: string[]; rows: string[][]; byId: Map<number, string[]> }> {
  const [header, ...rows] = parseCsv((await exportBytes(db, kind, options)).bytes);
  return { header: header!, rows, byId: new Map(rows.map((r) => [Number(r[0]), r])) };
}

function addNote(db: Database, note: { title: string; body: string; codeIds?: number[]; links?: ['annotation' | 'fact' | 'entity', number][]; created?: string; updated?: string }): number {
  const id = Number(
    db.prepare('INSERT INTO notes (title, body, created, updated) VALUES (?, ?, ?, ?)').run(note.title, note.body, note.created ?? AT, note.updated ?? AT).lastInsertRowid,
  );
  for (const codeId of note.codeIds ?? []) db.prepare('INSERT INTO note_codes (note_id, code_id) VALUES (?, ?)').run(id, codeId);
  for (const [kind, target] of note.links ?? []) {
    db.prepare('INSERT INTO note_links (note_id, target_kind, target_id, created) VALUES (?, ?, ?, ?)').run(id, kind, target, AT);
  }
  return id;
}

function seeded(): Store {
  return seededStore(tempDir());
}

/** A seeded store with `count` more notes, "note 0", "note 1"…, each with `body`. */
function storeWithNotes(count: number, body = 'body'): Store {
  const store = seeded();
  store.transaction(() => {
    for (let i = 0; i < count; i++) addNote(store.db, { title: `note ${i}`, body });
  });
  return store;
}

const factText = (store: Store, id: number) => {
  const f = store.facts.get(id);
  return [f.subject, f.relation, f.object].filter(Boolean).join(' ');
};

const codeNames = (store: Store, ids: number[]) =>
  store.codes
    .list()
    .filter((c) => ids.includes(c.id))
    .map((c) => c.name)
    .join('; ');

describe('notes export', () => {
  it('round-trips titles and multi-line bodies with commas, quotes, Hangul and emoji, with codes and linked items', async () => {
    const store = seeded();
    const { db } = store;
    const doc = store.documents.list()[0]!;
    const codes = store.codes.list();
    const facts = store.facts.list();
    const entities = store.entities.list();
    const a1 = store.annotations.create({ documentId: doc.id, start: 0, end: 20, codeIds: [codes[1]!.id] });
    const a2 = store.annotations.create({ documentId: doc.id, start: 100, end: 140 });
    const bodies = [
      'Plain body',
      'Commas, and "double quotes", and \'single\' ones',
      'Line one\nLine two\r\nLine three\n\nafter a blank line',
      '김정은 위원장과 푸틴 대통령의 회담 — 블라디보스토크',
      'Emoji 🚀🛰️👍🏽 and a family 👨‍👩‍👧‍👦, "quoted", end',
      '"Starts with a quote',
      'Trailing newline\n',
      '',
    ];
    const ids = bodies.map((body, i) =>
      addNote(db, {
        title: i === 1 ? 'A title, with "quotes"' : `Note ${i} 🗒️ 메모`,
        body,
        codeIds: i % 2 === 0 ? [codes[2]!.id, codes[0]!.id] : [],
        links:
          i === 0
            ? [
                ['annotation', a1.id],
                ['fact', facts[0]!.id],
                ['annotation', a2.id],
                ['entity', entities[0]!.id],
                ['fact', facts[1]!.id],
                ['entity', entities[1]!.id],
              ]
            : [],
        created: `2024-09-${10 + i}T08:00:00.000Z`,
        updated: `2024-09-${10 + i}T09:30:00.000Z`,
      }),
    );

    const { header, rows, byId } = await exported(db, 'notes');
    expect(header).toEqual(CSV_COLUMNS.notes);
    expect(header).toEqual(['id', 'title', 'body', 'codes', 'linked passages', 'linked facts', 'linked entities', 'document', 'created', 'updated']);
    expect(rows.map((r) => Number(r[0]))).toEqual(ids);
    for (const note of store.notes.list()) {
      const row = byId.get(note.id)!;
      expect(row).toHaveLength(header.length);
      expect(row[1]).toBe(note.title);
      expect(row[2]).toBe(note.body);
      expect(row[8]).toBe(note.created);
      expect(row[9]).toBe(note.updated);
      const codeIds = (db.prepare('SELECT code_id FROM note_codes WHERE note_id = ?').pluck().all(note.id) as number[]);
      expect(row[3]).toBe(codeNames(store, codeIds));
    }
    const first = byId.get(ids[0]!)!;
    expect(first[3]).toBe(`${codes[0]!.name}; ${codes[2]!.name}`);
    expect(first[4]).toBe(`${a1.exact} | ${a2.exact}`);
    expect(first[5]).toBe(`${factText(store, facts[0]!.id)} | ${factText(store, facts[1]!.id)}`);
    expect(first[6]).toBe(`${entities[0]!.name}; ${entities[1]!.name}`);
    expect(first[7]).toBe(doc.title);
    const unlinked = byId.get(ids[1]!)!;
    expect(unlinked.slice(3, 8)).toEqual(['', '', '', '', '']);
    // Chosen by id (codes and links are then looked up per row, in the order given), the rows are the same.
    const chosen = await exported(db, 'notes', { ids: [...ids].reverse() });
    expect(chosen.rows).toEqual([...rows].reverse());
    store.close();
  });

  it('shows a link whose annotation, fact or entity was deleted as deleted, and leaves it out of the documents', async () => {
    const store = seeded();
    const { db } = store;
    const doc = store.documents.list()[0]!;
    const kept = store.annotations.create({ documentId: doc.id, start: 0, end: 10 });
    const gone = store.annotations.create({ documentId: doc.id, start: 20, end: 30 });
    const fact = store.facts.list()[3]!;
    const id = addNote(db, {
      title: 'Broken links',
      body: 'x',
      links: [
        ['annotation', kept.id],
        ['annotation', gone.id],
        ['fact', fact.id],
        ['fact', 987_654],
        ['entity', 876_543],
      ],
    });
    store.annotations.delete(gone.id);

    const row = (await exported(db, 'notes')).byId.get(id)!;
    expect(row[4]).toBe(`${kept.exact} | [deleted annotation ${gone.id}]`);
    expect(row[5]).toBe(`${factText(store, fact.id)} | [deleted fact 987654]`);
    expect(row[6]).toBe('[deleted entity 876543]');
    expect(row[7]).toBe(doc.title);

    const onlyBroken = addNote(db, { title: 'Only broken', body: '', links: [['annotation', gone.id]] });
    const brokenRow = (await exported(db, 'notes', { ids: [onlyBroken] })).rows[0]!;
    expect(brokenRow[4]).toBe(`[deleted annotation ${gone.id}]`);
    expect(brokenRow[7]).toBe('');

    // An id no store would hand out (written to the file by something else) is shown as it is.
    const odd = addNote(db, { title: 'Odd id', body: '', links: [['entity', -7], ['fact', fact.id]] });
    expect((await exported(db, 'notes', { ids: [odd] })).rows[0]!.slice(5, 7)).toEqual([factText(store, fact.id), '[deleted entity -7]']);
    store.close();
  });

  it('exports only the requested ids, in the order given, skipping ids that no longer exist', async () => {
    const store = seeded();
    const ids = Array.from({ length: 10 }, (_, i) => addNote(store.db, { title: `Note ${i}`, body: `Body ${i}` }));
    const wanted = [ids[7]!, ids[2]!, 999_999, ids[4]!, ids[2]!];
    const { rows } = await exported(store.db, 'notes', { ids: wanted });
    expect(rows.map((r) => [Number(r[0]), r[1]])).toEqual([
      [ids[7], 'Note 7'],
      [ids[2], 'Note 2'],
      [ids[4], 'Note 4'],
    ]);
    expect((await exportBytes(store.db, 'notes', { ids: wanted })).rows).toBe(3);

    const none = await exportBytes(store.db, 'notes', { ids: [] });
    expect(none.rows).toBe(0);
    expect(parseCsv(none.bytes)).toEqual([CSV_COLUMNS.notes]);

    const facts = store.facts.list();
    const someFacts = await exported(store.db, 'facts', { ids: [facts[5]!.id, facts[0]!.id] });
    expect(someFacts.rows.map((r) => Number(r[0]))).toEqual([facts[5]!.id, facts[0]!.id]);
    store.close();
  });

  it('reports progress with the total while it writes', async () => {
    const store = seeded();
    store.transaction(() => {
      for (let i = 0; i < 2500; i++) addNote(store.db, { title: `n${i}`, body: '' });
    });
    const calls: [number, number][] = [];
    const { rows } = await exportBytes(store.db, 'notes', { onProgress: (done, total) => calls.push([done, total]) });
    expect(rows).toBe(2500);
    expect(calls).toEqual([
      [PROGRESS_EVERY, 2500],
      [2 * PROGRESS_EVERY, 2500],
      [2500, 2500],
    ]);

    const empty: [number, number][] = [];
    await exportBytes(store.db, 'notes', { ids: [], onProgress: (done, total) => empty.push([done, total]) });
    expect(empty).toEqual([[0, 0]]);
    store.close();
  });
});

describe('CSV format', () => {
  it('starts with the UTF-8 byte-order mark by default and not with bom: false', async () => {
    const store = seeded();
    addNote(store.db, { title: 'Hangul 한글', body: 'é' });
    const withBom = (await exportBytes(store.db, 'notes')).bytes;
    expect(withBom.subarray(0, 3)).toEqual(BOM);
    expect(withBom.subarray(3, 5).toString('utf8')).toBe('id');
    const without = (await exportBytes(store.db, 'notes', { bom: false })).bytes;
    expect(without.subarray(0, 2).toString('utf8')).toBe('id');
    expect(without.equals(withBom.subarray(3))).toBe(true);
    expect(parseCsv(without)[1]![1]).toBe('Hangul 한글');
    for (const kind of ['annotations', 'facts', 'entities'] as const) {
      expect((await exportBytes(store.db, kind)).bytes.subarray(0, 3)).toEqual(BOM);
      expect((await exportBytes(store.db, kind, { bom: false })).bytes.subarray(0, 3)).not.toEqual(BOM);
    }
    store.close();
  });

  it('ends every record with CRLF and keeps line breaks inside quoted fields as they were', async () => {
    const store = seeded();
    addNote(store.db, { title: 'one', body: 'no breaks' });
    addNote(store.db, { title: 'two', body: 'a, b' });
    let text = (await exportBytes(store.db, 'notes', { bom: false })).bytes.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(text.split('\r\n')).toHaveLength(4); // header, two records, and the empty rest after the last CRLF
    expect(text.split('\r\n')[2]).toBe(`2,two,"a, b",,,,,,${AT},${AT}`);

    addNote(store.db, { title: 'lf', body: 'only\nLF' });
    text = (await exportBytes(store.db, 'notes', { bom: false })).bytes.toString('utf8');
    expect(text).toContain('"only\nLF"');

    addNote(store.db, { title: 'three', body: 'LF\nCRLF\r\nCR\rend' });
    text = (await exportBytes(store.db, 'notes', { bom: false })).bytes.toString('utf8');
    expect(text).toContain('"LF\nCRLF\r\nCR\rend"');
    expect(parseCsv(text)[4]![2]).toBe('LF\nCRLF\r\nCR\rend');
    store.close();
  });

  it('doubles quotes inside quoted fields (RFC 4180)', async () => {
    const store = seeded();
    addNote(store.db, { title: 'He said "no"', body: 'plain' });
    const text = (await exportBytes(store.db, 'notes', { bom: false })).bytes.toString('utf8');
    expect(text).toContain('"He said ""no"""');
    expect(parseCsv(text)[1]![1]).toBe('He said "no"');
    store.close();
  });
});

const PREFIXES: [string, string][] = [
  ['=', '='],
  ['+', '+'],
  ['-', '-'],
  ['@', '@'],
  ['tab', '\t'],
  ['CR', '\r'],
  ['LF', '\n'],
];

/** Stores one of everything with every text starting with p, bypassing the repositories' trimming. */
function hostileRows(db: Database, p: string) {
  const run = (sql: string, ...args: unknown[]) => Number(db.prepare(sql).run(...args).lastInsertRowid);
  const doc = run('INSERT INTO documents (title, source, text, added, updated) VALUES (?, ?, ?, ?, ?)', `${p}Doc`, '', 'Some text to quote', AT, AT);
  const org = run('INSERT INTO entities (kind, name, aliases, role, created, updated) VALUES (?, ?, ?, ?, ?, ?)', 'organisation', `${p}Org`, '[]', '', AT, AT);
  const person = run(
    'INSERT INTO entities (kind, name, aliases, role, affiliation_id, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)',
    'person',
    `${p}Name`,
    JSON.stringify([`${p}alias`, 'plain alias']),
    `${p}role`,
    org,
    `${p}c`,
    `${p}u`,
  );
  const code = run('INSERT INTO codes (name, color, position, created, updated) VALUES (?, ?, ?, ?, ?)', `${p}code`, '#000000', -1, AT, AT);
  const annotation = run(
    'INSERT INTO annotations (document_id, start, end, exact, prefix, suffix, comment, created, updated) VALUES (?, 0, 4, ?, ?, ?, ?, ?, ?)',
    doc,
    `${p}quote`,
    `${p}prefix`,
    `${p}suffix`,
    `${p}comment`,
    `${p}c`,
    `${p}u`,
  );
  db.prepare('INSERT INTO annotation_codes (annotation_id, code_id) VALUES (?, ?)').run(annotation, code);
  const fact = run(
    `INSERT INTO facts (subject_id, relation, object_text, time, place_id, source_id, reliability, credibility, status, grading_note,
      document_id, evidence_start, evidence_end, evidence_exact, created, updated)
     VALUES (?, ?, ?, ?, ?, ?, 'A', 2, 'reported', ?, ?, 0, 4, ?, ?, ?)`,
    person,
    `${p}rel`,
    `${p}obj`,
    `${p}time`,
    org,
    person,
    `${p}note`,
    doc,
    `${p}evidence`,
    `${p}c`,
    `${p}u`,
  );
  const note = addNote(db, {
    title: `${p}title`,
    body: `${p}body\nsecond line`,
    codeIds: [code],
    links: [
      ['annotation', annotation],
      ['fact', fact],
      ['entity', person],
    ],
    created: `${p}c`,
    updated: `${p}u`,
  });
  return { doc, org, person, code, annotation, fact, note };
}

describe('CSV-injection protection', () => {
  describe.each(PREFIXES)('a cell starting with %s', (_label, p) => {
    it('is prefixed with a single quote in every text column of notes, annotations, facts and entities', async () => {
      const store = seeded();
      const { db } = store;
      const h = hostileRows(db, p);
      const q = (s: string) => `'${s}`;

      const note = (await exported(db, 'notes', { ids: [h.note] })).rows[0];
      expect(note).toEqual([String(h.note), q(`${p}title`), q(`${p}body\nsecond line`), q(`${p}code`), q(`${p}quote`), q(`${p}Name ${p}rel ${p}obj`), q(`${p}Name`), q(`${p}Doc`), q(`${p}c`), q(`${p}u`)]);

      const annotation = (await exported(db, 'annotations', { ids: [h.annotation] })).rows[0];
      expect(annotation).toEqual([String(h.annotation), q(`${p}Doc`), '0', '4', q(`${p}quote`), q(`${p}prefix`), q(`${p}suffix`), q(`${p}code`), q(`${p}comment`), 'anchored', q(`${p}c`), q(`${p}u`)]);

      const fact = (await exported(db, 'facts', { ids: [h.fact] })).rows[0];
      expect(fact).toEqual([String(h.fact), q(`${p}Name`), q(`${p}rel`), q(`${p}obj`), q(`${p}time`), q(`${p}Org`), q(`${p}Name`), 'A', '2', 'reported', q(`${p}note`), q(`${p}Doc`), q(`${p}evidence`), q(`${p}c`), q(`${p}u`)]);

      const entity = (await exported(db, 'entities', { ids: [h.person] })).rows[0];
      expect(entity).toEqual([String(h.person), 'person', q(`${p}Name`), q(`${p}alias; plain alias`), q(`${p}role`), q(`${p}Org`), '0', '1']);
      store.close();
    });
  });

  it('leaves cells alone that only contain those characters later on, and all-clear seeded data untouched', async () => {
    const store = seeded();
    const id = addNote(store.db, { title: '1+1=2 @home', body: 'x - y\t=z', created: AT });
    const row = (await exported(store.db, 'notes', { ids: [id] })).rows[0]!;
    expect(row.slice(1, 3)).toEqual(['1+1=2 @home', 'x - y\t=z']);
    const facts = await exported(store.db, 'facts');
    for (const f of store.facts.list()) expect(facts.byId.get(f.id)![1]).toBe(f.subject);
    store.close();
  });
});

describe('facts, annotations and entities export from the seeded store', () => {
  it('exports every fact with its header and graded fields as stored', async () => {
    const store = seeded();
    const facts = store.facts.list();
    expect(facts).toHaveLength(50);
    const { header, rows, byId } = await exported(store.db, 'facts');
    expect(header).toEqual(['id', 'subject', 'relation', 'object', 'time', 'place', 'source', 'reliability', 'credibility', 'status', 'grading note', 'document', 'evidence', 'created', 'updated']);
    expect(rows).toHaveLength(50);
    const title = store.documents.list()[0]!.title;
    for (const f of facts) {
      expect(byId.get(f.id)).toEqual([
        String(f.id),
        f.subject,
        f.relation,
        f.object,
        f.time ?? '',
        f.place ?? '',
        f.source ?? '',
        f.reliability,
        String(f.credibility),
        f.status,
        f.gradingNote,
        f.documentId === null ? '' : title,
        f.evidenceExact,
        f.created,
        f.updated,
      ]);
    }
    store.close();
  });

  it('exports every entity with aliases, affiliation, mention and fact counts', async () => {
    const store = seeded();
    const entities = store.entities.list();
    expect(entities).toHaveLength(55);
    const { header, rows, byId } = await exported(store.db, 'entities');
    expect(header).toEqual(['id', 'kind', 'name', 'aliases', 'role', 'affiliation', 'mentions', 'facts']);
    expect(rows).toHaveLength(55);
    expect(rows.map((r) => Number(r[0]))).toEqual(entities.map((e) => e.id).sort((a, b) => a - b));
    for (const e of entities) {
      expect(byId.get(e.id)).toEqual([String(e.id), e.kind, e.name, e.aliases.join('; '), e.role, e.affiliation ?? '', String(e.mentionCount), String(e.factCount)]);
    }
    // The seeded data exercises every column: several aliases, an affiliation, mentions and facts.
    expect(rows.some((r) => r[3]!.includes('; '))).toBe(true);
    expect(rows.some((r) => r[5] !== '')).toBe(true);
    expect(rows.some((r) => Number(r[6]) > 0 && Number(r[7]) > 0)).toBe(true);
    store.close();
  });

  it('exports every annotation with its passage, selectors, codes and comment', async () => {
    const store = seeded();
    expect((await exported(store.db, 'annotations')).rows).toHaveLength(0);
    const doc = store.documents.list()[0]!;
    const codes = store.codes.list();
    store.annotations.create({ documentId: doc.id, start: 10, end: 60, codeIds: [codes[3]!.id, codes[1]!.id], comment: 'Check this, "carefully"\nwith the desk' });
    store.annotations.create({ documentId: doc.id, start: 200, end: 230, comment: '확인 필요 🔎' });
    store.annotations.create({ documentId: doc.id, start: 400, end: 401 });
    const { header, rows, byId } = await exported(store.db, 'annotations');
    expect(header).toEqual(['id', 'document', 'start', 'end', 'quote', 'prefix', 'suffix', 'codes', 'comment', 'anchor', 'created', 'updated']);
    expect(rows).toHaveLength(3);
    for (const a of store.annotations.list()) {
      expect(byId.get(a.id)).toEqual([String(a.id), doc.title, String(a.start), String(a.end), a.exact, a.prefix, a.suffix, codeNames(store, a.codeIds), a.comment, a.anchor, a.created, a.updated]);
    }
    store.close();
  });
});

/** 100,000 notes, each with a code and links to a passage, a fact and an entity; every tenth also a broken link. */
function manyLinkedNotes(store: Store) {
  const { db } = store;
  const annotation = store.annotations.create({ documentId: store.documents.list()[0]!.id, start: 0, end: 30 }).id;
  const fact = store.facts.list()[0]!.id;
  const entity = store.entities.list()[0]!.id;
  const code = store.codes.list()[0]!.id;
  store.transaction(() => {
    const note = db.prepare('INSERT INTO notes (title, body, created, updated) VALUES (?, ?, ?, ?)');
    const link = db.prepare('INSERT INTO note_links (note_id, target_kind, target_id, created) VALUES (?, ?, ?, ?)');
    const noteCode = db.prepare('INSERT INTO note_codes (note_id, code_id) VALUES (?, ?)');
    for (let i = 0; i < 100_000; i++) {
      const id = note.run(`Note ${i}`, `Body of note ${i}, with a comma`, AT, AT).lastInsertRowid;
      noteCode.run(id, code);
      link.run(id, 'annotation', annotation, AT);
      link.run(id, 'fact', fact, AT);
      link.run(id, 'entity', entity, AT);
      if (i % 10 === 0) link.run(id, 'annotation', 1_000_000 + i, AT);
    }
  });
  return { annotation, fact, entity, code };
}

describe('streaming', () => {
  it('stops reading rows while the destination is not draining (backpressure)', async () => {
    const store = storeWithNotes(5_000, 'a body long enough to fill buffers '.repeat(4));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const received: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        received.push(Buffer.from(chunk));
        void released.then(() => callback());
      },
    });
    const progress: number[] = [];
    const done = exportCsv(store.db, 'notes', slow, { onProgress: (n) => progress.push(n) });
    await new Promise((r) => setTimeout(r, 100));
    expect(progress).toEqual([]); // fewer than PROGRESS_EVERY rows were read while the destination was stalled
    release();
    expect(await done).toEqual({ rows: 5000 });
    expect(progress.at(-1)).toBe(5000);
    expect(parseCsv(Buffer.concat(received))).toHaveLength(5001);
    store.close();
  });

  it('rejects with the destination\'s error when it fails part way, and leaves the store usable', async () => {
    const store = storeWithNotes(3_000);
    let chunks = 0;
    const failing = new Writable({
      write(_chunk, _encoding, callback) {
        callback(++chunks > 3 ? Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }) : null);
      },
    });
    await expect(exportCsv(store.db, 'notes', failing)).rejects.toThrow('no space left on device');
    // The read was closed: the connection writes again and a new export sees everything.
    addNote(store.db, { title: 'after', body: '' });
    expect((await exportBytes(store.db, 'notes')).rows).toBe(3001);
    store.close();
  });

  it('rejects when the destination fails while it still has room, and leaves the store usable', async () => {
    const store = storeWithNotes(1_000);
    let chunks = 0;
    // A roomy destination: writes do not wait for it, so its error comes between two writes.
    const failing = new Writable({
      highWaterMark: 64 * 1024 * 1024,
      write(_chunk, _encoding, callback) {
        callback(++chunks === 2 ? new Error('EIO: i/o error, write') : null);
      },
    });
    await expect(exportCsv(store.db, 'notes', failing)).rejects.toThrow('i/o error');
    expect((await exportBytes(store.db, 'notes')).rows).toBe(1000);
    store.close();
  });

  it('stops the destination with the error when the export itself fails, leaving nothing unhandled', async () => {
    const store = storeWithNotes(3_000);
    const sink = new Sink();
    const failing = exportCsv(store.db, 'notes', sink, {
      onProgress: (done) => {
        if (done === PROGRESS_EVERY) throw new Error('progress display went away');
      },
    });
    await expect(failing).rejects.toThrow('progress display went away');
    expect(sink.destroyed).toBe(true);
    await new Promise((resolve) => setImmediate(resolve)); // the destroyed sink's 'error' has been emitted by now
    expect((await exportBytes(store.db, 'notes')).rows).toBe(3000);
    store.close();
  });

  it('refuses an unknown kind or a non-numeric id before writing anything', async () => {
    const store = seeded();
    const folder = tempDir();
    await expect(exportCsv(store.db, 'codes' as ExportKind, new Sink())).rejects.toThrow('Cannot export “codes”: choose one of notes, annotations, facts, entities.');
    await expect(exportCsvToFile(store.db, 'notes', join(folder, 'x.csv'), { ids: [1, Number.NaN] })).rejects.toThrow('ids must be whole numbers');
    expect(readdirSync(folder)).toEqual([]);
    store.close();
  });
});

describe('links to more targets than are remembered', () => {
  it('names every target right, the same whether all notes or chosen ones are exported', async () => {
    const store = seeded();
    const { db } = store;
    const doc = store.documents.list()[0]!;
    const fact = store.facts.list().at(-1)!;
    const entity = store.entities.list().at(-1)!;
    const passage = store.annotations.create({ documentId: doc.id, start: 0, end: 20 });
    // Each note links a passage of its own (deleted, but still a distinct target), so the named
    // targets run out among the passages and the fact and entity come after them.
    const n = LINK_TARGETS_IN_MEMORY + 5;
    const ids: number[] = [];
    store.transaction(() => {
      for (let i = 0; i < n; i++) ids.push(addNote(db, { title: `n${i}`, body: '', links: [['fact', fact.id], ['annotation', 5_000_000 + i], ['entity', entity.id]] }));
      ids.push(addNote(db, { title: 'last', body: '', links: [['entity', entity.id], ['annotation', passage.id]] }));
    });
    const expected = (i: number) => [`[deleted annotation ${5_000_000 + i}]`, factText(store, fact.id), entity.name, doc.title];
    for (const options of [{}, { ids: [...ids].reverse() }]) {
      const { byId } = await exported(db, 'notes', options);
      expect(byId.get(ids[0]!)!.slice(4, 8)).toEqual(expected(0));
      expect(byId.get(ids[n - 1]!)!.slice(4, 8)).toEqual(expected(n - 1));
      expect(byId.get(ids[n]!)!.slice(4, 8)).toEqual([passage.exact, '', entity.name, doc.title]);
    }
    store.close();
  });
});

describe('100,000 linked notes', () => {
  // One store for both tests: filling it takes longer than exporting it.
  let dir: string;
  let store: Store;
  let linked: ReturnType<typeof manyLinkedNotes>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'summit-test-'));
    store = seededStore(dir);
    linked = manyLinkedNotes(store);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are exported with a query per linked target and per hundred notes, not one per note or per link', async () => {
    const { annotation, fact, entity, code } = linked;
    const statement = Object.getPrototypeOf(store.db.prepare('SELECT 1')) as Record<'get' | 'all' | 'iterate' | 'run', (...args: unknown[]) => unknown>;
    const originals = { get: statement.get, all: statement.all, iterate: statement.iterate, run: statement.run };
    let executions = 0;
    for (const name of ['get', 'all', 'iterate', 'run'] as const) {
      statement[name] = function (this: unknown, ...args: unknown[]) {
        executions++;
        return originals[name].apply(this, args);
      };
    }
    let result: { bytes: Buffer; rows: number };
    try {
      result = await exportBytes(store.db, 'notes', { onProgress: () => undefined });
    } finally {
      Object.assign(statement, originals);
    }
    expect(result.rows).toBe(100_000);
    // 10,003 distinct targets (every tenth note links a deleted passage of its own) among 310,000 links:
    // each is named once, plus the rows, their count and the codes, one read of links per batch
    // of rows written, and the few targets met again after LINK_TARGETS_IN_MEMORY were remembered.
    const targets = (store.db.prepare('SELECT count(*) FROM (SELECT DISTINCT target_kind, target_id FROM note_links)').pluck().get() as number);
    expect(targets).toBe(10_003);
    const batches = Math.ceil(100_000 / 100);
    expect(executions).toBeGreaterThanOrEqual(targets + batches);
    expect(executions).toBeLessThan(targets + batches + 10);
    const parsed = parseCsv(result.bytes);
    expect(parsed).toHaveLength(100_001);
    const document = store.documents.list()[0]!.title;
    const passage = store.annotations.get(annotation).exact;
    expect(parsed[100_000]!.slice(3, 8)).toEqual([codeNames(store, [code]), passage, factText(store, fact), store.entities.get(entity).name, document]);
    expect(parsed[99_991]![4]).toBe(`${passage} | [deleted annotation 1099990]`);
  });

});

describe('exporting to a file', () => {
  it('writes the same CSV as the stream export and leaves no temporary file behind', async () => {
    const store = seeded();
    addNote(store.db, { title: 'Saved', body: 'Multi\nline, "quoted" 한국어 🎉' });
    const folder = tempDir();
    const file = join(folder, 'notes.csv');
    expect(await exportCsvToFile(store.db, 'facts', file)).toEqual({ rows: 50 });
    expect(readFileSync(file)).toEqual((await exportBytes(store.db, 'facts')).bytes);
    expect(await exportCsvToFile(store.db, 'notes', file)).toEqual({ rows: 1 }); // replaces the earlier export
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 3)).toEqual(BOM);
    expect(parseCsv(bytes)[1]![2]).toBe('Multi\nline, "quoted" 한국어 🎉');
    expect(readdirSync(folder)).toEqual(['notes.csv']);
    store.close();
  });

  it('says which folder cannot be written when the path runs through a file, and creates nothing', async () => {
    const store = seeded();
    const folder = tempDir();
    const blocker = join(folder, 'report.txt');
    writeFileSync(blocker, 'not a folder');
    const target = join(blocker, 'notes.csv');
    await expect(exportCsvToFile(store.db, 'notes', target)).rejects.toThrow(new RegExp(`^Cannot write to ${escape(blocker)}: .+\\. Choose another folder\\.$`));
    expect(readdirSync(folder)).toEqual(['report.txt']);
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder');
    store.close();
  });

  it('says the folder does not exist when it is missing, and creates nothing', async () => {
    const store = seeded();
    const folder = tempDir();
    const missing = join(folder, 'gone');
    await expect(exportCsvToFile(store.db, 'entities', join(missing, 'entities.csv'))).rejects.toThrow(`Cannot write to ${missing}: the folder does not exist. Choose another folder.`);
    expect(readdirSync(folder)).toEqual([]);
    store.close();
  });

  it('keeps an existing file and leaves no partial file when the export fails half way', async () => {
    const store = seeded();
    store.transaction(() => {
      for (let i = 0; i < 3000; i++) addNote(store.db, { title: `n${i}`, body: 'b' });
    });
    const folder = tempDir();
    const file = join(folder, 'notes.csv');
    writeFileSync(file, 'the previous export');
    const failing = (done: number) => {
      if (done >= 2000) throw new Error('Export cancelled.');
    };
    await expect(exportCsvToFile(store.db, 'notes', file, { onProgress: failing })).rejects.toThrow('Export cancelled.');
    expect(readFileSync(file, 'utf8')).toBe('the previous export');
    expect(readdirSync(folder)).toEqual(['notes.csv']);
    // The store is usable again afterwards: the read finished and writes go through.
    addNote(store.db, { title: 'after', body: '' });
    expect(await exportCsvToFile(store.db, 'notes', file)).toEqual({ rows: 3001 });
    store.close();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
