// How the workbench writes a moment (when a note, an annotation or a backup was made): one format
// everywhere, in the reader's language, “28 Nov 2026, 07:30” in Britain and “Nov 28, 2026, 7:30 AM”
// in the United States. A fact's own date is not a moment: it stays as the analyst typed it
// (2023, 2023-09 or 2023-09-12), and is never passed through here.

import { shorten } from '../../common/text';

export interface TimestampOptions {
  /** Seconds too, where two moments a minute apart must be told apart (backups). */
  seconds?: boolean;
  /** The reader's by default; tests name them. */
  locale?: string;
  timeZone?: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'timestamp' | 'date', { seconds = false, locale, timeZone }: TimestampOptions): Intl.DateTimeFormat {
  const key = [kind, seconds, locale, timeZone].join('|');
  let format = formats.get(key);
  if (!format) {
    // Hours as two digits on a 24-hour clock (07:30), as one where AM/PM follows (7:30 AM).
    const h12 = new Intl.DateTimeFormat(locale, { hour: 'numeric', timeZone }).resolvedOptions().hour12 === true;
    const time: Intl.DateTimeFormatOptions = kind === 'date' ? {} : { hour: h12 ? 'numeric' : '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}) };
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', ...time, timeZone });
    formats.set(key, format);
  }
  return format;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A stored ISO timestamp as a person reads it; empty when there is none. */
export function formatTimestamp(iso: string | null | undefined, options: TimestampOptions = {}): string {
  const date = parse(iso);
  return date ? formatter('timestamp', options).format(date) : '';
}

/** The day alone, written the same way (“28 Nov 2026”). */
export function formatDay(iso: string | null | undefined, options: Omit<TimestampOptions, 'seconds'> = {}): string {
  const date = parse(iso);
  return date ? formatter('date', options).format(date) : '';
}

/** What the analyst is told when a fact's evidence is no longer in the article's text. */
export function lostEvidence(quote: string): string {
  return `This fact's evidence is no longer in the text (the text was edited). Its quote is kept: “${shorten(quote, 120)}”.`;
}
