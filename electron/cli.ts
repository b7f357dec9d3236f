// `npm run workbench -- <command> …`: the workbench without a window, for scripts and batch work.
// Exit code 0 on success; otherwise one line saying why, and a non-zero code.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from './args';
import { openWorkbench } from './boot';
import { dispatch } from './ipc/dispatch';
import { defaultDataDir } from './dataDir';

const usage = `Usage: npm run workbench -- <command> [options]

Commands:
  import-document FILE [--title T]   add an article (.txt, .md or .html, up to 10 MB) to the store
  list-documents                     list the documents in the store

Options:
  --data-dir DIR                     the data folder (default: ${defaultDataDir()}, or WORKBENCH_DATA_DIR)`;

class CliError extends Error {}

function run(argv: string[]): void {
  const args = parseArgs(argv);
  const [command, ...positional] = args.rest;
  if (!command || args.flags.has('help')) {
    process.stdout.write(`${usage}\n`);
    if (!command) throw new CliError('No command given.');
    return;
  }
  const dataDir = args.dataDir ?? defaultDataDir();
  const wb = openWorkbench({ dataDir, transport: 'http' });
  try {
    const call = (channel: string, input: unknown) => {
      const result = dispatch(wb.handlers, channel, input, { onInternalError: (c, e) => wb.log.error(`CLI ${c} failed`, e) });
      if (!result.ok) throw new CliError(result.error.message);
      return result.value;
    };
    switch (command) {
      case 'list-documents': {
        const docs = call('documents.list', {}) as { id: number; title: string; length: number }[];
        for (const d of docs) process.stdout.write(`${d.id}\t${d.title}\t${d.length} characters\n`);
        return;
      }
      case 'import-document': {
        const file = positional[0];
        if (!file) throw new CliError('import-document needs a FILE to import.');
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch (error) {
          throw new CliError(`Cannot read ${file}: ${(error as Error).message}.`);
        }
        const title = args.flags.get('title');
        const doc = call('documents.import', { fileName: basename(file), base64: bytes.toString('base64'), ...(typeof title === 'string' ? { title } : {}) }) as { id: number; title: string; length: number };
        process.stdout.write(`Imported “${doc.title}” as document ${doc.id} (${doc.length} characters).\n`);
        return;
      }
      default:
        throw new CliError(`Unknown command “${command}”. Run npm run workbench -- --help for the list.`);
    }
  } finally {
    wb.store.close();
  }
}

try {
  run(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof CliError ? 2 : 1);
}
