import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSeed, seedStore } from '../seed';
import { Store } from '../store';

export const RESOURCES = fileURLToPath(new URL('../../resources', import.meta.url));
export const ARTICLE_FILE = join(RESOURCES, 'kim-putin-summit.txt');

/** A store in dir, seeded as a first start would seed it. */
export function seededStore(dir: string): Store {
  const store = Store.open(dir);
  seedStore(store, loadSeed(RESOURCES));
  return store;
}

/** A seeded entity by its name (the names in resources/ are unique). */
export function entityNamed(store: Store, name: string) {
  const entity = store.entities.list().find((e) => e.name === name);
  if (!entity) throw new Error(`No entity named “${name}” in the store`);
  return entity;
}
