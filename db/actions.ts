// What an analyst does, as transactions over the repositories: each action changes the store and
// records how to undo and redo it, all or nothing.
import type { AnnotationSnapshot } from './annotations';
import type { CodeRow } from './codes';
import { InputError } from './errors';
import type { EntityDeletion, EntityInput, EntityPatch, EntityRow, MergeSnapshot } from './entities';
import type { FactInput, FactPatch, FactRow } from './facts';
import type { LinkKind, NoteSnapshot } from './notes';
import type { DocumentDeletion, Store } from './store';
import { shorten } from '../common/text';

export type Command =
  | { op: 'annotation.delete'; id: number }
  | { op: 'annotation.restore'; snapshot: AnnotationSnapshot }
  | { op: 'annotation.set'; id: number; codeIds: number[]; comment: string }
  | { op: 'code.delete'; id: number }
  | { op: 'code.restore'; snapshot: { row: CodeRow; children: number[]; annotationIds: number[]; noteIds: number[] } }
  | { op: 'code.set'; id: number; name: string; color: string; parentId: number | null; description: string }
  | { op: 'note.delete'; id: number }
  | { op: 'fact.delete'; id: number }
  | { op: 'entity.merge'; keepId: number; mergeId: number }
  | { op: 'entity.unmerge'; snapshot: MergeSnapshot }
  | { op: 'entity.put'; row: EntityRow }
  | { op: 'document.describe'; id: number; title: string; source: string }
  | { op: 'document.delete'; id: number }
  | { op: 'document.restore'; snapshot: DocumentDeletion }
  | { op: 'entity.delete'; id: number }
  | { op: 'entity.restore'; snapshot: EntityDeletion }
  | { op: 'fact.restore'; row: FactRow }
  | { op: 'note.restore'; snapshot: NoteSnapshot };

function quoteLabel(text: string): string {
  return `“${shorten(text, 40)}”`;
}

/** A fact as undo names it: its whole sentence (“Kim Jong Un entered Russia”), a long one cut at a word. */
function factLabel(fact: { subject: string; relation: string; object: string }): string {
  return `“${shorten(`${fact.subject} ${fact.relation} ${fact.object}`, 60)}”`;
}

/**
 * Runs a command. One that deletes something returns what puts it back as it is now: typing in a
 * note is not recorded, so undoing “New note” must keep the note's text for redo, not the empty
 * note it was created as (and the same for anything edited since it was recorded).
 */
