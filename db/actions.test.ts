import { describe, expect, it } from 'vitest';
import { Store } from './store';
import { entityNamed, seededStore } from './testing/seeded';
import { makeTempDirs } from './testing/tempDir';
import { textFromFile } from './importText';

const tempDir = makeTempDirs();

describe('undo and redo', () => {
  it('undo a new annotation, redo it with the same id, and keep working after reopening the store', () => {
    const dir = tempDir();
    const store = seededStore(dir);
    const doc = store.documents.list()[0]!;
    const code = store.codes.list()[0]!;
    const a = store.actions.createAnnotation({ documentId: doc.id, start: 0, end: 11, codeIds: [code.id], comment: 'leader' });
    expect(store.history.state()).toEqual({ undo: 'Code “Kim Jong Un”', redo: null, undoId: expect.any(Number) });
    store.actions.undo();
    expect(store.annotations.list()).toEqual([]);
    store.close();

    const reopened = Store.open(dir);
    expect(reopened.history.state()).toEqual({ undo: null, redo: 'Code “Kim Jong Un”', undoId: null });
    reopened.actions.redo();
    expect(reopened.annotations.list()).toMatchObject([{ id: a.id, exact: 'Kim Jong Un', codeIds: [code.id], comment: 'leader' }]);
    reopened.close();
  });

  it('undo an edit and a delete, and forget the redo stack after a new action', () => {
    const store = seededStore(tempDir());
    const doc = store.documents.list()[0]!;
    const a = store.actions.createAnnotation({ documentId: doc.id, start: 0, end: 11, comment: 'first' });
    store.actions.updateAnnotation(a.id, { comment: 'second' });
    store.actions.deleteAnnotation(a.id);
    store.actions.undo();
    expect(store.annotations.get(a.id).comment).toBe('second');
    store.actions.undo();
    expect(store.annotations.get(a.id).comment).toBe('first');
    store.actions.createAnnotation({ documentId: doc.id, start: 20, end: 30 });
    expect(store.history.state().redo).toBeNull();
    store.close();
  });

  it('undo a new note after typing in it, then redo: the note comes back with what was typed', () => {
    const store = seededStore(tempDir());
    const note = store.actions.createNote({});
    // Typing saves without recording an action of its own.
    store.actions.updateNote(note.id, { title: 'Meeting assessment', body: 'The delegation met at the cosmodrome.' });
    expect(store.history.state().undo).toBe('New note');
    store.actions.undo();
    expect(store.notes.list().some((n) => n.id === note.id)).toBe(false);
    store.actions.redo();
    expect(store.notes.get(note.id)).toMatchObject({ title: 'Meeting assessment', body: 'The delegation met at the cosmodrome.' });
    // And again, after one more round of typing.
    store.actions.updateNote(note.id, { body: 'Revised.' });
    store.actions.undo();
    store.actions.redo();
    expect(store.notes.get(note.id).body).toBe('Revised.');
    store.close();
  });

  it('undo deleting a code brings back its nesting and its annotations', () => {
    const store = seededStore(tempDir());
    const doc = store.documents.list()[0]!;
    const parent = store.codes.list().find((c) => c.name === 'Military cooperation')!;
    const child = store.codes.list().find((c) => c.parentId === parent.id)!;
    const a = store.actions.createAnnotation({ documentId: doc.id, start: 0, end: 11, codeIds: [parent.id] });
    store.actions.deleteCode(parent.id);
    expect(store.annotations.get(a.id).codeIds).toEqual([]);
    expect(store.codes.get(child.id).parentId).toBeNull();
    store.actions.undo();
    expect(store.codes.get(child.id).parentId).toBe(parent.id);
    expect(store.annotations.get(a.id).codeIds).toEqual([parent.id]);
    store.close();
  });

  it('refuses to nest a code inside its own sub-code, changing nothing', () => {
    const store = seededStore(tempDir());
    const parent = store.codes.list().find((c) => c.name === 'Military cooperation')!;
    const child = store.codes.list().find((c) => c.parentId === parent.id)!;
    expect(() => store.actions.updateCode(parent.id, { parentId: child.id })).toThrowError(/inside itself/);
    expect(store.codes.get(parent.id).parentId).toBeNull();
    expect(store.history.state().undo).toBeNull();
    store.close();
  });
});

