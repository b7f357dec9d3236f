import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../common/text';
import { loadSeed, seedStore } from './seed';
import { Store } from './store';
import { ARTICLE_FILE, RESOURCES, seededStore } from './testing/seeded';
import { makeTempDirs } from './testing/tempDir';

const tempDir = makeTempDirs();
const shipped = JSON.parse(readFileSync(`${RESOURCES}/kim-putin-summit.facts.json`, 'utf8')) as {
  entities: { key: string; name: string; kind: string }[];
  facts: { evidence: string; source: string | null }[];
};
const article = readFileSync(ARTICLE_FILE, 'utf8');

describe('the shipped summit facts', () => {
  it('anchor every evidence quote verbatim in the article', () => {
    for (const fact of shipped.facts) expect(article).toContain(fact.evidence);
  });

  it('name every person the article names', () => {
    const people = shipped.entities.filter((e) => e.kind === 'person').map((e) => e.name);
    for (const name of ['Kim Jong Un', 'Vladimir Putin', 'Dmitry Peskov', 'Jo Chun Ryong', 'Pak Thae Song', 'Kim Myong Sik', 'Andrei Rudenko', 'Choe Sun Hui', 'Ri Pyong Chol', 'Pak Jong Chon', 'Lim Soo-suk', 'Adrienne Watson', 'Matthew Miller', 'Hirokazu Matsuno', 'Sergei Shoigu']) {
      expect(people).toContain(name);
    }
  });

  it('cite only people and organisations as sources', () => {
    const kinds = new Map(shipped.entities.map((e) => [e.key, e.kind]));
    const sources = shipped.facts.flatMap((f) => (f.source ? [kinds.get(f.source)] : []));
    expect(new Set(sources)).toEqual(new Set(['person', 'organisation']));
  });

  it('load through the checked loader', () => {
    const seed = loadSeed(RESOURCES);
    expect(seed.facts.facts).toHaveLength(shipped.facts.length);
  });
});

describe('first-start seeding', () => {
  it('fills a new store with the article, entities, graded facts, mentions and codebook', () => {
    const store = seededStore(tempDir());
    const [doc] = store.documents.list();
    expect(doc?.title).toBe('Kim Jong Un arrives in Russia for summit with Putin');
    expect(store.documents.get(doc!.id).text).toBe(article);
    expect(store.entities.list()).toHaveLength(shipped.entities.length);
    expect(store.facts.list()).toHaveLength(shipped.facts.length);
    expect(store.codes.list().map((c) => c.name)).toContain('Arms and munitions transfers');
    const peskov = store.entities.list().find((e) => e.name === 'Dmitry Peskov')!;
    expect(peskov.mentionCount).toBeGreaterThan(0);
    store.close();
  });

  it('stores each fact’s evidence as code-point offsets that slice back to its quote', () => {
    const store = seededStore(tempDir());
    const index = new CodePointIndex(article);
    for (const fact of store.facts.list()) {
      expect(index.slice(fact.evidenceStart!, fact.evidenceEnd!)).toBe(fact.evidenceExact);
    }
    expect(store.facts.list().map((f) => f.evidenceExact).sort()).toEqual(shipped.facts.map((f) => f.evidence).sort());
    store.close();
  });

  it('happens exactly once: reopening neither duplicates nor overwrites the analyst’s edits', () => {
    const dir = tempDir();
    const first = seededStore(dir);
    const fact = first.facts.list()[0]!;
    first.db.prepare("UPDATE facts SET relation = 'edited by the analyst', reliability = 'E' WHERE id = ?").run(fact.id);
    first.db.prepare('DELETE FROM codes WHERE id = (SELECT max(id) FROM codes)').run();
    const counts = { facts: first.facts.list().length, entities: first.entities.list().length, codes: first.codes.list().length };
    first.close();

    const again = Store.open(dir);
    expect(seedStore(again, loadSeed(RESOURCES))).toBe(false);
    expect(again.documents.list()).toHaveLength(1);
    expect({ facts: again.facts.list().length, entities: again.entities.list().length, codes: again.codes.list().length }).toEqual(counts);
    expect(again.facts.get(fact.id)).toMatchObject({ relation: 'edited by the analyst', reliability: 'E' });
    again.close();
  });
});
