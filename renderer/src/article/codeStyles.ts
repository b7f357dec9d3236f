// One ::highlight() rule per code, in a constructed stylesheet (allowed by the strict CSP, unlike
// inline <style>), so each annotation is painted in its code's colour.
import type { Code } from '../../../electron/ipc/contract';
import { rgbOf } from '../codes';

let sheet: CSSStyleSheet | null = null;
let applied = '';

export function highlightName(codeId: number | null): string {
  return codeId === null ? 'annotation-uncoded' : `code-${codeId}`;
}

export function applyCodeStyles(codes: readonly Pick<Code, 'id' | 'color'>[]): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  const rules = codes.map((c) => `::highlight(${highlightName(c.id)}) { background-color: rgb(${rgbOf(c.color)} / 26%); text-decoration: underline 2px rgb(${rgbOf(c.color)} / 85%); text-underline-offset: 5px; }`);
  rules.push('::highlight(annotation-uncoded) { background-color: rgb(120 113 108 / 20%); text-decoration: underline 2px rgb(120 113 108 / 70%); text-underline-offset: 5px; }');
  // Replacing a sheet restyles the whole page, so only when a colour or a code really changed.
  const text = rules.join('\n');
  if (text !== applied) sheet.replaceSync(text);
  applied = text;
}
