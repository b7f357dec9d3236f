import { describe, expect, it } from 'vitest';
import { seededStore } from '../../db/testing/seeded';
import { makeTempDirs } from '../../db/testing/tempDir';
import { channels, type ChannelName } from './contract';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { Session } from '../session';
import { listBackups } from '../../db/backup';

const tempDir = makeTempDirs();

function setup() {
  const dir = tempDir();
  const store = seededStore(dir);
  const handlers = createHandlers(store, { version: 'test', dataDir: dir, transport: 'http' });
  const call = (channel: unknown, input: unknown) => dispatch(handlers, channel, input, { checkOutput: true });
  return { store, call };
}

describe('every channel', () => {
  it('answers a valid request with output that matches the contract', async () => {
    const dir = tempDir();
    const session = new Session(dir, 'http');
    const store = session.store!;
    await session.backedUp;
    const call = (channel: unknown, input: unknown) => dispatch(session.handlers, channel, input, { checkOutput: true });
    const documentId = store.documents.list()[0]!.id;
    const made: { annotation?: number; code?: number; note?: number; fact?: number; entity?: number; document?: number } = {};
    // In an order where each call finds what the ones before it made.
    const valid: Record<ChannelName, () => unknown> = {
      'app.info': () => ({}),
      'app.status': () => ({}),
      'backups.list': () => ({}),
      'documents.list': () => ({}),
      'documents.get': () => ({ id: documentId }),
      'documents.import': () => ({ fileName: 'brief.txt', text: 'A short brief on the summit.' }),
      'documents.updateText': () => ({ id: documentId, text: `Correction. ${store.documents.get(documentId).text}` }),
      'documents.describe': () => ({ id: made.document!, title: 'Brief on the summit', source: 'Desk notes' }),
      'documents.delete': () => ({ id: made.document! }),
      'entities.list': () => ({}),
      'entities.merge': () => {
        const [a, b] = store.entities.list().filter((e) => e.kind === 'organisation');
        return { keepId: a!.id, mergeId: b!.id };
      },
      'entities.create': () => ({ kind: 'person', name: 'Valery Gerasimov', aliases: ['Gerasimov'], role: 'Chief of the Russian General Staff' }),
      'entities.update': () => ({ id: made.entity!, role: 'Chief of the General Staff of Russia' }),
      'entities.delete': () => ({ id: made.entity! }),
      'mentions.list': () => ({ documentId }),
      'facts.list': () => ({ documentId }),
      'facts.page': () => ({ offset: 0, limit: 20, quick: 'Wagner', sort: [{ field: 'reliability', direction: 'desc' }], filters: [{ field: 'status', op: 'in', value: '', values: ['claimed', 'denied'] }] }),
      'facts.create': () => ({ subjectId: store.entities.list()[0]!.id, relation: 'met', objectText: 'the press', reliability: 'C', credibility: 3, status: 'reported', evidence: { documentId, start: 0, end: 11 } }),
      'facts.update': () => ({ id: made.fact!, reliability: 'B', time: '2023-09' }),
      'facts.delete': () => ({ id: made.fact! }),
      'settings.set': () => ({ key: 'grid:facts', value: '{"columns":[]}' }),
      'settings.get': () => ({ key: 'grid:facts' }),
      'codes.list': () => ({}),
      'codes.create': () => ({ name: 'Railways', color: '#336699' }),
      'codes.update': () => ({ id: made.code!, name: 'Rail logistics' }),
      'annotations.list': () => ({}),
      'annotations.create': () => ({ documentId, start: 0, end: 11, codeIds: [made.code!], comment: 'first' }),
      'annotations.update': () => ({ id: made.annotation!, comment: 'second' }),
      'annotations.get': () => ({ documentId, ids: [made.annotation!] }),
      'annotations.spans': () => ({ documentId, since: 0 }),
      'annotations.exportW3c': () => ({}),
      'annotations.importW3c': () => ({ text: JSON.stringify({ type: 'Annotation', target: { source: `urn:summit-workbench:document:${documentId}`, selector: { type: 'TextQuoteSelector', exact: 'Kim Jong Un' } } }) }),
      'annotations.delete': () => ({ id: made.annotation! }),
      'codes.delete': () => ({ id: made.code! }),
      search: () => ({ query: 'Peskov conf' }),
      'history.state': () => ({}),
      'history.undo': () => ({}),
      'history.redo': () => ({}),
      'notes.list': () => ({}),
      'notes.create': () => ({ title: 'Shells', body: 'Tens of millions.', links: [{ kind: 'entity', targetId: store.entities.list()[0]!.id }] }),
      'notes.get': () => ({ id: made.note! }),
      'notes.update': () => ({ id: made.note!, body: 'Tens of millions, analysts say.' }),
      'notes.link': () => ({ id: made.note!, kind: 'fact', targetId: store.facts.list()[0]!.id }),
      'notes.unlink': () => ({ id: made.note!, kind: 'fact', targetId: store.facts.list()[0]!.id }),
      'notes.delete': () => ({ id: made.note! }),
      // Last: it swaps the open store for the backup.
      'backups.restore': () => ({ name: listBackups(dir)[0]!.name }),
    };
    expect(Object.keys(valid).sort()).toEqual(Object.keys(channels).sort());
    for (const [channel, input] of Object.entries(valid)) {
      const result = call(channel, input());
      expect(result, channel).toMatchObject({ ok: true });
      if (result.ok && channel === 'codes.create') made.code = (result.value as { id: number }).id;
      if (result.ok && channel === 'annotations.create') made.annotation = (result.value as { id: number }).id;
      if (result.ok && channel === 'notes.create') made.note = (result.value as { id: number }).id;
      if (result.ok && channel === 'documents.import') made.document = (result.value as { id: number }).id;
      if (result.ok && channel === 'entities.create') made.entity = (result.value as { id: number }).id;
      if (result.ok && channel === 'facts.create') made.fact = (result.value as { id: number }).id;
    }
    session.close();
  });
});

