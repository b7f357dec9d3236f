// A plain-text log in the data folder that a person can attach to a bug report.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Log {
  file: string;
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Where the transports note refused requests and report failures (dispatch's options). */
export function requestLogging(log: Log): { onInternalError: (channel: string, error: unknown) => void; onRefused: (channel: string, message: string) => void } {
  return {
    onInternalError: (channel, error) => log.error(`Request ${channel} failed`, error),
    onRefused: (channel, message) => log.info(`Refused ${channel}: ${message}`),
  };
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