describe('how a fact is named', () => {
  it('in undo and in search, by its whole sentence: subject, relation and object', async () => {
    const { search } = await import('./search');
    const store = seededStore(tempDir());
    const kim = entityNamed(store, 'Kim Jong Un');
    const withEntity = store.actions.createFact({ subjectId: kim.id, relation: 'inspected', objectId: entityNamed(store, 'Vladivostok').id, reliability: 'B', credibility: 2, status: 'reported' });
    expect(store.history.state().undo).toBe('Add fact “Kim Jong Un inspected Vladivostok”');
    store.actions.createFact({ subjectId: kim.id, relation: 'toured', objectText: 'the Vostochny Cosmodrome launch pads and assembly halls', reliability: 'B', credibility: 2, status: 'reported' });
    expect(store.history.state().undo).toBe("Add fact “Kim Jong Un toured the Vostochny Cosmodrome launch pads…”");
    expect(search(store.db, 'Cosmodrome').filter((h) => h.kind === 'fact')).toMatchObject([{ title: 'Kim Jong Un toured the Vostochny Cosmodrome launch pads and assembly halls' }]);
    store.actions.deleteFact(withEntity.id);
    expect(store.history.state().undo).toBe('Delete fact “Kim Jong Un inspected Vladivostok”');
    store.close();
  });
});

describe('correcting a document’s text', () => {
  it('re-anchors annotations and evidence, orphaning what is gone without deleting it', () => {
    const store = seededStore(tempDir());
    const doc = store.documents.get(store.documents.list()[0]!.id);
    const kept = store.actions.createAnnotation({ documentId: doc.id, start: 0, end: 11 });
    const quote = 'Speculation about military cooperation';
    const at = [...doc.text].join('').indexOf(quote);
    const lost = store.actions.createAnnotation({ documentId: doc.id, start: at, end: at + quote.length });
    const result = store.updateDocumentText(doc.id, `Breaking: ${doc.text.replace(quote, 'Talk')}`);
    expect(result.annotations).toEqual({ anchored: 1, fuzzy: 0, orphaned: 1 });
    expect(store.annotations.get(kept.id)).toMatchObject({ start: 10, end: 21, exact: 'Kim Jong Un', anchor: 'anchored' });
    expect(store.annotations.get(lost.id)).toMatchObject({ exact: quote, anchor: 'orphaned' });
    expect(result.evidence.anchored + result.evidence.fuzzy).toBeGreaterThan(40);
    store.close();
  });
});

describe('imported files', () => {
  it('decode UTF-8 text and reduce HTML to its text', () => {
    expect(textFromFile('a.txt', new TextEncoder().encode('평양 👋🏽'))).toBe('평양 👋🏽');
    expect(textFromFile('a.html', new TextEncoder().encode('<html><body><h1>Summit</h1><p>Kim <b>met</b> Putin.</p><script>x()</script></body></html>'))).toBe('Summit\n\nKim met Putin.');
  });

  it('refuse binary, non-UTF-8, unsupported and empty files with a reason', () => {
    expect(() => textFromFile('a.txt', new Uint8Array([80, 0, 1]))).toThrowError(/binary file/);
    expect(() => textFromFile('a.txt', new Uint8Array([80, 0xe9]))).toThrowError(/not UTF-8/);
    expect(() => textFromFile('a.pdf', new Uint8Array([80]))).toThrowError(/not a file the workbench can import/);
    expect(() => textFromFile('a.txt', new TextEncoder().encode('   \n'))).toThrowError(/no text/);
  });
});