describe('validation', () => {
  it('refuses unknown channels, including inherited property names', () => {
    const { store, call } = setup();
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(call(name, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    store.close();
  });

  it('refuses wrong types, extra fields and out-of-range ids with the field named', () => {
    const { store, call } = setup();
    expect(call('documents.get', { id: 'one' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    expect(call('documents.get', { id: 1.5 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    expect(call('documents.get', { id: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(call('documents.get', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    expect(call('documents.list', { sneaky: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(call('documents.get', null)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const refused = call('facts.list', { documentId: Number.NaN });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/Nothing was changed/);
    const fact = store.facts.list()[0]!;
    expect(call('facts.update', { id: fact.id, relation: ' ' })).toMatchObject({
      ok: false,
      error: { field: 'relation', message: 'A fact needs a relation: what the subject did or said. Nothing was changed.' },
    });
    store.close();
  });

  it('says zod’s refusals in words that name the field, not in the schema’s terms', () => {
    const { store, call } = setup();
    const fact = store.facts.list()[0]!;
    const before = store.facts.get(fact.id);
    expect(call('facts.update', { id: fact.id, objectText: 'x'.repeat(2001) })).toMatchObject({
      ok: false,
      error: { field: 'objectText', message: 'The object (in words) is too long: at most 2,000 characters. Nothing was changed.' },
    });
    expect(call('facts.update', { id: fact.id, subjectId: -1 })).toMatchObject({
      ok: false,
      error: { field: 'subjectId', message: 'The subject is not one the workbench holds: choose it from the list. Nothing was changed.' },
    });
    expect(call('facts.update', { id: fact.id, reliability: 'G' })).toMatchObject({ ok: false, error: { field: 'reliability', message: 'The reliability must be one of A, B, C, D, E, F. Nothing was changed.' } });
    expect(call('documents.get', {})).toMatchObject({ ok: false, error: { field: 'id', message: 'The id is missing. Nothing was changed.' } });
    expect(call('documents.get', { id: 'one' })).toMatchObject({ ok: false, error: { message: 'The id should be a number. Nothing was changed.' } });
    expect(call('documents.list', { sneaky: 1 })).toMatchObject({ ok: false, error: { message: 'The request has fields this call does not take: sneaky. Nothing was changed.' } });
    expect(store.facts.get(fact.id)).toEqual(before);
    store.close();
  });

  it('refuses a bad entity edit with the field, the store’s reason, and nothing written', () => {
    const { store, call } = setup();
    const entities = store.entities.list();
    const putin = entities.find((e) => e.name === 'Vladimir Putin')!;
    expect(call('entities.create', { kind: 'planet', name: 'Mars' })).toMatchObject({ ok: false, error: { field: 'kind', message: 'The kind must be one of person, organisation, place, event. Nothing was changed.' } });
    expect(call('entities.update', { id: putin.id, name: '   ' })).toMatchObject({ ok: false, error: { field: 'name', message: 'An entity needs a name. Nothing was changed.' } });
    expect(call('entities.update', { id: putin.id, aliases: ['Kim'] })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'aliases', message: '“Kim” already names “Kim Jong Un”. If they are one and the same, merge the two instead. Nothing was changed.' } });
    expect(call('entities.update', { id: putin.id, affiliationId: 424242 })).toMatchObject({ ok: false, error: { field: 'affiliationId' } });
    expect(call('entities.delete', { id: putin.id })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^“Vladimir Putin” is the subject of \d+ facts/) } });
    expect(call('entities.update', { id: 424242, role: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(store.entities.list()).toEqual(entities);
    store.close();
  });

  it('reports a missing record as not found, in words', () => {
    const { store, call } = setup();
    expect(call('documents.get', { id: 424242 })).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no document 424242; it may have been deleted.' } });
    store.close();
  });
});

describe('the log a person can attach to a bug report', () => {
  it('records refused requests and unexpected failures, with what was refused and why', async () => {
    const { readFileSync } = await import('node:fs');
    const { openLog } = await import('../log');
    const dir = tempDir();
    const store = seededStore(dir);
    const log = openLog(dir);
    const handlers = createHandlers(store, { version: 'test', dataDir: dir, transport: 'http' });
    const broken = { ...handlers, 'documents.list': () => { throw new Error('disk I/O error'); } } as typeof handlers;
    const options = { onRefused: (c: string, m: string) => log.info(`Refused ${c}: ${m}`), onInternalError: (c: string, e: unknown) => log.error(`Request ${c} failed`, e) };
    dispatch(handlers, 'annotations.create', { documentId: 1, start: 5, end: 2 }, options);
    dispatch(broken, 'documents.list', {}, options);
    const text = readFileSync(log.file, 'utf8');
    expect(text).toMatch(/INFO Refused annotations\.create: The passage is reversed \(starts at 5, ends at 2\)\. Nothing was changed\./);
    expect(text).toMatch(/ERROR Request documents\.list failed: Error: disk I\/O error/);
    store.close();
  });
});
