import { describe, expect, it } from 'vitest';
import { codePointLength } from '../common/text';
import { InputError } from './errors';
import type { Store } from './store';
import { seededStore } from './testing/seeded';
import { makeTempDirs } from './testing/tempDir';
import type { ImportProgress } from '../common/progress';
import { ANCHOR_CHUNK, ANNO_CONTEXT, exportW3c, IMPORTED_CODE_COLOR, importW3c, importW3cInSteps, MAX_IMPORT_ANNOTATIONS, MAX_IMPORT_BYTES, type W3cCollection } from './w3c';

const tempDir = makeTempDirs();

function seeded(): Store {
  return seededStore(tempDir());
}

const article = (store: Store) => store.documents.get(store.documents.list()[0]!.id);

/** Code-point offsets of the first occurrence of `exact` in `text` (what a W3C selector counts). */
function span(text: string, exact: string): { start: number; end: number } {
  const u = text.indexOf(exact);
  if (u < 0) throw new Error(`test setup: “${exact}” is not in the text`);
  const start = codePointLength(text.slice(0, u));
  return { start, end: start + codePointLength(exact) };
}

const codeId = (store: Store, name: string) => store.codes.list().find((c) => c.name === name)!.id;

/** What an analyst sees of an annotation, without its row id. */
function seen(store: Store) {
  const names = new Map(store.codes.list().map((c) => [c.id, c.name]));
  return store.annotations.list().map((a) => ({
    documentId: a.documentId,
    start: a.start,
    end: a.end,
    exact: a.exact,
    prefix: a.prefix,
    suffix: a.suffix,
    comment: a.comment,
    anchor: a.anchor,
    codes: a.codeIds.map((id) => names.get(id)).sort(),
    created: a.created,
  }));
}

/** Row counts of everything an import could write. */
function footprint(store: Store) {
  const count = (table: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    annotations: count('annotations'),
    codes: count('codes'),
    links: count('annotation_codes'),
    changes: count('change_log'),
    history: count('history'),
    documents: count('documents'),
  };
}

const HANGUL_TITLE = '평양 속보 🎉';
const HANGUL_TEXT = '🎉🎉 속보: 김정은 위원장이 러시아에 도착했다 😀 The armoured train arrived at Vostochny on Wednesday morning. 👍🏽 끝.';

describe('export', () => {
  it('writes one AnnotationCollection whose annotations carry both selectors, the comment and the codes as tags', () => {
    const store = seeded();
    const doc = article(store);
    const passage = 'boarded his private train bound for Russia';
    const a = store.annotations.create({ documentId: doc.id, ...span(doc.text, passage), codeIds: [codeId(store, 'Diplomacy and travel'), codeId(store, 'Military cooperation')], comment: 'Check the date.' });
    const plain = store.annotations.create({ documentId: doc.id, ...span(doc.text, 'Ukraine conflict') });
    const collection = exportW3c(store);
    expect(collection).toMatchObject({ '@context': ANNO_CONTEXT, type: 'AnnotationCollection', total: 2, first: { type: 'AnnotationPage' } });
    expect(collection.label).toBe('Summit Workbench annotations');
    const [first, second] = collection.first.items;
    expect(first).toEqual({
      id: `urn:summit-workbench:annotation:${plain.id}`,
      type: 'Annotation',
      motivation: 'highlighting',
      created: plain.created,
      modified: plain.updated,
      target: {
        source: `urn:summit-workbench:document:${doc.id}`,
        'summit:documentTitle': doc.title,
        selector: [
          { type: 'TextPositionSelector', start: plain.start, end: plain.end },
          { type: 'TextQuoteSelector', exact: 'Ukraine conflict', prefix: plain.prefix, suffix: plain.suffix },
        ],
      },
    });
    expect(second).toMatchObject({
      id: `urn:summit-workbench:annotation:${a.id}`,
      motivation: 'commenting',
      body: [
        { type: 'TextualBody', purpose: 'commenting', value: 'Check the date.', format: 'text/plain' },
        // codebook order: Military cooperation comes before Diplomacy and travel
        { type: 'TextualBody', purpose: 'tagging', value: 'Military cooperation' },
        { type: 'TextualBody', purpose: 'tagging', value: 'Diplomacy and travel' },
      ],
      target: { selector: [{ start: a.start, end: a.end }, { exact: passage, prefix: a.prefix, suffix: a.suffix }] },
    });
    // JSON-LD that survives a trip through a file.
    expect(JSON.parse(JSON.stringify(collection))).toEqual(collection);
    store.close();
  });

  it('exports one document (titled in the label) or chosen annotations in the order given', () => {
    const store = seeded();
    const doc = article(store);
    const other = store.importDocument({ title: 'Other report', text: 'Another report about trains and summits.' });
    const a = store.annotations.create({ documentId: doc.id, start: 0, end: 12 });
    const b = store.annotations.create({ documentId: other.id, start: 0, end: 7 });
    const c = store.annotations.create({ documentId: doc.id, start: 20, end: 30 });
    const ofDoc = exportW3c(store, { documentId: other.id });
    expect(ofDoc.label).toBe('Summit Workbench annotations: Other report');
    expect(ofDoc.first.items.map((i) => i.id)).toEqual([`urn:summit-workbench:annotation:${b.id}`]);
    expect(exportW3c(store, { ids: [c.id, a.id] }).first.items.map((i) => i.id)).toEqual([c.id, a.id].map((id) => `urn:summit-workbench:annotation:${id}`));
    expect(exportW3c(store).total).toBe(3);
    expect(() => exportW3c(store, { documentId: 999 })).toThrow('There is no document 999 to export; it may have been deleted.');
    expect(() => exportW3c(store, { ids: [1.5] })).toThrow('ids must be whole numbers.');
    store.close();
  });
});