describe('merging entities', () => {
  /** A seeded store and the two entities the merge tests fold together. */
  const kremlinAndPeskov = () => {
    const store = seededStore(tempDir());
    const find = (name: string) => entityNamed(store, name);
    return { store, find, kremlin: find('Kremlin'), peskov: find('Dmitry Peskov') };
  };

  it('moves mentions, facts and aliases to the kept entity, and undo puts everything back', () => {
    const { store, find, kremlin, peskov } = kremlinAndPeskov();
    const before = { kremlin, peskov, facts: store.facts.list() };
    const merged = store.actions.mergeEntities(peskov.id, kremlin.id);
    expect(merged.aliases).toEqual(expect.arrayContaining(['Kremlin']));
    expect(merged.mentionCount).toBe(peskov.mentionCount + kremlin.mentionCount);
    expect(store.entities.list().some((e) => e.id === kremlin.id)).toBe(false);
    expect(store.facts.list().filter((f) => f.subjectId === kremlin.id || f.sourceId === kremlin.id || f.objectId === kremlin.id)).toEqual([]);

    store.actions.undo();
    expect(find('Kremlin')).toEqual(before.kremlin);
    expect(find('Dmitry Peskov')).toEqual(before.peskov);
    expect(store.facts.list()).toEqual(before.facts);
    store.close();
  });

  it('undo brings back a note’s links exactly, including the one the merge folded into a duplicate', () => {
    const { store, kremlin, peskov } = kremlinAndPeskov();
    const putin = entityNamed(store, 'Vladimir Putin');
    // Linked to both (the merge keeps one link), and linked to the merged entity only (it moves).
    const both = store.actions.createNote({ title: 'Both', links: [{ kind: 'entity', targetId: kremlin.id }, { kind: 'entity', targetId: putin.id }, { kind: 'entity', targetId: peskov.id }] });
    const one = store.actions.createNote({ title: 'One', links: [{ kind: 'entity', targetId: kremlin.id }] });
    const linkRows = () => store.db.prepare('SELECT id, note_id, target_kind, target_id, created FROM note_links ORDER BY id').all();
    const before = { rows: linkRows(), both: store.notes.get(both.id).links, one: store.notes.get(one.id).links };

    store.actions.mergeEntities(peskov.id, kremlin.id);
    expect(store.notes.get(both.id).links.map((l) => l.label)).toEqual(['Vladimir Putin', 'Dmitry Peskov']);
    expect(store.notes.get(one.id).links.map((l) => l.label)).toEqual(['Dmitry Peskov']);

    store.actions.undo();
    expect(store.notes.get(both.id).links).toEqual(before.both);
    expect(store.notes.get(one.id).links).toEqual(before.one);
    expect(linkRows()).toEqual(before.rows);

    // Redo and undo again come out the same.
    store.actions.redo();
    expect(store.notes.get(both.id).links.map((l) => l.label)).toEqual(['Vladimir Putin', 'Dmitry Peskov']);
    store.actions.undo();
    expect(linkRows()).toEqual(before.rows);
    store.close();
  });

  it('undo of a merge recorded before links were kept whole still moves the links back', () => {
    const { store, kremlin, peskov } = kremlinAndPeskov();
    const note = store.actions.createNote({ title: 'One', links: [{ kind: 'entity', targetId: kremlin.id }] });
    const snapshot = store.entities.merge(peskov.id, kremlin.id);
    store.entities.unmerge({ ...snapshot, noteLinks: snapshot.noteLinks.map((l) => (typeof l === 'number' ? l : l.id)) });
    expect(store.notes.get(note.id).links.map((l) => [l.targetId, l.label])).toEqual([[kremlin.id, 'Kremlin']]);
    store.close();
  });

  it('refuses to merge an entity with itself or with one that does not exist', () => {
    const store = seededStore(tempDir());
    const id = store.entities.list()[0]!.id;
    expect(() => store.actions.mergeEntities(id, id)).toThrowError(/two different entities/);
    expect(() => store.actions.mergeEntities(id, 424242)).toThrowError(/does not exist/);
    store.close();
  });
});

