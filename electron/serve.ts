// `npm run serve -- --data-dir DIR --port N`: the workbench in a browser, on 127.0.0.1 only.
import { parseArgs } from './args';
import { Session } from './session';
import { UnavailableError } from '../db/errors';
import { startHost } from './host';
import { countRows, streamExport } from './exports';
import { importW3cWithProgress } from './imports';
import { RENDERER_DIR } from './paths';
import { requestLogging } from './log';
import { defaultDataDir } from './dataDir';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = args.dataDir ?? defaultDataDir();
  // A damaged store does not stop the host: the page opens on the recovery screen.
  const session = new Session(dataDir, 'http');
  const openStore = () => {
    if (!session.store) throw new UnavailableError('The store is not open; restore a backup first.');
    return session.store;
  };
  const reporting = requestLogging(session.log);
  const host = await startHost({
    handlers: session.handlers,
    rendererDir: RENDERER_DIR,
    ...(args.port !== undefined ? { port: args.port } : {}),
    ...(typeof args.flags.get('token') === 'string' ? { token: args.flags.get('token') as string } : {}),
    ...reporting,
    exportCsv: (request, out) => streamExport(openStore(), request, out),
    countRows: (request) => countRows(openStore(), request),
    importW3c: (request, onProgress) => importW3cWithProgress(session.store, request, onProgress, reporting),
  });
  session.log.info(`Browser host listening on 127.0.0.1:${host.port}`);
  const status = session.status();
  if (status.state === 'recovery') process.stdout.write(`The store cannot be opened: ${status.problem}\nThe page offers the backups to restore.\n\n`);
  process.stdout.write(`Summit Workbench is running in your browser at:\n\n  ${host.url}\n\nData folder: ${dataDir}\nPress Ctrl+C to stop.\n`);

  const stop = () => {
    void host.close().finally(() => {
      session.close();
      process.exit(0);
    });
    // Open keep-alive connections must not hold the process (and the store) open.
    host.server.closeAllConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Summit Workbench could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