describe('round trip', () => {
  it('loses nothing: offsets, quotes and context, comments, code names, created and modified times, orphans', () => {
    const from = seeded();
    const doc = article(from);
    const hangul = from.importDocument({ title: HANGUL_TITLE, text: HANGUL_TEXT + ' 여분의 문장은 나중에 지워진다.' });
    const followUp = from.codes.create({ name: 'Follow up', color: '#ff0000' });
    const submarines = codeId(from, 'Submarines');
    from.annotations.create({ documentId: doc.id, ...span(doc.text, 'Kim is anticipated to request Russian economic aid'), codeIds: [codeId(from, 'Energy and food aid'), followUp.id], comment: 'Two lines,\n"quoted", with a comma' });
    from.annotations.create({ documentId: doc.id, ...span(doc.text, 'nuclear-capable ballistic missile submarines'), codeIds: [submarines] });
    from.annotations.create({ documentId: doc.id, ...span(doc.text, 'Vladivostok') });
    from.annotations.create({ documentId: doc.id, start: 0, end: 3, comment: 'At the very start' });
    from.annotations.create({ documentId: hangul.id, ...span(hangul.text, '김정은 위원장'), comment: '확인 필요 🔎', codeIds: [followUp.id] });
    from.annotations.create({ documentId: hangul.id, ...span(hangul.text, '😀') });
    from.annotations.create({ documentId: hangul.id, ...span(hangul.text, '여분의 문장은') });
    // The last passage is cut from the text: that annotation is orphaned and keeps its quote.
    expect(from.updateDocumentText(hangul.id, HANGUL_TEXT).annotations).toEqual({ anchored: 2, fuzzy: 0, orphaned: 1 });
    const file = JSON.stringify(exportW3c(from));

    const to = seeded();
    const copy = to.importDocument({ title: HANGUL_TITLE, text: HANGUL_TEXT });
    expect(copy.id).toBe(hangul.id);
    const codesBefore = to.codes.list().length;
    expect(importW3c(to, file)).toEqual({ anchored: 6, fuzzy: 0, orphaned: 1, imported: 7, skipped: 0, codesCreated: ['Follow up'] });
    expect(seen(to)).toEqual(seen(from));
    // modified is kept too, except for the orphan, whose row was re-anchored (and failed) just now.
    const updated = (s: Store) => s.annotations.list().map((a) => (a.anchor === 'orphaned' ? 'now' : a.updated));
    expect(updated(to)).toEqual(updated(from));
    // The one missing code was added at the top of the codebook, grey; Submarines matched its sub-code.
    expect(to.codes.list()).toHaveLength(codesBefore + 1);
    expect(to.codes.list().find((c) => c.name === 'Follow up')).toMatchObject({ parentId: null, color: IMPORTED_CODE_COLOR });
    expect(to.codes.get(codeId(to, 'Submarines')).usage).toBe(1);
    from.close();
    to.close();
  });

  it('makes new rows instead of reusing the file’s ids, and logs the import once', () => {
    const store = seeded();
    const doc = article(store);
    for (let i = 0; i < 5; i++) store.annotations.create({ documentId: doc.id, start: i * 10, end: i * 10 + 5, codeIds: [codeId(store, 'Denials')] });
    const file = JSON.stringify(exportW3c(store));
    const maxId = Math.max(...store.annotations.list().map((a) => a.id));
    // Importing a file of annotations that are all still here doubles nothing.
    expect(importW3c(store, file)).toMatchObject({ imported: 0, skipped: 5 });
    const [gone1, gone2] = store.annotations.list();
    store.annotations.delete(gone1!.id);
    store.annotations.delete(gone2!.id);
    const before = footprint(store);
    expect(importW3c(store, file)).toMatchObject({ imported: 2, skipped: 3, anchored: 2, codesCreated: [] });
    const after = store.annotations.list();
    expect(after).toHaveLength(5);
    expect(after.filter((a) => a.id > maxId)).toHaveLength(2);
    expect(footprint(store)).toEqual({ ...before, annotations: 5, links: 5, changes: before.changes + 1 });
    const log = store.db.prepare('SELECT kind, row_id AS rowId, action, after FROM change_log ORDER BY id DESC LIMIT 1').get() as { kind: string; rowId: number | null; action: string; after: string };
    expect({ ...log, after: JSON.parse(log.after) }).toEqual({
      kind: 'annotation',
      rowId: null,
      action: 'create',
      after: { import: 'W3C Web Annotation', annotations: 5, firstId: maxId + 1, lastId: maxId + 2, documents: [doc.id], anchored: 2, fuzzy: 0, orphaned: 0, codesCreated: [] },
    });
    store.close();
  });
});

