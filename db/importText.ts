// Turns an imported file into document text, or says in a sentence why it cannot.
import { convert } from 'html-to-text';
import { InputError } from './errors';
import { MAX_DOCUMENT_BYTES } from './documents';

export const IMPORTABLE = ['.txt', '.md', '.markdown', '.html', '.htm'] as const;

function extension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot).toLowerCase();
}

/** Decodes bytes as UTF-8 text; HTML is reduced to its readable text. */
export function textFromFile(fileName: string, bytes: Uint8Array): string {
  const ext = extension(fileName);
  if (ext && !(IMPORTABLE as readonly string[]).includes(ext)) {
    throw new InputError(`“${fileName}” is not a file the workbench can import. Import a text (.txt), Markdown (.md) or web page (.html) file.`, 'fileName');
  }
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    throw new InputError(`“${fileName}” is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; the workbench imports documents up to ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`, 'fileName');
  }
  if (bytes.includes(0)) {
    throw new InputError(`“${fileName}” is a binary file, not text. Save it as plain text (.txt) and import that.`, 'fileName');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InputError(`“${fileName}” is not UTF-8 text. Save it with UTF-8 encoding and import it again.`, 'fileName');
  }
  if (ext === '.html' || ext === '.htm' || /^\s*<(!doctype html|html)[\s>]/i.test(text)) {
    text = convert(text, {
      wordwrap: false,
      selectors: [
        { selector: 'a', options: { ignoreHref: true } },
        { selector: 'img', format: 'skip' },
        { selector: 'nav', format: 'skip' },
        { selector: 'script', format: 'skip' },
        { selector: 'style', format: 'skip' },
        { selector: 'h1', options: { uppercase: false } },
        { selector: 'h2', options: { uppercase: false } },
        { selector: 'h3', options: { uppercase: false } },
      ],
    });
  }
  if (!text.trim()) throw new InputError(`“${fileName}” has no text to import.`, 'fileName');
  return text;
}
