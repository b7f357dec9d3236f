// The codebook: add, rename, recolour, nest and delete codes. Every change can be undone.
import { useState } from 'react';
import { call, undoFor } from '../client';
import { nextCodeColor, type CodeNode } from '../codes';
import { useNotices } from '../notices';

export function CodebookPanel({ codes, onChanged }: { codes: readonly CodeNode[]; onChanged: () => void }) {
  const notices = useNotices();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<number | null>(null);
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);

  const attempt = async (work: () => Promise<unknown>) => {
    try {
      await work();
      onChanged();
      return true;
    } catch (error) {
      notices.error(error);
      return false;
    }
  };

  const add = async () => {
    if (!name.trim()) return;
    const color = nextCodeColor(codes.length);
    if (await attempt(() => call('codes.create', { name, color, parentId }))) setName('');
  };

  // A code cannot move under itself or its own sub-codes.
  const descendants = (id: number): Set<number> => {
    const out = new Set([id]);
    for (const c of codes) if (c.parentId !== null && out.has(c.parentId)) out.add(c.id);
    return out;
  };

  return (
    <div className="codebook">
      <form
        className="codebook-add"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <input type="text" aria-label="New code name" placeholder="New code…" value={name} onChange={(e) => setName(e.target.value)} />
        <select aria-label="Nest the new code under" value={parentId ?? ''} onChange={(e) => setParentId(e.target.value ? Number(e.target.value) : null)}>
          <option value="">at the top level</option>
          {codes.map((c) => (
            <option key={c.id} value={c.id}>
              under {c.path}
            </option>
          ))}
        </select>
        <button type="submit" className="button" disabled={!name.trim()}>
          Add
        </button>
      </form>
      <ul className="codebook-list" aria-label="Codebook">
        {codes.map((c) => (
          <li key={c.id} className="codebook-item" style={{ paddingLeft: 8 + c.depth * 18 }}>
            <label className="swatch-picker" title="Change colour">
              <span className="swatch" style={{ backgroundColor: c.color }} aria-hidden="true" />
              <input type="color" aria-label={`Colour of ${c.name}`} value={c.color} onChange={(e) => void attempt(() => call('codes.update', { id: c.id, color: e.target.value }))} />
            </label>
            {renaming?.id === c.id ? (
              <input
                type="text"
                className="codebook-rename"
                aria-label={`New name for ${c.name}`}
                autoFocus
                value={renaming.name}
                onChange={(e) => setRenaming({ id: c.id, name: e.target.value })}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') setRenaming(null);
                  if (e.key === 'Enter') void attempt(() => call('codes.update', { id: c.id, name: renaming.name })).then((ok) => ok && setRenaming(null));
                }}
                onBlur={() => setRenaming(null)}
              />
            ) : (
              <button type="button" className="codebook-name" title="Rename" onDoubleClick={() => setRenaming({ id: c.id, name: c.name })} onKeyDown={(e) => e.key === 'F2' && setRenaming({ id: c.id, name: c.name })}>
                {c.name}
              </button>
            )}
            <select
              className="codebook-parent"
              aria-label={`Nest ${c.name} under`}
              value={c.parentId ?? ''}
              onChange={(e) => void attempt(() => call('codes.update', { id: c.id, parentId: e.target.value ? Number(e.target.value) : null }))}
            >
              <option value="">top level</option>
              {codes
                .filter((p) => !descendants(c.id).has(p.id))
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.path}
                  </option>
                ))}
            </select>
            <span className="codebook-usage" title="Annotations with this code">
              {c.usage}
            </span>
            <button type="button" className="icon-button small" aria-label={`Rename ${c.name}`} title="Rename (F2)" onClick={() => setRenaming({ id: c.id, name: c.name })}>
              ✎
            </button>
            <button
              type="button"
              className="icon-button small"
              aria-label={`Delete ${c.name}`}
              title="Delete code"
              onClick={() =>
                void attempt(() => call('codes.delete', { id: c.id })).then(async (ok) => {
                  if (!ok) return;
                  const undo = await undoFor();
                  // Said with what it took away, and undone in one click, like every other delete.
                  notices.notify('info', `Deleted code “${c.name}”${c.usage ? `, which ${c.usage === 1 ? 'one annotation had' : `${c.usage} annotations had`}` : ''}.`, {
                    label: 'Undo',
                    run: () => void undo().then(onChanged, notices.error),
                  });
                })
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