describe('files from other tools', () => {
  // Hypothesis: a list of annotations on the article's web page, quote selectors only, Markdown comments and tags.
  const hypothesis = [
    {
      '@context': ANNO_CONTEXT,
      type: 'Annotation',
      id: 'https://hypothes.is/a/ZaT4jGFeEe6',
      created: '2023-09-12T08:01:02.345678+00:00',
      modified: '2023-09-12T09:00:00.000000+00:00',
      creator: 'acct:analyst@hypothes.is',
      body: [
        { type: 'TextualBody', value: 'Munitions for **aid**: the core trade.', format: 'text/markdown' },
        { type: 'TextualBody', purpose: 'tagging', value: 'military TECHNOLOGY' },
        { type: 'TextualBody', purpose: 'tagging', value: 'Needs follow-up' },
      ],
      target: [
        {
          source: 'https://www.example-news.com/2023/09/12/kim-putin-summit.html',
          selector: [{ type: 'TextQuoteSelector', exact: 'military technology in exchange for munitions', prefix: 'request Russian economic aid and ', suffix: ' that could be used by Russia' }],
        },
      ],
    },
    {
      '@context': ANNO_CONTEXT,
      type: 'Annotation',
      id: 'https://hypothes.is/a/ZaT4jGFeEe7',
      created: '2023-09-12T08:05:00Z',
      body: [{ type: 'TextualBody', purpose: 'tagging', value: 'needs follow-up' }],
      target: [{ source: 'https://www.example-news.com/2023/09/12/kim-putin-summit.html', selector: [{ type: 'TextQuoteSelector', exact: 'Vladivostok' }] }],
    },
  ];
  // Recogito: one page, commenting and tagging bodies, a single target object, both selectors, a
  // quote refining a range, and a plain string body.
  const recogito = {
    '@context': ANNO_CONTEXT,
    type: 'AnnotationPage',
    items: [
      {
        type: 'Annotation',
        id: '#c1f2',
        body: [
          { type: 'TextualBody', purpose: 'commenting', value: 'Who else was on the train?', creator: { id: 'u1', name: 'Ana' } },
          { type: 'TextualBody', purpose: 'replying', value: 'See the delegation paragraph.' },
          { type: 'TextualBody', purpose: 'tagging', value: 'Diplomacy and travel' },
        ],
        target: { source: 'http://localhost:5173/summit', selector: { type: 'TextQuoteSelector', exact: 'boarded his private train bound for Russia' } },
      },
      {
        type: 'Annotation',
        id: '#c1f3',
        body: 'A string body is a comment.',
        target: {
          source: 'http://localhost:5173/summit',
          selector: [{ type: 'RangeSelector', startSelector: { type: 'XPathSelector', value: '/p[3]' }, refinedBy: { type: 'TextQuoteSelector', exact: 'Dmitry Peskov' } }],
        },
      },
      {
        type: 'Annotation',
        id: '#c1f4',
        target: { source: 'http://localhost:5173/summit', selector: [{ type: 'TextPositionSelector', start: 0, end: 11 }] },
      },
    ],
  };

  it('anchors a Hypothesis list in the chosen document, mapping tags to codes case-insensitively', () => {
    const store = seeded();
    const doc = article(store);
    const codes = store.codes.list().length;
    expect(importW3c(store, JSON.stringify(hypothesis), { documentId: doc.id })).toEqual({ anchored: 2, fuzzy: 0, orphaned: 0, imported: 2, skipped: 0, codesCreated: ['Needs follow-up'] });
    const [vladivostok, munitions] = [...store.annotations.list()].sort((x, y) => y.start - x.start);
    expect(munitions).toMatchObject({ documentId: doc.id, ...span(doc.text, 'military technology in exchange for munitions'), exact: 'military technology in exchange for munitions', anchor: 'anchored' });
    expect(munitions!.prefix).toBe(doc.text.slice(doc.text.indexOf('military technology in exchange') - 32, doc.text.indexOf('military technology in exchange')));
    expect(munitions!.comment).toBe('Munitions for **aid**: the core trade.');
    expect(munitions!.created).toBe('2023-09-12T08:01:02.345Z');
    expect(munitions!.updated).toBe('2023-09-12T09:00:00.000Z');
    const followUp = codeId(store, 'Needs follow-up');
    expect(munitions!.codeIds.sort()).toEqual([codeId(store, 'Military technology'), followUp].sort());
    expect(vladivostok).toMatchObject({ ...span(doc.text, 'Vladivostok'), codeIds: [followUp], comment: '' });
    expect(store.codes.list()).toHaveLength(codes + 1); // one new code for both spellings of the tag
    store.close();
  });

  it('reads a Recogito page: single target object, one or many selectors, refinedBy, replies and string bodies', () => {
    const store = seeded();
    const doc = article(store);
    expect(importW3c(store, JSON.stringify(recogito), { documentId: doc.id })).toEqual({ anchored: 3, fuzzy: 0, orphaned: 0, imported: 3, skipped: 0, codesCreated: [] });
    const [start, train, peskov] = store.annotations.list();
    expect(start).toMatchObject({ start: 0, end: 11, exact: 'Kim Jong Un', prefix: '', suffix: doc.text.slice(11, 43), comment: '' });
    expect(train).toMatchObject({ exact: 'boarded his private train bound for Russia', comment: 'Who else was on the train?\n\nSee the delegation paragraph.', codeIds: [codeId(store, 'Diplomacy and travel')] });
    expect(peskov).toMatchObject({ ...span(doc.text, 'Dmitry Peskov'), exact: 'Dmitry Peskov', comment: 'A string body is a comment.' });
    store.close();
  });

  it('refuses another tool’s file without a chosen document, naming the page it annotates', () => {
    const store = seeded();
    const before = footprint(store);
    expect(() => importW3c(store, JSON.stringify(hypothesis))).toThrow(
      'Annotation 1 of 2 annotates “https://www.example-news.com/2023/09/12/kim-putin-summit.html”, which is not a document in this workbench. Choose the document to import the file into.',
    );
    expect(footprint(store)).toEqual(before);
    store.close();
  });
});

