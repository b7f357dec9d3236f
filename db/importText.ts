// Turns an imported file into document text, or says in a sentence why it cannot.
import { convert } from 'html-to-text';
import { InputError } from './errors';
import { MAX_DOCUMENT_BYTES } from './documents';
import { shorten } from '../common/text';

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

/** The longest first line taken as an article's title; a longer one is its first paragraph. */
const TITLE_LINE_MAX = 200;
/** A title cut from a first line that is too long to be one. */
const TITLE_CUT = 120;

/** The first non-blank line (without a Markdown heading's #) and the text after it, blank lines dropped. */
function firstLine(text: string): { line: string; rest: string } {
  const m = /^(?:[ \t]*\r?\n)*([^\r\n]*)(?:\r?\n|$)/.exec(text)!;
  const line = m[1]!.trim().replace(/^#{1,6}[ \t]+/, '').replace(/[ \t]+#+$/, '').trim();
  return { line, rest: text.slice(m[0].length).replace(/^(?:[ \t]*\r?\n)+/, '') };
}

function sameTitle(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
  return norm(a) === norm(b);
}

/**
 * An imported article's title and text, with the title said once. A title given that is the
 * text's first line is taken out of the text; without a title, `otherwise` is the title (a
 * file's name) or, when there is none (pasted text), the first line is, and leaves the text.
 * A first line too long to be a title stays in the text, and a shortened copy is the title.
 */
export function titleAndText(text: string, title: string | undefined, otherwise?: string): { title: string; text: string } {
  const { line, rest } = firstLine(text);
  const typed = title?.trim();
  if (typed) return { title: typed, text: rest.trim() && sameTitle(typed, line) ? rest : text };
  if (otherwise !== undefined) return { title: otherwise, text };
  if (line.length <= TITLE_LINE_MAX && rest.trim()) return { title: line, text: rest };
  // A blank text gets a title here so that the store can say what is really wrong: there is no text.
  return { title: shorten(line, TITLE_CUT) || 'Untitled article', text };
}
