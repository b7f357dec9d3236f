// `npm run workbench -- <command> …`: the workbench without a window, for scripts and batch work.
// Exit code 0 on success; otherwise one line saying why, and a non-zero code.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { exportCsvToFile } from '../db/csvExport';
import { exportW3c, importW3cInSteps } from '../db/w3c';
import { describeImportOutcome, describeImportProgress, type ImportProgress } from '../common/progress';
import { InputError } from '../db/errors';
import { parseArgs } from './args';
import { openWorkbench } from './boot';
import { dispatch } from './ipc/dispatch';
import { defaultDataDir } from './dataDir';

const usage = `Usage: npm run workbench -- <command> [options]

Commands:
  import-document FILE [--title T]     add an article (.txt, .md or .html, up to 10 MB) to the store
  list-documents                       list the documents in the store
  export <notes|annotations|facts|entities> --out FILE [--format csv|w3c] [--no-bom]
                                       write them to a file (w3c: annotations as W3C Web Annotation JSON-LD)
  import-annotations FILE [--document ID]
                                       read W3C Web Annotations; they re-anchor against the document's text

Options:
  --data-dir DIR                       the data folder (default: ${defaultDataDir()}, or WORKBENCH_DATA_DIR)`;

class CliError extends Error {}

const KINDS = ['notes', 'annotations', 'facts', 'entities'] as const;

/** Progress on the terminal (when there is one), on one line that rewrites itself, at most five times a second. */
function progressLine() {
  let last = 0;
  let width = 0;
  const show = (text: string, finished: boolean) => {
    const now = Date.now();
    if ((now - last < 200 && !finished) || !process.stderr.isTTY) return;
    last = now;
    process.stderr.write(`\r${text.padEnd(width)}${finished ? '\n' : ''}`);
    width = finished ? 0 : Math.max(width, text.length);
  };
  /** Ends a line left open by a failure, so the reason starts on its own line. */
  show.close = () => {
    if (width > 0) process.stderr.write('\n');
    width = 0;
  };
  return show;
}

/** A file named on the command line, or a one-line reason it cannot be read. */
function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}.`);
  }
}

/** Writes beside the target and renames, so a failure never leaves half a file. */
function writeAtomically(file: string, text: string): void {
  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  try {
    writeFileSync(partial, text);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new CliError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder does not exist' : (error as Error).message}. Choose another place.`);
  }
}

async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const [command, ...positional] = args.rest;
  if (args.flags.has('help') || command === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (!command) {
    process.stdout.write(`${usage}\n`);
    throw new CliError('No command given.');
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
        const bytes = readInput(file);
        const title = args.flags.get('title');
        const doc = call('documents.import', { fileName: basename(file), base64: bytes.toString('base64'), ...(typeof title === 'string' ? { title } : {}) }) as { id: number; title: string; length: number };
        process.stdout.write(`Imported “${doc.title}” as document ${doc.id} (${doc.length} characters).\n`);
        return;
      }
      case 'export': {
        const kind = positional[0] as (typeof KINDS)[number] | undefined;
        if (!kind) throw new CliError(`export needs what to export: ${KINDS.join(', ')}.`);
        if (!KINDS.includes(kind)) throw new CliError(`“${kind}” cannot be exported; choose one of ${KINDS.join(', ')}.`);
        const out = args.flags.get('out');
        if (typeof out !== 'string') throw new CliError('export needs --out FILE.');
        const format = args.flags.get('format') ?? 'csv';
        if (format !== 'csv' && format !== 'w3c') throw new CliError(`--format is csv or w3c, not “${String(format)}”.`);
        if (format === 'w3c') {
          if (kind !== 'annotations') throw new CliError('Only annotations export as W3C Web Annotations; use --format csv for the rest.');
          const collection = exportW3c(wb.store);
          writeAtomically(out, `${JSON.stringify(collection, null, 2)}\n`);
          process.stdout.write(`Exported ${collection.total} annotations to ${out} (W3C Web Annotation JSON-LD).\n`);
          return;
        }
        const reader = wb.store.openReader();
        const line = progressLine();
        try {
          const onProgress = (done: number, total: number) => line(`Exporting ${kind}: ${done.toLocaleString()} of ${total.toLocaleString()}`, done === total);
          const { rows } = await exportCsvToFile(reader, kind, out, { bom: !args.flags.has('no-bom'), onProgress });
          process.stdout.write(`Exported ${rows.toLocaleString()} ${rows === 1 ? kind.replace(/s$/, '') : kind} to ${out}.\n`);
        } catch (error) {
          line.close();
          throw new CliError((error as Error).message);
        } finally {
          reader.close();
        }
        return;
      }
      case 'import-annotations': {
        const file = positional[0];
        if (!file) throw new CliError('import-annotations needs a FILE of W3C Web Annotations.');
        const text = readInput(file).toString('utf8');
        const document = args.flags.get('document');
        const documentId = typeof document === 'string' ? Number(document) : undefined;
        if (documentId !== undefined && !Number.isInteger(documentId)) throw new CliError(`--document takes a document id (see list-documents), not “${document}”.`);
        const line = progressLine();
        try {
          const onProgress = (p: ImportProgress) => line(describeImportProgress(p), p.phase === 'saving' && p.done === p.total);
          const report = await importW3cInSteps(wb.store, text, { ...(documentId === undefined ? {} : { documentId }), onProgress });
          process.stdout.write(`${describeImportOutcome(report)}\n`);
        } catch (error) {
          line.close();
          if (error instanceof InputError) throw new CliError(`${error.message.replace(/\.?$/, '.')} Nothing was imported.`);
          throw error;
        }
        return;
      }
      default:
        throw new CliError(`Unknown command “${command}”. Run npm run workbench -- --help for the list.`);
    }
  } finally {
    wb.store.close();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof CliError ? 2 : 1);
});