export function run(store: Store, command: Command): Command | null {
  switch (command.op) {
    case 'annotation.delete':
      return { op: 'annotation.restore', snapshot: store.annotations.delete(command.id) };
    case 'annotation.restore':
      store.annotations.restore(command.snapshot);
      return null;
    case 'annotation.set':
      store.annotations.update(command.id, { codeIds: command.codeIds, comment: command.comment });
      return null;
    case 'code.delete':
      return { op: 'code.restore', snapshot: store.codes.delete(command.id) };
    case 'code.restore':
      store.codes.restore(command.snapshot);
      return null;
    case 'code.set':
      store.codes.update(command.id, { name: command.name, color: command.color, parentId: command.parentId, description: command.description });
      return null;
    case 'entity.merge':
      return { op: 'entity.unmerge', snapshot: store.entities.merge(command.keepId, command.mergeId) };
    case 'entity.unmerge':
      store.entities.unmerge(command.snapshot);
      // Mentions found again since the merge (after an entity was edited) have new ids.
      store.refreshMentions();
      return null;
    case 'document.describe':
      store.documents.describe(command.id, { title: command.title, source: command.source });
      return null;
    case 'document.delete':
      return { op: 'document.restore', snapshot: store.deleteDocument(command.id) };
    case 'document.restore':
      store.restoreDocument(command.snapshot);
      return null;
    case 'entity.put':
      if (store.entities.put(command.row).renamed) store.refreshMentions();
      return null;
    case 'entity.delete': {
      const snapshot = store.entities.delete(command.id);
      store.refreshMentions();
      return { op: 'entity.restore', snapshot };
    }
    case 'entity.restore':
      store.entities.restore(command.snapshot);
      store.refreshMentions();
      return null;
    case 'fact.delete':
      return { op: 'fact.restore', row: store.facts.delete(command.id) };
    case 'fact.restore':
      store.facts.restore(command.row);
      return null;
    case 'note.delete':
      return { op: 'note.restore', snapshot: store.notes.delete(command.id) };
    case 'note.restore':
      store.notes.restore(command.snapshot);
      return null;
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

  createFact(input: FactInput) {
    return this.store.transaction(() => {
      const fact = this.store.facts.create(input);
      this.record(`Add fact ${factLabel(fact)}`, { op: 'fact.delete', id: fact.id }, { op: 'fact.restore', row: this.store.facts.row(fact.id) });
      return fact;
    });
  }

  updateFact(id: number, patch: FactPatch) {
    return this.store.transaction(() => {
      const before = this.store.facts.row(id);
      const fact = this.store.facts.update(id, patch);
      this.record(`Edit fact ${factLabel(fact)}`, { op: 'fact.restore', row: before }, { op: 'fact.restore', row: this.store.facts.row(id) });
      return fact;
    });
  }

  deleteFact(id: number) {
    return this.store.transaction(() => {
      const fact = this.store.facts.get(id);
      const row = this.store.facts.delete(id);
      this.record(`Delete fact ${factLabel(fact)}`, { op: 'fact.restore', row }, { op: 'fact.delete', id });
      return { id };
    });
  }

  mergeEntities(keepId: number, mergeId: number) {
    return this.store.transaction(() => {
      const snapshot = this.store.entities.merge(keepId, mergeId);
      this.record(`Merge “${snapshot.merged.name}” into “${snapshot.kept.name}”`, { op: 'entity.unmerge', snapshot }, { op: 'entity.merge', keepId, mergeId });
      return this.store.entities.get(keepId);
    });
  }

  createEntity(input: Omit<EntityInput, 'seedKey'>) {
    return this.store.transaction(() => {
      const entity = this.store.entities.create(input);
      this.store.refreshMentions();
      const row = this.store.entities.row(entity.id);
      this.record(`Add entity “${entity.name}”`, { op: 'entity.delete', id: entity.id }, { op: 'entity.restore', snapshot: { row, affiliated: [] } });
      return this.store.entities.get(entity.id);
    });
  }

  updateEntity(id: number, patch: EntityPatch) {
    return this.store.transaction(() => {
      const { before, renamed } = this.store.entities.update(id, patch);
      if (renamed) this.store.refreshMentions();
      const after = this.store.entities.row(id);
      // An edit that changed nothing (a cell left as it was) is not an undo step.
      const same = (['kind', 'name', 'aliases', 'role', 'affiliation_id'] as const).every((k) => before[k] === after[k]);
      if (same) return this.store.entities.get(id);
      this.record(
        before.name === after.name ? `Edit entity “${after.name}”` : `Rename entity “${before.name}” to “${after.name}”`,
        { op: 'entity.put', row: before },
        { op: 'entity.put', row: after },
      );
      return this.store.entities.get(id);
    });
  }

  deleteEntity(id: number) {
    return this.store.transaction(() => {
      const snapshot = this.store.entities.delete(id);
      this.store.refreshMentions();
      this.record(`Delete entity “${snapshot.row.name}”`, { op: 'entity.restore', snapshot }, { op: 'entity.delete', id });
      return { id };
    });
  }

  describeDocument(id: number, patch: { title?: string; source?: string }) {
    return this.store.transaction(() => {
      const before = this.store.documents.describe(id, patch);
      const after = this.store.documents.get(id);
      this.record(
        before.title === after.title ? `Edit the source of “${after.title}”` : `Rename article “${shorten(before.title, 40)}”`,
        { op: 'document.describe', id, ...before },
        { op: 'document.describe', id, title: after.title, source: after.source },
      );
      return after;
    });
  }

  deleteDocument(id: number) {
    return this.store.transaction(() => {
      const snapshot = this.store.deleteDocument(id);
      this.record(`Delete article “${shorten(snapshot.row.title, 40)}”`, { op: 'document.restore', snapshot }, { op: 'document.delete', id });
      return { id, annotations: snapshot.annotations.length, facts: snapshot.facts.length };
    });
  }

  createNote(input: { title?: string; body?: string; codeIds?: number[]; links?: { kind: LinkKind; targetId: number }[] }) {
    return this.store.transaction(() => {
      const note = this.store.notes.create(input);
      const snapshot = this.store.notes.snapshot(note.id);
      this.record(`New note${note.title ? ` “${note.title}”` : ''}`, { op: 'note.delete', id: note.id }, { op: 'note.restore', snapshot });
      return note;
    });
  }

  /** Typing in a note is not an undoable action of its own: the editor's own undo covers it. */
  updateNote(id: number, patch: { title?: string; body?: string; codeIds?: number[] }) {
    return this.store.transaction(() => this.store.notes.update(id, patch));
  }

  deleteNote(id: number) {
    return this.store.transaction(() => {
      const snapshot = this.store.notes.delete(id);
      this.record(`Delete note${snapshot.note.title ? ` “${snapshot.note.title}”` : ''}`, { op: 'note.restore', snapshot }, { op: 'note.delete', id });
      return { id };
    });
  }

  /**
   * Undoes the newest action. Given `expect` (a notice's Undo, made for one action), only if that
   * action is still the newest: otherwise it would take back something done since, unseen.
   */
  undo(expect?: number): { label: string | null } {
    return this.store.transaction(() => {
      const next = this.store.history.nextUndo();
      if (expect !== undefined && next?.id !== expect) {
        throw new InputError('Other changes have been made since, so this Undo would take back one of those instead. Use Undo in the toolbar (Ctrl+Z) to step back one change at a time.', 'expect');
      }
      if (!next) return { label: null };
      next.done(run(this.store, next.command));
      return { label: next.label };
    });
  }

  redo(): { label: string | null } {
    return this.store.transaction(() => {
      const next = this.store.history.nextRedo();
      if (!next) return { label: null };
      next.done(run(this.store, next.command));
      return { label: next.label };
    });
  }
}