describe('adding, editing and deleting entities', () => {
  const mentionsOf = (store: Store, entityId: number) => store.entities.mentions(store.documents.list()[0]!.id).filter((m) => m.entityId === entityId);

  it('a new entity the article names gets its mentions; undo takes both away, redo brings them back with its id', () => {
    const store = seededStore(tempDir());
    const soviet = store.actions.createEntity({ kind: 'place', name: 'Soviet Union', aliases: ['Soviet', ' Soviet ', ''], role: 'Former state' });
    expect(soviet).toMatchObject({ name: 'Soviet Union', aliases: ['Soviet'], role: 'Former state', mentionCount: 1 });
    expect(mentionsOf(store, soviet.id).map((m) => m.exact)).toEqual(['Soviet']);
    expect(store.history.state().undo).toBe('Add entity “Soviet Union”');

    store.actions.undo();
    expect(store.entities.list().some((e) => e.name === 'Soviet Union')).toBe(false);
    expect(mentionsOf(store, soviet.id)).toEqual([]);
    store.actions.redo();
    expect(entityNamed(store, 'Soviet Union')).toEqual(soviet);
    store.close();
  });

  it('a new alias finds the mentions by it; undo of the edit takes them back', () => {
    const store = seededStore(tempDir());
    const shoigu = entityNamed(store, 'Sergei Shoigu');
    const edited = store.actions.updateEntity(shoigu.id, { aliases: ['Shoigu'], role: 'Defence Minister of Russia' });
    expect(edited).toMatchObject({ name: 'Sergei Shoigu', aliases: ['Shoigu'], role: 'Defence Minister of Russia', mentionCount: shoigu.mentionCount });
    const renamed = store.actions.updateEntity(shoigu.id, { name: 'Shoigu', aliases: [] });
    // “Russian Defense Minister Sergei Shoigu” is now a mention of “Shoigu” alone.
    expect(mentionsOf(store, shoigu.id).map((m) => m.exact)).toEqual(['Shoigu']);
    expect(renamed.name).toBe('Shoigu');
    expect(store.history.state().undo).toBe('Rename entity “Sergei Shoigu” to “Shoigu”');
    store.actions.undo();
    store.actions.undo();
    expect(entityNamed(store, 'Sergei Shoigu')).toEqual({ ...shoigu, updated: expect.any(String) });
    expect(mentionsOf(store, shoigu.id).map((m) => m.exact)).toEqual(['Sergei Shoigu']);
    store.close();
  });

  it('a renamed entity’s facts are found in search by the new name, and by the old one again after undo', async () => {
    const store = seededStore(tempDir());
    const { search } = await import('./search');
    const peskov = entityNamed(store, 'Dmitry Peskov');
    const facts = (query: string) => search(store.db, query).filter((h) => h.kind === 'fact').length;
    const before = facts('Peskov');
    expect(before).toBeGreaterThan(0);
    store.actions.updateEntity(peskov.id, { name: 'Dmitri Peskoff' });
    expect(facts('Peskoff')).toBe(before);
    store.actions.undo();
    expect(facts('Peskoff')).toBe(0);
    expect(facts('Peskov')).toBe(before);
    store.close();
  });

  it('refuses a blank name, a name another entity has, an affiliation loop and a source made a place, changing nothing', () => {
    const store = seededStore(tempDir());
    const peskov = entityNamed(store, 'Dmitry Peskov');
    const kremlin = entityNamed(store, 'Kremlin');
    const before = store.entities.list();
    expect(() => store.actions.updateEntity(peskov.id, { name: '  ' })).toThrowError('An entity needs a name.');
    expect(() => store.actions.updateEntity(peskov.id, { aliases: ['putin'] })).toThrowError('“putin” already names “Vladimir Putin”. If they are one and the same, merge the two instead.');
    expect(() => store.actions.createEntity({ kind: 'person', name: 'Kremlin' })).toThrowError('There is already an entity named “Kremlin”. Use that one, or give this one a name that tells them apart.');
    expect(() => store.actions.updateEntity(kremlin.id, { affiliationId: kremlin.id })).toThrowError('“Kremlin” cannot be affiliated with itself.');
    store.actions.updateEntity(peskov.id, { affiliationId: kremlin.id });
    expect(() => store.actions.updateEntity(kremlin.id, { affiliationId: peskov.id })).toThrowError('“Kremlin” cannot be affiliated with “Dmitry Peskov”, which is affiliated with it.');
    expect(peskov.factCount).toBeGreaterThan(0);
    expect(() => store.actions.updateEntity(peskov.id, { kind: 'place' })).toThrowError('“Dmitry Peskov” is the source of a fact, and a place cannot be a source. Change those facts’ source first.');
    expect(store.entities.list()).toEqual(before.map((e) => (e.id === peskov.id ? { ...e, affiliationId: kremlin.id, affiliation: 'Kremlin', updated: expect.any(String) } : e)));
    store.close();
  });

  it('deletes an entity no fact names, keeping notes’ links to it as broken; undo brings back it, its mentions and affiliates', () => {
    const store = seededStore(tempDir());
    const beijing = entityNamed(store, 'Beijing');
    expect(store.facts.list().filter((f) => [f.subjectId, f.objectId, f.placeId, f.sourceId].includes(beijing.id))).toEqual([]);
    const affiliate = store.actions.createEntity({ kind: 'organisation', name: 'Beijing Municipal Government', affiliationId: beijing.id });
    const note = store.actions.createNote({ title: 'Beijing', links: [{ kind: 'entity', targetId: beijing.id }] });
    const mentions = mentionsOf(store, beijing.id);
    expect(mentions.length).toBeGreaterThan(0);

    store.actions.deleteEntity(beijing.id);
    expect(store.entities.list().some((e) => e.id === beijing.id)).toBe(false);
    expect(mentionsOf(store, beijing.id)).toEqual([]);
    expect(store.entities.get(affiliate.id).affiliationId).toBeNull();
    expect(store.notes.get(note.id).links).toMatchObject([{ kind: 'entity', targetId: beijing.id, broken: true }]);

    store.actions.undo();
    expect(store.entities.get(beijing.id)).toEqual(beijing);
    expect(mentionsOf(store, beijing.id).map((m) => [m.start, m.end])).toEqual(mentions.map((m) => [m.start, m.end]));
    expect(store.entities.get(affiliate.id).affiliation).toBe('Beijing');
    expect(store.notes.get(note.id).links).toMatchObject([{ kind: 'entity', targetId: beijing.id, broken: false, label: 'Beijing' }]);
    store.close();
  });

  it('refuses to delete an entity facts name, saying which', () => {
    const store = seededStore(tempDir());
    const peskov = entityNamed(store, 'Dmitry Peskov');
    expect(() => store.actions.deleteEntity(peskov.id)).toThrowError(/^“Dmitry Peskov” is the (subject|source) of .*so it cannot be deleted\. Merge it into the entity it duplicates, or change those facts first\.$/);
    expect(store.entities.get(peskov.id)).toEqual(peskov);
    store.close();
  });

  it('undo of a merge made before an edit still gives the merged entity its mentions back', () => {
    const store = seededStore(tempDir());
    const kremlin = entityNamed(store, 'Kremlin');
    const peskov = entityNamed(store, 'Dmitry Peskov');
    store.actions.mergeEntities(peskov.id, kremlin.id);
    const shoigu = entityNamed(store, 'Sergei Shoigu');
    store.actions.updateEntity(shoigu.id, { aliases: ['Shoigu'] });
    store.actions.undo();
    store.actions.undo();
    expect(entityNamed(store, 'Kremlin').mentionCount).toBe(kremlin.mentionCount);
    expect(entityNamed(store, 'Dmitry Peskov').mentionCount).toBe(peskov.mentionCount);
    store.close();
  });
});

