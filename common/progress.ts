// How far long work has got, in one shape on every side: the store, the HTTP host's progress
// lines, Electron's progress messages, the command line and the renderer.

/** A CSV export: rows written so far, of how many. */
export interface ExportProgress {
  done: number;
  total: number;
}

/**
 * The steps of a W3C import: reading the file (and parsing it), anchoring each annotation against
 * its document's text, then saving them all in one go.
 */
export type ImportPhase = 'reading' | 'anchoring' | 'saving';

/** A W3C import: its step and, while anchoring or saving, how many annotations of how many. */
export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

const count = (n: number) => n.toLocaleString('en');

/** The progress of an import in a few words, for the dialog and the terminal. */
export function describeImportProgress({ phase, done, total }: ImportProgress): string {
  const annotations = total === 1 ? 'annotation' : 'annotations';
  if (phase === 'reading') return 'Reading the file…';
  if (phase === 'anchoring') return `Anchoring ${count(done)} of ${count(total)} ${annotations}`;
  return done < total ? `Saving ${count(total)} ${annotations}…` : `Saved ${count(total)} ${annotations}`;
}

/** What an import did, as the W3C import reports it. */
export interface ImportOutcome {
  imported: number;
  anchored: number;
  fuzzy: number;
  orphaned: number;
  skipped: number;
  codesCreated: string[];
}

/** What an import did, in one sentence or two. */
export function describeImportOutcome(r: ImportOutcome): string {
  return (
    `Imported ${count(r.imported)} annotation${r.imported === 1 ? '' : 's'}: ${count(r.anchored)} anchored, ${count(r.fuzzy)} anchored approximately, ${count(r.orphaned)} orphaned.` +
    (r.skipped ? ` ${count(r.skipped)} already in the store were left as they are.` : '') +
    (r.codesCreated.length ? ` New codes: ${r.codesCreated.join(', ')}.` : '')
  );
}
