// The Facts grid's editor for an entity cell (subject, where, on whose authority): type any part of
// a name or an alias and the list shows the entities it finds, best first (“Putin” finds Vladimir
// Putin). The cell's value follows the highlighted entity, so Enter or Tab saves it, as in any
// cell; ↑↓ move in the list, a click picks, Esc leaves the cell as it was. A select listing every
// entity matched typed keys from the start of a name only.
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import type { Entity, Fact } from '../../../electron/ipc/contract';
import { matchEntities } from '../entityMatch';

// A kind as stored, or 'as stored' for a name no entity has any more.
type Choice = Pick<Entity, 'name' | 'aliases'> & { kind: string };

export function EntityEditor({
  value,
  onValueChange,
  stopEditing,
  eventKey,
  entities,
  all,
  blank,
}: CustomCellEditorProps<Fact, string | null> & { entities: readonly Choice[]; all: readonly Choice[]; blank?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  // Editing started by typing a character starts the search with it, as a spreadsheet cell does.
  const [typed, setTyped] = useState(() => (eventKey && eventKey.length === 1 ? eventKey : ''));
  const current = typeof value === 'string' ? value : '';
  // The cell's own entity is offered even if it does not fit the column (an event as Where, from an
  // older store or a merge): opened and closed with Enter, the editor must not put another in its place.
  const [own] = useState(() => (current && !entities.some((e) => e.name === current) ? (all.find((e) => e.name === current) ?? { name: current, kind: 'as stored', aliases: [] }) : null));
  const options = useMemo<(Choice | null)[]>(() => {
    const found = matchEntities(own ? [own, ...entities] : entities, typed);
    return blank !== undefined && !typed.trim() ? [null, ...found] : found;
  }, [entities, own, typed, blank]);
  const [active, setActive] = useState(() => Math.max(0, typed ? 0 : options.findIndex((o) => (o ? o.name === current : current === ''))));

  useEffect(() => input.current?.focus(), []);
  // The cell's value is the highlighted entity; typed words that find none are kept as typed, for
  // the store to refuse with its reason at the cell.
  useEffect(() => {
    const choice = options[active];
    onValueChange(choice === undefined ? typed : choice === null ? '' : choice.name);
    // onValueChange is the grid's own and stays the same.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [options, active, typed]);
  useLayoutEffect(() => {
    document.getElementById(`${id}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  return (
    <div className="entity-editor">
      <input
        ref={input}
        className="ag-input-field-input ag-text-field-input"
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={options[active] !== undefined ? `${id}-${active}` : undefined}
        aria-label="Type part of a name"
        placeholder={current || 'Type part of a name'}
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
          e.preventDefault();
          e.stopPropagation();
          setActive((i) => Math.min(options.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1))));
        }}
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Entities" className="entity-combobox-list entity-editor-list">
        {options.length === 0 && (
          <li className="entity-combobox-none" role="option" aria-disabled="true" aria-selected="false">
            No entity has that name.
          </li>
        )}
        {options.map((o, i) => (
          <li
            key={o ? o.name : ''}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              onValueChange(o ? o.name : '');
              // After the value has reached the grid.
              window.setTimeout(() => stopEditing(), 0);
            }}
            onMouseMove={() => setActive(i)}
          >
            {o ? `${o.name} (${o.kind})` : <em>{blank}</em>}
          </li>
        ))}
      </ul>
    </div>
  );
}
