// Choose a passage, fact or entity to link a note to: type to filter, click or Enter to link.
import { useMemo, useState } from 'react';
import { call } from '../client';
import { Modal } from '../components/Modal';
import { useAsync } from '../useAsync';

type Kind = 'annotation' | 'fact' | 'entity';
const KINDS: [Kind, string][] = [
  ['annotation', 'Passages'],
  ['fact', 'Facts'],
  ['entity', 'Entities'],
];

export function LinkPicker({ onClose, onPick }: { onClose: () => void; onPick: (kind: Kind, id: number) => void }) {
  const [kind, setKind] = useState<Kind>('fact');
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const data = useAsync(async () => {
    const [annotations, facts, entities] = await Promise.all([call('annotations.list', {}), call('facts.list', {}), call('entities.list', {})]);
    return {
      annotation: annotations.map((a) => ({ id: a.id, label: `“${a.exact}”`, detail: a.comment })),
      // Found by who said it, where and when too: “Peskov” finds the facts he is the source of.
      fact: facts.map((f) => ({
        id: f.id,
        label: `${f.subject} ${f.relation} ${f.object}`,
        detail: [`${f.reliability}${f.credibility} · ${f.status}`, f.source && `on the authority of ${f.source}`, f.place && `in ${f.place}`, f.time].filter(Boolean).join(' · '),
      })),
      entity: entities.map((e) => ({ id: e.id, label: e.name, detail: `${e.kind}${e.role ? ` · ${e.role}` : ''}` })),
    };
  }, 'link-targets');

  const matching = useMemo(() => {
    if (data.status !== 'ready') return null;
    const q = filter.trim().toLowerCase();
    const of = (k: Kind) => data.value[k].filter((i) => !q || `${i.label} ${i.detail}`.toLowerCase().includes(q));
    return { annotation: of('annotation'), fact: of('fact'), entity: of('entity') };
  }, [data, filter]);
  const items = useMemo(() => matching?.[kind].slice(0, 200) ?? [], [matching, kind]);
  // When nothing here matches, where something does.
  const elsewhere = KINDS.filter(([k]) => filter.trim() && k !== kind && (matching?.[k].length ?? 0) > 0).map(([k, label]) => `${matching![k].length} in ${label}`);

  return (
    <Modal title="Link this note" onClose={onClose} footer={<button type="button" className="button" onClick={onClose}>Close</button>}>
      <div className="segmented" role="tablist" aria-label="What to link">
        {KINDS.map(([k, label]) => (
          <button key={k} type="button" role="tab" aria-selected={kind === k} aria-pressed={kind === k} onClick={() => {
              setKind(k);
              setActive(0);
            }}>
            {label}
          </button>
        ))}
      </div>
      <input
        className="quick-filter wide"
        type="search"
        autoFocus
        aria-label="Find"
        placeholder="Type to find…"
        value={filter}
        onChange={(e) => {
          setFilter(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(items.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter' && items[active]) {
            e.preventDefault();
            onPick(kind, items[active]!.id);
          }
        }}
      />
      <ul className="pick-list" role="listbox" aria-label="Items to link">
        {data.status === 'loading' && <li className="muted">Loading…</li>}
        {data.status === 'ready' && items.length === 0 && <li className="muted">{elsewhere.length > 0 ? `Nothing here matches; ${elsewhere.join(', ')}.` : kind === 'annotation' ? 'No passages match. Code a passage in the Article view first.' : 'Nothing matches.'}</li>}
        {items.map((i, n) => (
          <li key={i.id} role="option" aria-selected={n === active} className={`pick-item${n === active ? ' is-active' : ''}`} onMouseEnter={() => setActive(n)} onClick={() => onPick(kind, i.id)}>
            <span className="pick-label">{i.label}</span>
            {i.detail && <span className="pick-detail">{i.detail}</span>}
          </li>
        ))}
      </ul>
    </Modal>
  );
}
