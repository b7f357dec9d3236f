import { describe, expect, it } from 'vitest';
import type { Store } from './store';
import { entityNamed as entity, seededStore } from './testing/seeded';
import { makeTempDirs } from './testing/tempDir';

const tempDir = makeTempDirs();

function newFact(store: Store, sourceId: number | null) {
  return store.actions.createFact({ subjectId: entity(store, 'Kim Jong Un').id, relation: 'met', objectId: entity(store, 'Vladimir Putin').id, sourceId, reliability: 'B', credibility: 2, status: 'reported' });
}

function refusal(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    return error;
  }
  throw new Error('expected the store to refuse');
}

describe('a fact’s source', () => {
  it('is a person or an organisation', () => {
    const store = seededStore(tempDir());
    expect(newFact(store, entity(store, 'Dmitry Peskov').id).source).toBe('Dmitry Peskov');
    expect(newFact(store, entity(store, 'Korean Central News Agency').id).source).toBe('Korean Central News Agency');
    expect(newFact(store, null).source).toBeNull();
    store.close();
  });

  it('refuses a place or an event, saying what a source must be, and stores nothing', () => {
    const store = seededStore(tempDir());
    const count = store.facts.list().length;
    expect(refusal(() => newFact(store, entity(store, 'Vladivostok').id))).toMatchObject({
      field: 'sourceId',
      message: '“Vladivostok” is a place; a fact’s source must be a person or an organisation. Pick who said or reported it, or leave the source empty.',
    });
    expect(refusal(() => newFact(store, entity(store, 'Kim-Putin meeting').id))).toMatchObject({ field: 'sourceId', message: expect.stringContaining('is an event;') });
    expect(store.facts.list()).toHaveLength(count);
    expect(store.history.state().undo).toBeNull();
    store.close();
  });

  it('cannot be changed to a place, and the fact keeps the source it had', () => {
    const store = seededStore(tempDir());
    const fact = newFact(store, entity(store, 'Dmitry Peskov').id);
    expect(() => store.actions.updateFact(fact.id, { sourceId: entity(store, 'Russia').id })).toThrowError(/is a place/);
    expect(store.facts.get(fact.id).source).toBe('Dmitry Peskov');
    store.close();
  });

  it('stored as a place before the rule, does not stop other edits to the fact', () => {
    const store = seededStore(tempDir());
    const fact = newFact(store, entity(store, 'Dmitry Peskov').id);
    const russia = entity(store, 'Russia');
    store.db.prepare('UPDATE facts SET source_id = ? WHERE id = ?').run(russia.id, fact.id);
    expect(store.actions.updateFact(fact.id, { relation: 'met with' })).toMatchObject({ relation: 'met with', source: 'Russia' });
    expect(store.actions.updateFact(fact.id, { sourceId: entity(store, 'Kremlin').id }).source).toBe('Kremlin');
    store.close();
  });

  it('is never a place through a merge: keeping a place over a cited source is refused', () => {
    const store = seededStore(tempDir());
    const russians = entity(store, 'Russian officials');
    const moscow = entity(store, 'Moscow');
    expect(() => store.actions.mergeEntities(moscow.id, russians.id)).toThrowError(/“Russian officials” is the source of a fact, and “Moscow”, a place, cannot be a source. Keep “Russian officials” instead./);
    expect(entity(store, 'Russian officials')).toEqual(russians);
    // The other way round is a merge like any other.
    expect(store.actions.mergeEntities(russians.id, moscow.id).aliases).toContain('Moscow');
    store.close();
  });
});

describe('a fact’s date', () => {
  it('is a year, a month or a day that exists; a day the month does not have is refused and nothing changes', () => {
    const store = seededStore(tempDir());
    const fact = newFact(store, null);
    for (const time of ['2023', '2023-09', '2023-09-13', '2024-02-29', '2023-01-31']) expect(store.actions.updateFact(fact.id, { time }).time).toBe(time);
    for (const time of ['2023-02-29', '2023-02-30', '2024-04-31', '2023-13', '2023-00-10', '0000-00', '13 Sept']) {
      expect(refusal(() => store.actions.updateFact(fact.id, { time }))).toMatchObject({ field: 'time', message: expect.stringContaining(`“${time}” is not a date`) });
    }
    expect(store.facts.get(fact.id).time).toBe('2023-01-31');
    expect(refusal(() => store.actions.createFact({ subjectId: entity(store, 'Kim Jong Un').id, relation: 'met', objectText: 'Putin', time: '2023-09-31', reliability: 'B', credibility: 2, status: 'reported' }))).toMatchObject({
      field: 'time',
    });
    store.close();
  });
});
