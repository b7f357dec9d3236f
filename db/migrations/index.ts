// The ordered list of schema steps. Append only: a released step is never edited.
import type { Database } from 'better-sqlite3';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-history';
import * as m0003 from './0003-search';
import * as m0004 from './0004-id-floor';
import * as m0005 from './0005-fact-search-names';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005];

export const latestVersion = migrations[migrations.length - 1]!.version;
