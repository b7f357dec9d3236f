import type { Database } from 'better-sqlite3';

export interface NoteSummary {
  id: number;
  title: string;
  body: string;
  created: string;
  updated: string;
}

export class Notes {
  constructor(private readonly db: Database) {}

  list(): NoteSummary[] {
    return this.db.prepare('SELECT id, title, body, created, updated FROM notes ORDER BY updated DESC, id DESC').all() as NoteSummary[];
  }
}
