// The codebook as a tree, flattened in reading order with each code's depth.
import type { Code } from '../../electron/ipc/contract';
import { call } from './client';

/** Colours a new code takes in turn, wherever it is added (codebook, code picker, note). */
const PALETTE = ['#dc2626', '#ea580c', '#ca8a04', '#16a34a', '#0e7490', '#2563eb', '#7c3aed', '#db2777', '#6b7280'];

/** The colour the next code gets, given how many the codebook holds. */
export function nextCodeColor(count: number): string {
  return PALETTE[count % PALETTE.length]!;
}

/** Adds a top-level code named `name` in the next colour; the codebook is reloaded by the caller. */
export async function createCode(name: string, count: number): Promise<CodeNode> {
  const code = await call('codes.create', { name, color: nextCodeColor(count) });
  return { ...code, depth: 0, path: code.name };
}

export interface CodeNode extends Code {
  depth: number;
  /** Names from the root down to this code, for labels like “Military › Submarines”. */
  path: string;
}

/**
 * A code as the article and its annotations show it: name, colour, place in the codebook, without
 * its usage count, which changes with every annotation coded or deleted.
 */
export type CodeLabel = Omit<CodeNode, 'usage'>;

export function labelsOf(codes: readonly CodeNode[]): CodeLabel[] {
  return codes.map(({ usage: _usage, ...label }) => label);
}

export function flattenCodes(codes: readonly Code[]): CodeNode[] {
  const children = new Map<number | null, Code[]>();
  const ids = new Set(codes.map((c) => c.id));
  for (const c of codes) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(c);
  }
  const out: CodeNode[] = [];
  const walk = (parent: number | null, depth: number, path: string) => {
    for (const c of (children.get(parent) ?? []).sort((a, b) => a.position - b.position || a.id - b.id)) {
      const p = path ? `${path} › ${c.name}` : c.name;
      out.push({ ...c, depth, path: p });
      walk(c.id, depth + 1, p);
    }
  };
  walk(null, 0, '');
  return out;
}

/** "#dc2626" → "220 38 38", for rgb() with an alpha. */
export function rgbOf(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `${(n >> 16) & 255} ${(n >> 8) & 255} ${n & 255}`;
}