describe('re-anchoring against the current text', () => {
  it('reports anchored, fuzzy and orphaned after the text was edited, and keeps orphans with their quote', () => {
    const from = seeded();
    const doc = article(from);
    const moved = 'South Korea’s military confirmed that the train entered Russia on Tuesday.';
    const changed = 'Kim is accompanied by Jo Chun Ryong, a ruling party official in charge of munitions policies';
    const removed = 'Photos of officials identified in North Korean state media may provide insights into Kim’s objectives in the meeting.';
    for (const passage of [moved, changed, removed]) from.annotations.create({ documentId: doc.id, ...span(doc.text, passage), comment: passage.slice(0, 10) });
    const file = JSON.stringify(exportW3c(from));

    const to = seeded();
    const edited = `UPDATE: ${doc.text}`.replace(removed, '').replace('in charge of munitions policies', 'in charge of munition policy');
    to.updateDocumentText(doc.id, edited);
    expect(importW3c(to, file)).toEqual({ anchored: 1, fuzzy: 1, orphaned: 1, imported: 3, skipped: 0, codesCreated: [] });
    const byComment = new Map(to.annotations.list().map((a) => [a.comment, a]));
    const old = (passage: string) => span(doc.text, passage);
    expect(byComment.get(moved.slice(0, 10))).toMatchObject({ anchor: 'anchored', exact: moved, start: old(moved).start + 8, end: old(moved).end + 8 });
    const fuzzy = byComment.get(changed.slice(0, 10))!;
    expect(fuzzy.anchor).toBe('fuzzy');
    expect(fuzzy.exact).toContain('in charge of munition polic');
    expect(to.annotations.list().find((a) => a.anchor === 'orphaned')).toMatchObject({ comment: removed.slice(0, 10), exact: removed, ...old(removed) });
    from.close();
    to.close();
  });
});

describe('passages of only white space', () => {
  it('imports a blank passage as orphaned, whether selected by position alone or by its quote', () => {
    const store = seeded();
    const doc = article(store);
    const gap = doc.text.indexOf('\n');
    const blank = (selector: unknown[]) => ({ type: 'Annotation', target: { source: `summit-workbench:document/${doc.id}`, selector } });
    const file = {
      type: 'AnnotationCollection',
      first: {
        items: [
          blank([{ type: 'TextPositionSelector', start: gap, end: gap + 1 }]),
          blank([{ type: 'TextQuoteSelector', exact: '\n' }, { type: 'TextPositionSelector', start: gap, end: gap + 1 }]),
          blank([{ type: 'TextPositionSelector', start: 0, end: 11 }]),
        ],
      },
    };
    expect(importW3c(store, JSON.stringify(file), { documentId: doc.id })).toMatchObject({ anchored: 1, orphaned: 2, imported: 3 });
    const list = store.annotations.list();
    expect(list.filter((a) => a.anchor === 'orphaned')).toHaveLength(2);
    expect(list.find((a) => a.anchor === 'anchored')).toMatchObject({ start: 0, end: 11, exact: 'Kim Jong Un' });
    store.close();
  });
});

