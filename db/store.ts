// The store: one SQLite file in the data folder, and the repositories over it.
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { Annotations } from './annotations';
import { Codes } from './codes';
import { Documents } from './documents';
import { Entities } from './entities';
import { Facts } from './facts';
import { Notes } from './notes';
import { openDatabase, STORE_FILE_NAME, type OpenOptions } from './open';

export class Store {
  readonly documents: Documents;
  readonly entities: Entities;
  readonly facts: Facts;
  readonly codes: Codes;
  readonly annotations: Annotations;
  readonly notes: Notes;

  constructor(
    readonly db: Database,
    readonly file: string,
  ) {
    this.documents = new Documents(db);
    this.entities = new Entities(db);
    this.facts = new Facts(db);
    this.codes = new Codes(db);
    this.annotations = new Annotations(db, this.codes);
    this.notes = new Notes(db);
  }

  static open(dataDir: string, options: OpenOptions = {}): Store {
    const file = join(dataDir, STORE_FILE_NAME);
    return new Store(openDatabase(file, options), file);
  }

  /** Runs fn in one transaction: all of its writes land, or none do. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
