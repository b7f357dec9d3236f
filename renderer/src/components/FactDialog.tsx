// A new summit fact: who did or said what, when, where, on whose authority, graded, with the
// passage that is its evidence when made from a selection.
import { useState } from 'react';
import type { Fact } from '../../../electron/ipc/contract';
import { CREDIBILITY_MEANINGS, RELIABILITY_MEANINGS, STATUS_MEANINGS, canBeSource } from '../../../common/grading';
import { call, WorkbenchError } from '../client';
import { useAsync } from '../useAsync';
import { DialogForm, type FieldError } from './DialogForm';
import { EntityCombobox } from './EntityCombobox';
import { DialogButtons, Modal } from './Modal';

export interface Evidence {
  documentId: number;
  start: number;
  end: number;
  exact: string;
}

/** A graded choice (status, reliability, credibility), each option with its meaning. */
function GradeSelect({ label, value, onChange, meanings }: { label: string; value: string; onChange: (e: React.ChangeEvent<HTMLSelectElement>) => void; meanings: Record<string, string> }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={onChange}>
        {Object.entries(meanings).map(([k, v]) => (
          <option key={k} value={k}>
            {k}: {v}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FactDialog({ evidence, onClose, onSaved }: { evidence?: Evidence; onClose: () => void; onSaved: (fact: Fact) => void }) {
  const entities = useAsync(() => call('entities.list', {}), 'fact-dialog-entities');
  // The passage's mentions, for a subject to start from (see `suggested`).
  const mentions = useAsync(() => (evidence ? call('mentions.list', { documentId: evidence.documentId }) : Promise.resolve([])), `fact-dialog-mentions:${evidence?.documentId ?? 0}`);
  const [form, setForm] = useState({ subjectId: '', relation: '', objectId: '', objectText: '', time: '', placeId: '', sourceId: '', reliability: 'F', credibility: '6', status: 'reported' });
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  // Changing the field the store refused takes its message away: it no longer says what is there.
  const setValue = (key: keyof typeof form, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (error && (error.field === key || (error.field === 'object' && (key === 'objectId' || key === 'objectText')))) setError(null);
  };
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValue(key, e.target.value);
  const list = entities.status === 'ready' ? [...entities.value].sort((a, b) => a.name.localeCompare(b.name)) : [];
  // Until one is chosen, the subject is the first person or organisation the passage names
  // (“Kim is accompanied by Jo Chun Ryong…” starts from Kim Jong Un).
  const [subjectChosen, setSubjectChosen] = useState(false);
  const suggested = (() => {
    if (!evidence || mentions.status !== 'ready') return '';
    const inPassage = mentions.value.filter((m) => m.start >= evidence.start && m.end <= evidence.end);
    const who = inPassage.map((m) => list.find((e) => e.id === m.entityId)).find((e) => e && canBeSource(e.kind));
    return who ? String(who.id) : '';
  })();
  const subjectId = subjectChosen ? form.subjectId : suggested;
  // A source is someone who can say or report something: a person or an organisation.
  const sources = list.filter((e) => canBeSource(e.kind));
  const places = list.filter((e) => e.kind === 'place');

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const fact = await call('facts.create', {
        subjectId: Number(subjectId) || 0,
        relation: form.relation,
        objectId: form.objectId ? Number(form.objectId) : null,
        objectText: form.objectText,
        time: form.time || null,
        placeId: form.placeId ? Number(form.placeId) : null,
        sourceId: form.sourceId ? Number(form.sourceId) : null,
        reliability: form.reliability as 'A',
        credibility: Number(form.credibility),
        status: form.status as 'reported',
        ...(evidence ? { evidence: { documentId: evidence.documentId, start: evidence.start, end: evidence.end } } : {}),
      });
      onSaved(fact);
    } catch (e) {
      const field = e instanceof WorkbenchError ? e.field : undefined;
      const message = field === 'subjectId' && !subjectId ? 'Pick the subject: who did or said it.' : e instanceof Error ? e.message : String(e);
      setError({ message, field });
      setBusy(false);
    }
  };

  const invalid = (field: string) => (error?.field === field ? 'true' : undefined);

  return (
    <Modal
      title={evidence ? 'New fact from this passage' : 'New fact'}
      onClose={onClose}
      wide
      footer={<DialogButtons label="Add fact" onCancel={onClose} onConfirm={() => void save()} busy={busy} />}
    >
      {evidence && <blockquote className="annotation-quote">{evidence.exact}</blockquote>}
      <DialogForm busy={busy} onSubmit={() => void save()} error={error}>
        <EntityCombobox
          label="Subject (who)"
          entities={list}
          value={subjectId}
          onChange={(v) => {
            setSubjectChosen(true);
            setValue('subjectId', v);
          }}
          invalid={!!invalid('subjectId')}
          field="subjectId"
          autoFocus
        />
        <label className="field">
          <span>Did or said</span>
          <input type="text" value={form.relation} onChange={set('relation')} placeholder="e.g. confirmed the arrival of" aria-invalid={invalid('relation')} data-field="relation" />
        </label>
        <EntityCombobox label="Object (an entity…)" entities={list} value={form.objectId} onChange={(v) => setValue('objectId', v)} blank="none: describe it instead" invalid={!!invalid('object')} field="object" />
        <label className="field">
          <span>…or what, in words</span>
          <input type="text" value={form.objectText} onChange={set('objectText')} disabled={!!form.objectId} placeholder="e.g. tens of millions of shells" aria-invalid={invalid('object')} />
        </label>
        <label className="field">
          <span>When (YYYY, YYYY-MM or YYYY-MM-DD)</span>
          <input type="text" value={form.time} onChange={set('time')} placeholder="2023-09-12" aria-invalid={invalid('time')} data-field="time" />
        </label>
        <EntityCombobox label="Where" entities={places} value={form.placeId} onChange={(v) => setValue('placeId', v)} blank="not stated" invalid={!!invalid('placeId')} field="placeId" />
        <EntityCombobox
          label="On whose authority (a person or organisation)"
          entities={sources}
          value={form.sourceId}
          onChange={(v) => setValue('sourceId', v)}
          blank="the article itself"
          invalid={!!invalid('sourceId')}
          field="sourceId"
        />
        <GradeSelect label="Status" value={form.status} onChange={set('status')} meanings={STATUS_MEANINGS} />
        <GradeSelect label="Source reliability" value={form.reliability} onChange={set('reliability')} meanings={RELIABILITY_MEANINGS} />
        <GradeSelect label="Information credibility" value={form.credibility} onChange={set('credibility')} meanings={CREDIBILITY_MEANINGS} />
      </DialogForm>
    </Modal>
  );
}
