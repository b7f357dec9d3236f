// What an analyst does, as transactions over the repositories: each action changes the store and
// records how to undo and redo it, all or nothing.
import type { AnnotationSnapshot } from './annotations';
import type { CodeRow } from './codes';
import { InputError } from './errors';
import type { Store } from './store';

export type Command =
  | { op: 'annotation.delete'; id: number }
  | { op: 'annotation.restore'; snapshot: AnnotationSnapshot }
  | { op: 'annotation.set'; id: number; codeIds: number[]; comment: string }
  | { op: 'code.delete'; id: number }
  | { op: 'code.restore'; snapshot: { row: CodeRow; children: number[]; annotationIds: number[]; noteIds: number[] } }
  | { op: 'code.set'; id: number; name: string; color: string; parentId: number | null; description: string };

function quoteLabel(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > 40 ? `${flat.slice(0, 39)}…` : flat}”`;
}

export function run(store: Store, command: Command): void {
  switch (command.op) {
    case 'annotation.delete':
      store.annotations.delete(command.id);
      return;
    case 'annotation.restore':
      store.annotations.restore(command.snapshot);
      return;
    case 'annotation.set':
      store.annotations.update(command.id, { codeIds: command.codeIds, comment: command.comment });
      return;
    case 'code.delete':
      store.codes.delete(command.id);
      return;
    case 'code.restore':
      store.codes.restore(command.snapshot);
      return;
    case 'code.set':
      store.codes.update(command.id, { name: command.name, color: command.color, parentId: command.parentId, description: command.description });
      return;
  }
}

export class Actions {
  constructor(private readonly store: Store) {}

  private record(label: string, undo: Command, redo: Command): void {
    this.store.history.record(label, undo, redo);
  }

  createAnnotation(input: { documentId: number; start: number; end: number; codeIds?: number[]; comment?: string }) {
    return this.store.transaction(() => {
      const a = this.store.annotations.create(input);
      this.record(`Code ${quoteLabel(a.exact)}`, { op: 'annotation.delete', id: a.id }, { op: 'annotation.restore', snapshot: a });
      return a;
    });
  }

  updateAnnotation(id: number, patch: { codeIds?: number[]; comment?: string }) {
    return this.store.transaction(() => {
      const before = this.store.annotations.get(id);
      const after = this.store.annotations.update(id, patch);
      this.record(
        `Edit annotation ${quoteLabel(after.exact)}`,
        { op: 'annotation.set', id, codeIds: before.codeIds, comment: before.comment },
        { op: 'annotation.set', id, codeIds: after.codeIds, comment: after.comment },
      );
      return after;
    });
  }

  deleteAnnotation(id: number) {
    return this.store.transaction(() => {
      const snapshot = this.store.annotations.delete(id);
      this.record(`Delete annotation ${quoteLabel(snapshot.exact)}`, { op: 'annotation.restore', snapshot }, { op: 'annotation.delete', id });
      return { id };
    });
  }

  createCode(input: { name: string; color: string; parentId?: number | null; description?: string }) {
    return this.store.transaction(() => {
      const code = this.store.codes.create(input);
      const row = this.store.codes.row(code.id)!;
      this.record(`Add code “${code.name}”`, { op: 'code.delete', id: code.id }, { op: 'code.restore', snapshot: { row, children: [], annotationIds: [], noteIds: [] } });
      return code;
    });
  }

  updateCode(id: number, patch: { name?: string; color?: string; parentId?: number | null; description?: string }) {
    return this.store.transaction(() => {
      const before = this.store.codes.row(id);
      if (!before) throw new InputError(`Code ${id} is not in the codebook; it may have been deleted.`, 'id');
      const code = this.store.codes.update(id, patch);
      const after = this.store.codes.row(id)!;
      const set = (r: CodeRow): Command => ({ op: 'code.set', id, name: r.name, color: r.color, parentId: r.parent_id, description: r.description });
      this.record(before.name === after.name ? `Edit code “${code.name}”` : `Rename code “${before.name}” to “${after.name}”`, set(before), set(after));
      return code;
    });
  }

  deleteCode(id: number) {
    return this.store.transaction(() => {
      const snapshot = this.store.codes.delete(id);
      this.record(`Delete code “${snapshot.row.name}”`, { op: 'code.restore', snapshot }, { op: 'code.delete', id });
      return { id };
    });
  }

  undo(): { label: string | null } {
    return this.store.transaction(() => {
      const next = this.store.history.nextUndo();
      if (!next) return { label: null };
      run(this.store, next.command);
      next.done();
      return { label: next.label };
    });
  }

  redo(): { label: string | null } {
    return this.store.transaction(() => {
      const next = this.store.history.nextRedo();
      if (!next) return { label: null };
      run(this.store, next.command);
      next.done();
      return { label: next.label };
    });
  }
}