describe('renaming and deleting an article', () => {
  it('a title and source change, and undo puts them back', () => {
    const store = seededStore(tempDir());
    const doc = store.documents.list()[0]!;
    store.actions.describeDocument(doc.id, { title: '  Kim in Russia  ', source: 'AP' });
    expect(store.documents.get(doc.id)).toMatchObject({ title: 'Kim in Russia', source: 'AP' });
    expect(() => store.actions.describeDocument(doc.id, { title: ' ' })).toThrowError('An article needs a title.');
    store.actions.undo();
    expect(store.documents.get(doc.id)).toMatchObject({ title: doc.title, source: doc.source });
    store.close();
  });

  it('deletes an article with its annotations; facts keep their quote, notes their broken link; undo brings all back as it was', () => {
    const store = seededStore(tempDir());
    const doc = store.documents.list()[0]!;
    store.importDocument({ title: 'A second report', text: 'Kim Jong Un met Vladimir Putin.' });
    const code = store.codes.list()[0]!;
    const a = store.actions.createAnnotation({ documentId: doc.id, start: 0, end: 11, codeIds: [code.id], comment: 'the leader' });
    store.actions.createAnnotation({ documentId: doc.id, start: 20, end: 40 });
    const note = store.actions.createNote({ title: 'On Kim', links: [{ kind: 'annotation', targetId: a.id }] });
    const before = {
      doc: store.documents.get(doc.id),
      annotations: store.annotations.list({ documentId: doc.id }),
      facts: store.facts.list(),
      mentions: store.entities.mentions(doc.id),
      link: store.notes.get(note.id).links,
    };
    const withEvidence = before.facts.filter((f) => f.documentId === doc.id);
    expect(withEvidence.length).toBeGreaterThan(0);

    expect(store.actions.deleteDocument(doc.id)).toEqual({ id: doc.id, annotations: 2, facts: withEvidence.length });
    expect(store.history.state().undo).toBe('Delete article “Kim Jong Un arrives in Russia for…”');
    expect(store.documents.list().map((d) => d.title)).toEqual(['A second report']);
    expect(store.annotations.list()).toEqual([]);
    expect(store.entities.mentions(doc.id)).toEqual([]);
    const orphaned = store.facts.list().filter((f) => withEvidence.some((w) => w.id === f.id));
    expect(orphaned.every((f) => f.documentId === null && f.evidenceAnchor === 'orphaned' && f.evidenceExact !== null)).toBe(true);
    expect(store.notes.get(note.id).links).toMatchObject([{ kind: 'annotation', targetId: a.id, broken: true }]);

    store.actions.undo();
    expect(store.documents.get(doc.id)).toEqual(before.doc);
    expect(store.annotations.list({ documentId: doc.id })).toEqual(before.annotations);
    expect(store.facts.list()).toEqual(before.facts);
    expect(store.entities.mentions(doc.id).map((m) => [m.entityId, m.start, m.end])).toEqual(before.mentions.map((m) => [m.entityId, m.start, m.end]));
    expect(store.notes.get(note.id).links).toEqual(before.link);
    // The view that had synced it loads its annotations again in full.
    expect(store.annotations.spans(doc.id, store.annotations.spans(doc.id).cursor - 1).full).toBe(true);

    store.actions.redo();
    expect(store.documents.list()).toHaveLength(1);
    store.close();
  });

  it('refuses to delete the only article, changing nothing', () => {
    const store = seededStore(tempDir());
    const doc = store.documents.list()[0]!;
    expect(() => store.actions.deleteDocument(doc.id)).toThrowError(`“${doc.title}” is the only article. Import another before deleting it.`);
    expect(store.documents.list()).toEqual([doc]);
    expect(store.history.state().undo).toBeNull();
    store.close();
  });
});

