import { describe, expect, it } from 'vitest';
import { mergeSpans, type SpanChanges } from '../common/spans';
import type { Span } from './annotations';
import { seededStore } from './testing/seeded';
import { mulberry32 } from './testing/random';
import { makeTempDirs } from './testing/tempDir';
import { exportW3c, importW3c } from './w3c';

const tempDir = makeTempDirs();

describe('annotation spans kept current from the change log', () => {
  it('a copy kept from changes always equals a fresh full list, whatever the analyst does', () => {
    const store = seededStore(tempDir());
    const doc = store.documents.list()[0]!;
    const other = store.importDocument({ title: 'Second', text: 'Another article about Vostochny and the summit.' });
    const rand = mulberry32(20231213);
    const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rand() * xs.length)];
    let copy: readonly Span[] = [];
    let cursor: number | undefined;
    let deltas = 0;
    let fulls = 0;
    const ops: [string, () => void][] = [
      ['create', () => {
        const start = Math.floor(rand() * 2000);
        const codes = store.codes.list().map((c) => c.id);
        store.actions.createAnnotation({ documentId: rand() < 0.9 ? doc.id : other.id, start, end: start + 1 + Math.floor(rand() * 40), codeIds: codes.filter(() => rand() < 0.3) });
      }],
      ['recode', () => {
        const a = pick(store.annotations.list());
        if (a) store.actions.updateAnnotation(a.id, { codeIds: store.codes.list().map((c) => c.id).filter(() => rand() < 0.3) });
      }],
      ['comment', () => {
        const a = pick(store.annotations.list());
        if (a) store.actions.updateAnnotation(a.id, { comment: `c${rand()}` });
      }],
      ['delete', () => {
        const a = pick(store.annotations.list());
        if (a) store.actions.deleteAnnotation(a.id);
      }],
      ['undo', () => void store.actions.undo()],
      ['redo', () => void store.actions.redo()],
      ['recolour code', () => {
        const c = pick(store.codes.list());
        if (c) store.actions.updateCode(c.id, { color: '#123456' });
      }],
      ['delete code', () => {
        const c = pick(store.codes.list());
        if (c && rand() < 0.3) store.actions.deleteCode(c.id);
      }],
      ['new code', () => void store.actions.createCode({ name: `Code ${rand()}`, color: '#654321' })],
      ['note', () => void store.actions.createNote({ title: 'n', body: 'b' })],
      ['fact edit', () => {
        const f = pick(store.facts.list());
        if (f) store.actions.updateFact(f.id, { time: '2023-09' });
      }],
      ['edit text', () => {
        if (rand() < 0.2) store.updateDocumentText(doc.id, `Correction: ${store.documents.get(doc.id).text}`);
      }],
      ['w3c import', () => {
        if (rand() < 0.2) importW3c(store, JSON.stringify(exportW3c(store, { documentId: doc.id })).replaceAll('"id":', '"xid":'), { documentId: doc.id });
      }],
    ];
    for (let step = 0; step < 400; step++) {
      const [name, op] = pick(ops)!;
      try {
        op();
      } catch {
        // a refused action (nothing to undo, a range past the end) changes nothing; keep going
      }
      const changes = store.annotations.spans(doc.id, cursor);
      if (changes.full) fulls++;
      else deltas++;
      copy = mergeSpans(copy, changes as SpanChanges<Span>);
      cursor = changes.cursor;
      expect(copy, `after step ${step} (${name})`).toEqual(store.annotations.spans(doc.id).spans);
    }
    // Most steps are answered with just their changes; bulk ones with the full list.
    expect(deltas).toBeGreaterThan(fulls);
    expect(fulls).toBeGreaterThan(1);
    store.close();
  });

  it('answers an unchanged document with nothing, and an unknown cursor with the full list', () => {
    const store = seededStore(tempDir());
    const doc = store.documents.list()[0]!;
    const a = store.actions.createAnnotation({ documentId: doc.id, start: 0, end: 11 });
    const first = store.annotations.spans(doc.id);
    expect(first).toMatchObject({ full: true, spans: [{ id: a.id, start: 0, end: 11, anchor: 'anchored', codeIds: [] }], removed: [] });
    expect(store.annotations.spans(doc.id, first.cursor)).toEqual({ cursor: first.cursor, full: false, spans: [], removed: [] });
    expect(store.annotations.spans(doc.id, first.cursor + 1000)).toMatchObject({ full: true, spans: [{ id: a.id }] });
    store.actions.deleteAnnotation(a.id);
    expect(store.annotations.spans(doc.id, first.cursor)).toMatchObject({ full: false, spans: [], removed: [a.id] });
    store.close();
  });
});
