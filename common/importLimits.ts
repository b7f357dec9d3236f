// How large a W3C annotation file the workbench imports: the store refuses past it, the host stops
// reading there, and the renderer checks a chosen file before sending it.

/** The largest annotation file the import reads, in UTF-8 bytes. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** Why a file of `bytes` (or, when unknown, of more than the limit) is refused. */
export function fileTooLarge(bytes?: number): string {
  const limit = MAX_IMPORT_BYTES / 1024 / 1024;
  const size = bytes === undefined ? `larger than ${limit} MB` : `${Math.round(bytes / 1024 / 1024)} MB`;
  return `The file is ${size}; the workbench imports annotation files up to ${limit} MB. Split it into smaller files.`;
}