describe('Unicode offsets', () => {
  it('counts Hangul and emoji offsets in code points both ways', () => {
    const store = seeded();
    const doc = store.importDocument({ title: HANGUL_TITLE, text: HANGUL_TEXT });
    const kim = span(HANGUL_TEXT, '김정은');
    // Two emoji before it: UTF-16 would put it two units later.
    expect(HANGUL_TEXT.indexOf('김정은')).toBe(kim.start + 2);
    store.annotations.create({ documentId: doc.id, ...kim });
    const exported = exportW3c(store).first.items[0]!;
    expect(exported.target.selector).toEqual([
      { type: 'TextPositionSelector', ...kim },
      { type: 'TextQuoteSelector', exact: '김정은', prefix: '🎉🎉 속보: ', suffix: ' 위원장이 러시아에 도착했다 😀 The armoured t' },
    ]);
    // 32 code points of context after the quote (33 UTF-16 units: the emoji counts once).
    expect(codePointLength(exported.target.selector[1]!.type === 'TextQuoteSelector' ? exported.target.selector[1]!.suffix : '')).toBe(32);

    const target = (selector: unknown) => ({ type: 'Annotation', target: { source: `urn:summit-workbench:document:${doc.id}`, selector } });
    const smile = span(HANGUL_TEXT, '😀');
    const thumbs = span(HANGUL_TEXT, '👍🏽');
    expect(smile.end - smile.start).toBe(1);
    expect(thumbs.end - thumbs.start).toBe(2); // a thumb and its skin tone
    const file = [
      target({ type: 'TextPositionSelector', ...span(HANGUL_TEXT, '러시아에') }),
      target({ type: 'TextQuoteSelector', exact: '😀' }),
      target({ type: 'TextQuoteSelector', exact: '👍🏽 끝' }),
    ];
    expect(importW3c(store, JSON.stringify(file))).toMatchObject({ anchored: 3, imported: 3 });
    const rows = store.annotations.list().slice(1);
    expect(rows.map((a) => [a.start, a.end, a.exact])).toEqual([
      [span(HANGUL_TEXT, '러시아에').start, span(HANGUL_TEXT, '러시아에').end, '러시아에'],
      [smile.start, smile.end, '😀'],
      [thumbs.start, thumbs.end + 2, '👍🏽 끝'],
    ]);
    store.close();
  });
});

describe('accepted shapes', () => {
  const annotation = (exact: string, extra: Record<string, unknown> = {}) => ({
    type: 'Annotation',
    target: { source: 'urn:summit-workbench:document:1', selector: { type: 'TextQuoteSelector', exact } },
    ...extra,
  });

  it.each([
    ['a single annotation', { '@context': ANNO_CONTEXT, ...annotation('Vladivostok') }, 1],
    ['a list of annotations', [annotation('Vladivostok'), annotation('Beijing')], 2],
    ['an AnnotationPage', { '@context': ANNO_CONTEXT, type: 'AnnotationPage', items: [annotation('Vladivostok')] }, 1],
    [
      'an AnnotationCollection with embedded pages',
      { '@context': ANNO_CONTEXT, type: 'AnnotationCollection', total: 3, first: { type: 'AnnotationPage', items: [annotation('Vladivostok')], next: { type: 'AnnotationPage', items: [annotation('Beijing'), annotation('Moscow')] } } },
      3,
    ],
    ['an empty collection', { '@context': ANNO_CONTEXT, type: 'AnnotationCollection', total: 0 }, 0],
    ['a JSON-LD graph', { '@context': ANNO_CONTEXT, '@graph': [annotation('Vladivostok')] }, 1],
    ['a file with a byte-order mark', `\uFEFF${JSON.stringify([annotation('Vladivostok')])}`, 1],
  ])('imports %s', (_name, file, n) => {
    const store = seeded();
    const report = importW3c(store, typeof file === 'string' ? file : JSON.stringify(file));
    expect(report).toMatchObject({ imported: n, anchored: n });
    expect(store.annotations.list()).toHaveLength(n);
    store.close();
  });

  it('takes a tag from a body without purpose when the motivation is tagging, reads HTML as text, skips bodies that are not prose', () => {
    const store = seeded();
    importW3c(store, JSON.stringify([
      annotation('Vladivostok', { motivation: 'tagging', body: { type: 'TextualBody', value: 'Denials' } }),
      annotation('Beijing', {
        body: [
          { type: 'TextualBody', value: '<p>Seen <b>twice</b></p>', format: 'text/html' },
          { type: 'Image', id: 'https://example.org/photo.jpg', purpose: 'describing' },
          { type: 'TextualBody', purpose: 'highlighting', value: 'yellow' },
          { type: 'TextualBody', purpose: 'oa:questioning', value: 'By whom?' },
        ],
        created: 'not a date',
      }),
    ]));
    const [vladivostok, beijing] = [...store.annotations.list()].sort((x, y) => y.start - x.start);
    expect(vladivostok!.codeIds).toEqual([codeId(store, 'Denials')]);
    expect(beijing!.comment).toBe('Seen twice\n\nBy whom?');
    expect(Date.now() - Date.parse(beijing!.created)).toBeLessThan(60_000); // an unreadable date becomes the import time
    store.close();
  });
});

