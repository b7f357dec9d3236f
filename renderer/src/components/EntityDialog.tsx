// A new entity: a person, organisation, place or event the article names and the store does not
// know yet. Once added, its mentions are found in every article.
import { useState } from 'react';
import type { Entity } from '../../../electron/ipc/contract';
import { call, WorkbenchError } from '../client';
import { DialogForm, type FieldError } from './DialogForm';
import { DialogButtons, Modal } from './Modal';

export const ENTITY_KINDS = ['person', 'organisation', 'place', 'event'] as const;

/**
 * Other names as typed in one box: “Putin; President Putin” → ["Putin", "President Putin"].
 * Semicolons, not commas, part them: a name may hold a comma (“Washington, D.C.”).
 */
export function splitAliases(text: string): string[] {
  return text
    .split(';')
    .map((a) => a.trim())
    .filter(Boolean);
}

/** The aliases as one box shows them, to be split again by splitAliases. */
export const joinAliases = (aliases: readonly string[]) => aliases.join('; ');

export function EntityDialog({ entities, onClose, onSaved }: { entities: readonly Entity[]; onClose: () => void; onSaved: (entity: Entity) => void }) {
  const [form, setForm] = useState({ name: '', kind: 'person', role: '', affiliationId: '', aliases: '' });
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    if (error?.field === key) setError(null);
  };
  const sorted = [...entities].sort((a, b) => a.name.localeCompare(b.name));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const entity = await call('entities.create', {
        kind: form.kind as Entity['kind'],
        name: form.name,
        role: form.role,
        aliases: splitAliases(form.aliases),
        affiliationId: form.affiliationId ? Number(form.affiliationId) : null,
      });
      onSaved(entity);
    } catch (e) {
      setError({ message: e instanceof Error ? e.message : String(e), field: e instanceof WorkbenchError ? e.field : undefined });
      setBusy(false);
    }
  };
  const invalid = (field: string) => (error?.field === field ? 'true' : undefined);

  return (
    <Modal
      title="New entity"
      onClose={onClose}
      footer={<DialogButtons label="Add entity" onCancel={onClose} onConfirm={() => void save()} busy={busy} />}
    >
      <DialogForm busy={busy} onSubmit={() => void save()} error={error}>
        <label className="field">
          <span>Name</span>
          <input type="text" value={form.name} onChange={set('name')} placeholder="e.g. Sergei Shoigu" aria-invalid={invalid('name')} data-field="name" autoFocus />
        </label>
        <label className="field">
          <span>Kind</span>
          <select value={form.kind} onChange={set('kind')} aria-invalid={invalid('kind')} data-field="kind">
            {ENTITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Role or title</span>
          <input type="text" value={form.role} onChange={set('role')} placeholder="e.g. Defence Minister" data-field="role" />
        </label>
        <label className="field">
          <span>Affiliation</span>
          <select value={form.affiliationId} onChange={set('affiliationId')} aria-invalid={invalid('affiliationId')} data-field="affiliationId">
            <option value="">none</option>
            {sorted.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name} ({e.kind})
              </option>
            ))}
          </select>
        </label>
        <label className="field field-wide">
          <span>Other names the text uses (separate them with semicolons)</span>
          <input type="text" value={form.aliases} onChange={set('aliases')} placeholder="e.g. Shoigu; the defence minister" aria-invalid={invalid('aliases')} data-field="aliases" />
        </label>
      </DialogForm>
    </Modal>
  );
}