describe('ids are never given twice', () => {
  it('a note’s link to a deleted fact stays broken when the next fact is added', () => {
    const store = seededStore(tempDir());
    const fact = store.actions.createFact({ subjectId: entityNamed(store, 'Kim Jong Un').id, relation: 'toured', objectText: 'a factory', reliability: 'C', credibility: 3, status: 'reported' });
    const note = store.actions.createNote({ title: 'Tour', links: [{ kind: 'fact', targetId: fact.id }] });
    store.actions.deleteFact(fact.id);
    const next = store.actions.createFact({ subjectId: entityNamed(store, 'Vladimir Putin').id, relation: 'met', objectText: 'the press', reliability: 'C', credibility: 3, status: 'reported' });
    expect(next.id).toBeGreaterThan(fact.id);
    expect(store.notes.get(note.id).links).toMatchObject([{ kind: 'fact', targetId: fact.id, broken: true }]);
    store.close();
  });

  it('undoing a deleted article works after another article and other annotations were added', () => {
    const dir = tempDir();
    const store = seededStore(dir);
    const doc = store.importDocument({ title: 'Newest report', text: 'Kim Jong Un met Vladimir Putin at the cosmodrome.' });
    const a = store.actions.createAnnotation({ documentId: doc.id, start: 0, end: 11 });
    store.actions.deleteDocument(doc.id);
    // Neither an import nor an annotation made meanwhile (not undone first) takes the deleted ids.
    const other = store.importDocument({ title: 'Another report', text: 'Putin showed his guest the assembly hall.' });
    const seeded = store.documents.list()[0]!;
    const b = store.annotations.create({ documentId: seeded.id, start: 0, end: 11 });
    expect(other.id).toBeGreaterThan(doc.id);
    expect(b.id).toBeGreaterThan(a.id);
    store.close();

    // Also across a restart, and through the undo entry kept in the store.
    const reopened = Store.open(dir);
    reopened.actions.undo();
    expect(reopened.documents.get(doc.id).title).toBe('Newest report');
    expect(reopened.annotations.get(a.id)).toMatchObject({ documentId: doc.id, exact: 'Kim Jong Un' });
    reopened.close();
  });
});

