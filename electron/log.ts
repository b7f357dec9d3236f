// A plain-text log in the data folder that a person can attach to a bug report.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Log {
  file: string;
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export function openLog(dataDir: string): Log {
  const file = join(dataDir, 'workbench.log');
  mkdirSync(dataDir, { recursive: true });
  const write = (level: string, message: string) => {
    try {
      appendFileSync(file, `${new Date().toISOString()} ${level} ${message}\n`);
    } catch {
      // A log that cannot be written must never take the app down with it.
    }
  };
  return {
    file,
    info: (m) => write('INFO', m),
    error: (m, e) => write('ERROR', e instanceof Error ? `${m}: ${e.stack ?? e.message}` : e === undefined ? m : `${m}: ${String(e)}`),
  };
}