describe('refusals', () => {
  const urn = 'urn:summit-workbench:document:1';
  const good = (i: number) => ({ type: 'Annotation', body: { purpose: 'tagging', type: 'TextualBody', value: 'Brand new code' }, target: { source: urn, selector: { type: 'TextQuoteSelector', exact: 'Kim' } }, id: i });
  /** Ten annotations, the third replaced by `bad`. */
  const tenWith = (bad: unknown) => JSON.stringify(Array.from({ length: 10 }, (_, i) => (i === 2 ? bad : good(i))));
  const withSelector = (selector: unknown) => tenWith({ type: 'Annotation', target: { source: urn, selector } });

  it.each([
    ['text that is not JSON', 'Kim Jong Un arrived', {}, /^The file is not JSON: Unexpected token/],
    ['an empty file', '', {}, /^The file is not JSON: Unexpected end of JSON input/],
    ['a JSON number', '42', {}, 'The file is JSON but not a W3C Web Annotation, page or collection: it holds a number (42).'],
    ['a JSON object of another kind', '{"type": "Person", "name": "Kim"}', {}, 'The file is JSON but not a W3C Web Annotation, page or collection: it holds an object of type “Person”.'],
    ['a list holding something else', tenWith('Kim'), {}, 'Annotation 3 of 10 is not an annotation: it is a text ("Kim").'],
    ['a list holding a page', tenWith({ type: 'AnnotationPage', items: [] }), {}, 'Annotation 3 of 10 is not an annotation: it is an object of type “AnnotationPage”.'],
    [
      'a collection whose pages are links',
      JSON.stringify({ type: 'AnnotationCollection', total: 5, first: 'https://example.org/anno/page1' }),
      {},
      'The annotation collection in the file does not contain its annotations: its first page is a link (https://example.org/anno/page1). Save the pages themselves and import them.',
    ],
    [
      'a collection with a page missing',
      JSON.stringify({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [good(0)], next: 'https://example.org/anno/page2' } }),
      {},
      'The file holds only part of the annotation collection: a later page is a link (https://example.org/anno/page2). Save every page and import them.',
    ],
    ['an annotation without a target', tenWith({ type: 'Annotation', body: 'note' }), {}, 'Annotation 3 of 10 has no target: it does not say which passage it annotates.'],
    ['a target without selectors', tenWith({ type: 'Annotation', target: { source: urn } }), {}, 'Annotation 3 of 10 has no TextQuoteSelector or TextPositionSelector'],
    ['a target that is only a link', tenWith({ type: 'Annotation', target: urn }), {}, 'Annotation 3 of 10 has no TextQuoteSelector or TextPositionSelector'],
    ['only selectors of other kinds', withSelector([{ type: 'FragmentSelector', value: 'char=0,10' }, { type: 'CssSelector', value: 'p' }]), {}, 'Annotation 3 of 10 has no TextQuoteSelector or TextPositionSelector'],
    ['a document the store does not hold', JSON.stringify(good(0)).replace(urn, 'urn:summit-workbench:document:999'), {}, 'Annotation 1 of 1 belongs to document 999 (urn:summit-workbench:document:999), which this workbench does not hold. Choose the document to import the file into.'],
    ['a target without a source', tenWith({ type: 'Annotation', target: { selector: { type: 'TextQuoteSelector', exact: 'Kim' } } }), {}, 'Annotation 3 of 10 does not say which document it belongs to. Choose the document to import the file into.'],
    ['a chosen document that does not exist', tenWith(good(2)), { documentId: 999 }, 'There is no document 999 to import into; it may have been deleted. Choose another document.'],
    ['a fractional offset', withSelector({ type: 'TextPositionSelector', start: 1.5, end: 4 }), {}, 'Annotation 3 of 10 has a TextPositionSelector whose start (1.5) is not a whole number.'],
    ['an offset written as text', withSelector({ type: 'TextPositionSelector', start: 0, end: '12' }), {}, 'Annotation 3 of 10 has a TextPositionSelector whose end ("12") is not a whole number.'],
    ['a missing offset', withSelector({ type: 'TextPositionSelector', start: 3 }), {}, 'Annotation 3 of 10 has a TextPositionSelector without its end.'],
    ['a negative offset', withSelector({ type: 'TextPositionSelector', start: -2, end: 4 }), {}, 'Annotation 3 of 10 has a TextPositionSelector whose start (-2) is negative.'],
    ['a reversed range', withSelector({ type: 'TextPositionSelector', start: 9, end: 4 }), {}, 'Annotation 3 of 10 has a TextPositionSelector that ends (4) before it starts (9).'],
    ['an empty range and no quote', withSelector({ type: 'TextPositionSelector', start: 4, end: 4 }), {}, 'Annotation 3 of 10 has an empty TextPositionSelector (start and end are both 4) and no TextQuoteSelector.'],
    ['a quote without its exact text', withSelector({ type: 'TextQuoteSelector', prefix: 'Kim ' }), {}, 'Annotation 3 of 10 has a TextQuoteSelector without an exact quote.'],
    ['a quote whose prefix is not text', withSelector({ type: 'TextQuoteSelector', exact: 'Kim', prefix: 7 }), {}, 'Annotation 3 of 10 has a TextQuoteSelector whose prefix is not text.'],
    ['the last of ten being bad', JSON.stringify([...Array.from({ length: 9 }, (_, i) => good(i)), { type: 'Annotation' }]), {}, 'Annotation 10 of 10 has no target'],
  ])('refuses %s, writing nothing', (_name, text, options, message) => {
    const store = seeded();
    const before = footprint(store);
    let error: unknown;
    try {
      importW3c(store, text, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    if (typeof message === 'string') expect((error as Error).message).toContain(message);
    else expect((error as Error).message).toMatch(message);
    expect(footprint(store)).toEqual(before);
    store.close();
  });

  it('refuses more annotations than the limit, and a file over the size limit, before reading them', () => {
    const store = seeded();
    const before = footprint(store);
    const tooMany = `[${'{},'.repeat(MAX_IMPORT_ANNOTATIONS)}{}]`;
    expect(() => importW3c(store, tooMany)).toThrow('The file holds more than 1,000,000 annotations, the most the workbench imports at once. Split it into smaller files.');
    const tooBig = `${' '.repeat(MAX_IMPORT_BYTES)}[]`;
    expect(() => importW3c(store, tooBig)).toThrow('The file is 200 MB; the workbench imports annotation files up to 200 MB. Split it into smaller files.');
    expect(footprint(store)).toEqual(before);
    store.close();
  });
});

/** n annotations over the seeded article: both selectors, a comment on every third, tags cycling through the codebook and some new ones. */
function bigFile(store: Store, n: number): string {
  const doc = article(store);
  const codes = store.codes.list().map((c) => c.name);
  const length = codePointLength(doc.text);
  const chars = [...doc.text];
  const items = Array.from({ length: n }, (_, i) => {
    const start = (i * 37) % (length - 60);
    const end = start + 5 + (i % 50);
    return {
      type: 'Annotation',
      id: `https://example.org/anno/${i}`,
      created: '2024-01-02T03:04:05.000Z',
      body: [
        ...(i % 3 === 0 ? [{ type: 'TextualBody', purpose: 'commenting', value: `Comment ${i}` }] : []),
        { type: 'TextualBody', purpose: 'tagging', value: codes[i % codes.length] },
        { type: 'TextualBody', purpose: 'tagging', value: `Batch tag ${i % 5}` },
      ],
      target: {
        source: `urn:summit-workbench:document:${doc.id}`,
        selector: [
          { type: 'TextPositionSelector', start, end },
          { type: 'TextQuoteSelector', exact: chars.slice(start, end).join(''), prefix: chars.slice(Math.max(0, start - 32), start).join(''), suffix: chars.slice(end, end + 32).join('') },
        ],
      },
    };
  });
  return JSON.stringify({ '@context': ANNO_CONTEXT, type: 'AnnotationCollection', total: n, first: { type: 'AnnotationPage', items } });
}

describe('volume', () => {
  it('imports 10,000 annotations in one go', () => {
    const store = seeded();
    const file = bigFile(store, 10_000);
    const t0 = performance.now();
    const report = importW3c(store, file);
    console.log(`W3C import of 10,000 annotations (${(file.length / 1024 / 1024).toFixed(1)} MB): ${Math.round(performance.now() - t0)} ms`);
    expect(report).toEqual({ anchored: 10_000, fuzzy: 0, orphaned: 0, imported: 10_000, skipped: 0, codesCreated: ['Batch tag 0', 'Batch tag 1', 'Batch tag 2', 'Batch tag 3', 'Batch tag 4'] });
    expect(footprint(store)).toMatchObject({ annotations: 10_000, links: 20_000 });
    const exported = exportW3c(store) as W3cCollection;
    expect(exported.total).toBe(10_000);
    store.close();
  });

});

describe('a large import', () => {
  it('leaves every imported annotation findable by search, and the search trigger in place', async () => {
    const { search } = await import('./search');
    const store = seeded();
    const doc = store.documents.get(store.documents.list()[0]!.id);
    const items = Array.from({ length: 1500 }, (_, i) => ({
      type: 'Annotation',
      body: i === 1499 ? 'zanzibar marker' : 'plain',
      target: { source: `urn:summit-workbench:document:${doc.id}`, selector: { type: 'TextQuoteSelector', exact: 'Kim Jong Un' } },
    }));
    expect(importW3c(store, JSON.stringify(items)).imported).toBe(1500);
    expect(search(store.db, 'zanzibar').map((h) => h.kind)).toEqual(['annotation']);
    const later = store.actions.createAnnotation({ documentId: doc.id, start: 0, end: 11, comment: 'quokka' });
    expect(search(store.db, 'quokka')).toMatchObject([{ kind: 'annotation', id: later.id }]);
    store.close();
  });
});

describe('importing in steps', () => {
  const N = 3 * ANCHOR_CHUNK + 100;

  it('reports reading, anchoring n of N and saving, writes nothing before saving, and imports what the one-go import does', async () => {
    const store = seeded();
    const file = bigFile(store, N);
    const before = footprint(store);
    const progress: ImportProgress[] = [];
    const whileAnchoring: number[] = [];
    const report = await importW3cInSteps(store, file, {
      onProgress: (p) => {
        progress.push(p);
        if (p.phase !== 'saving') whileAnchoring.push(footprint(store).annotations);
      },
    });
    expect(report).toMatchObject({ anchored: N, fuzzy: 0, orphaned: 0, imported: N });

    expect(progress[0]).toEqual({ phase: 'reading', done: 0, total: 0 });
    const anchoring = progress.filter((p) => p.phase === 'anchoring');
    expect(anchoring.length).toBeGreaterThanOrEqual(4); // at least once per chunk, and at the end
    expect(anchoring.every((p, i) => p.total === N && (i === 0 || p.done > anchoring[i - 1]!.done))).toBe(true);
    expect(anchoring.at(-1)).toEqual({ phase: 'anchoring', done: N, total: N });
    expect(progress.slice(-2)).toEqual([
      { phase: 'saving', done: 0, total: N },
      { phase: 'saving', done: N, total: N },
    ]);
    expect(progress.map((p) => p.phase).join(' ')).toMatch(/^reading( anchoring)+ saving saving$/);
    // Nothing partial: every row appeared at once, in the saving step.
    expect(new Set(whileAnchoring)).toEqual(new Set([before.annotations]));

    const oneGo = seeded();
    importW3c(oneGo, file);
    expect(seen(store)).toEqual(seen(oneGo));
    store.close();
    oneGo.close();
  });

  it('lets other work run between slices of anchoring', async () => {
    const store = seeded();
    let anchoredSoFar = 0;
    let anchoredWhenOtherWorkRan = -1;
    await importW3cInSteps(store, bigFile(store, N), {
      onProgress: (p) => {
        if (p.phase !== 'anchoring') return;
        anchoredSoFar = p.done;
        // Another request arrives after the first slice: it is answered before the second.
        if (p.done === ANCHOR_CHUNK) setImmediate(() => (anchoredWhenOtherWorkRan = anchoredSoFar));
      },
    });
    expect(anchoredWhenOtherWorkRan).toBe(ANCHOR_CHUNK);
    store.close();
  });

  it('refuses a bad annotation late in the file after anchoring the ones before it, writing nothing', async () => {
    const store = seeded();
    const items = (JSON.parse(bigFile(store, N)) as { first: { items: unknown[] } }).first.items;
    items[N - 50] = { type: 'Annotation', body: 'no target' };
    const before = footprint(store);
    const progress: ImportProgress[] = [];
    await expect(importW3cInSteps(store, JSON.stringify(items), { onProgress: (p) => progress.push(p) })).rejects.toThrow(
      new InputError(`Annotation ${(N - 49).toLocaleString('en')} of ${N.toLocaleString('en')} has no target: it does not say which passage it annotates.`),
    );
    expect(progress.filter((p) => p.phase === 'anchoring').at(-1)!.done).toBeGreaterThanOrEqual(3 * ANCHOR_CHUNK);
    expect(progress.some((p) => p.phase === 'saving')).toBe(false);
    expect(footprint(store)).toEqual(before);
    store.close();
  });

  it('writes nothing when saving fails part way through the rows, and leaves search indexing as it was', async () => {
    const { search } = await import('./search');
    const store = seeded();
    const file = bigFile(store, N);
    const before = footprint(store);
    // The disk fills up on the 1,000th row.
    store.db.exec(`CREATE TEMP TRIGGER full_disk BEFORE INSERT ON annotations WHEN (SELECT count(*) FROM annotations) >= ${before.annotations + 999}
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    await expect(importW3cInSteps(store, file)).rejects.toThrow('database or disk is full');
    expect(footprint(store)).toEqual(before);
    store.db.exec('DROP TRIGGER full_disk');
    const later = store.actions.createAnnotation({ documentId: article(store).id, start: 0, end: 11, comment: 'quokka' });
    expect(search(store.db, 'quokka')).toMatchObject([{ kind: 'annotation', id: later.id }]);
    store.close();
  });

  it('anchors again against the new text when the document is edited while it was anchoring, and refuses when it is deleted', async () => {
    const store = seeded();
    const doc = article(store);
    const passage = 'Vladivostok';
    const file = JSON.stringify([{ type: 'Annotation', target: { source: `urn:summit-workbench:document:${doc.id}`, selector: { type: 'TextQuoteSelector', exact: passage } } }]);
    const report = await importW3cInSteps(store, file, {
      onProgress: (p) => {
        // Another request edits the text between anchoring and saving.
        if (p.phase === 'saving' && p.done === 0) store.updateDocumentText(doc.id, `A new first line.\n${doc.text}`);
      },
    });
    expect(report).toMatchObject({ anchored: 1, imported: 1 });
    const [annotation] = store.annotations.list();
    const text = store.documents.get(doc.id).text;
    expect(annotation).toMatchObject(span(text, passage));

    const other = store.importDocument({ title: 'Short-lived', text: 'A report about Vladivostok.' });
    const before = footprint(store);
    await expect(
      importW3cInSteps(store, file.replace(`document:${doc.id}`, `document:${other.id}`), {
        onProgress: (p) => {
          if (p.phase === 'saving' && p.done === 0) store.db.prepare('DELETE FROM documents WHERE id = ?').run(other.id);
        },
      }),
    ).rejects.toThrow(`belongs to document ${other.id}`);
    expect(footprint(store)).toEqual({ ...before, documents: before.documents - 1 });
    store.close();
  });
});
