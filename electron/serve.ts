// `npm run serve -- --data-dir DIR --port N`: the workbench in a browser, on 127.0.0.1 only.
import { parseArgs } from './args';
import { openWorkbench } from './boot';
import { startHost } from './host';
import { countRows, streamExport } from './exports';
import { RENDERER_DIR } from './paths';
import { defaultDataDir } from './dataDir';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = args.dataDir ?? defaultDataDir();
  const workbench = openWorkbench({ dataDir, transport: 'http' });
  const host = await startHost({
    handlers: workbench.handlers,
    rendererDir: RENDERER_DIR,
    ...(args.port !== undefined ? { port: args.port } : {}),
    ...(typeof args.flags.get('token') === 'string' ? { token: args.flags.get('token') as string } : {}),
    onInternalError: (channel, error) => workbench.log.error(`Request ${channel} failed`, error),
    exportCsv: (request, out) => streamExport(workbench.store, request, out),
    countRows: (request) => countRows(workbench.store, request),
  });
  workbench.log.info(`Browser host listening on 127.0.0.1:${host.port}`);
  process.stdout.write(`Summit Workbench is running in your browser at:\n\n  ${host.url}\n\nData folder: ${dataDir}\nPress Ctrl+C to stop.\n`);

  const stop = () => {
    void host.close().finally(() => {
      workbench.store.close();
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
