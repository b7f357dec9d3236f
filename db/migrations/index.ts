// The ordered list of schema steps. Append only: a released step is never edited.
import type { Database } from 'better-sqlite3';
import * as m0001 from './0001-initial';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export const migrations: readonly Migration[] = [m0001];

export const latestVersion = migrations[migrations.length - 1]!.version;