describe('search', () => {
  it('finds notes, facts, annotations and articles by a word, with the match marked, and sees new writes at once', async () => {
    const { search } = await import('./search');
    const store = seededStore(tempDir());
    const doc = store.documents.list()[0]!;
    expect(search(store.db, 'Vladivostok').map((h) => h.kind)).toEqual(expect.arrayContaining(['document', 'fact']));
    expect(search(store.db, 'armoured')).toEqual([]);
    const note = store.actions.createNote({ title: 'Rail', body: 'The armoured train crossed at Khasan.' });
    const [hit] = search(store.db, 'armour');
    expect(hit).toMatchObject({ kind: 'note', id: note.id, title: 'Rail' });
    expect(hit!.snippet).toContain('\u0002armoured\u0003');
    store.actions.deleteNote(note.id);
    expect(search(store.db, 'armoured')).toEqual([]);
    const a = store.actions.createAnnotation({ documentId: doc.id, start: 0, end: 11, comment: 'the leader himself' });
    expect(search(store.db, 'himself')).toMatchObject([{ kind: 'annotation', id: a.id, documentId: doc.id, start: 0, end: 11 }]);
    // Entities by name, alias or role, in any case; the words found are marked.
    const shoigu = entityNamed(store, 'Sergei Shoigu');
    const found = search(store.db, 'shoigu').filter((h) => h.kind === 'entity');
    expect(found[0]).toEqual({ kind: 'entity', id: shoigu.id, title: 'Sergei Shoigu', snippet: expect.stringContaining('person'), documentId: null, start: null, end: null });
    // Then the entities whose role names him, with the name marked there.
    expect(found.slice(1).map((h) => h.title)).toContain('Arms exhibition');
    expect(found.find((h) => h.title === 'Arms exhibition')!.snippet).toContain('shown to \u0002Shoigu\u0003');
    const kcna = entityNamed(store, 'Korean Central News Agency');
    expect(search(store.db, 'official news').find((h) => h.kind === 'entity' && h.id === kcna.id)?.snippet).toContain('\u0002official\u0003 \u0002news\u0003');
    store.actions.mergeEntities(shoigu.id, entityNamed(store, 'Kremlin').id);
    expect(search(store.db, 'kreml').filter((h) => h.kind === 'entity')[0]).toMatchObject({ id: shoigu.id, snippet: expect.stringContaining('also \u0002Kreml\u0003in') });
    // Operators and quotes typed by a person are words, not FTS5 syntax.
    expect(() => search(store.db, '"unbalanced AND OR NEAR( *')).not.toThrow();
    store.close();
  });
});
