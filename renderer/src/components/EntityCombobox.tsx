// A field that picks an entity by typing any part of its name or of an alias (“Putin” finds
// Vladimir Putin), as the ARIA combobox pattern has it: ↑↓ move in the list, Enter or Tab picks,
// Esc closes the list. Leaving the field with a name typed in full, or with text that finds one
// entity only, chooses it. A native <select> only matches from the start of the visible text, so typing
// “Putin” there chose Pak Jong Chon.
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Entity } from '../../../electron/ipc/contract';
import { matchEntities } from '../entityMatch';

type Choice = Pick<Entity, 'id' | 'name' | 'kind' | 'aliases'>;

const label = (e: Choice) => `${e.name} (${e.kind})`;

export function EntityCombobox({
  label: fieldLabel,
  entities,
  value,
  onChange,
  blank,
  invalid,
  field,
  autoFocus,
}: {
  label: string;
  entities: readonly Choice[];
  /** The chosen entity's id as text, or '' for none. */
  value: string;
  onChange: (value: string) => void;
  /** What choosing none means (“the article itself”), or undefined when one must be chosen. */
  blank?: string;
  invalid?: boolean;
  field?: string;
  autoFocus?: boolean;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [place, setPlace] = useState<{ left: number; top: number; width: number } | null>(null);
  const chosen = entities.find((e) => String(e.id) === value);
  const options = useMemo(() => {
    const found: (Choice | null)[] = matchEntities(entities, typed ?? '');
    return blank !== undefined && !typed?.trim() ? [null, ...found] : found;
  }, [entities, typed, blank]);

  // The list is fixed to the screen under the field, so a dialog's scrolling body does not clip it.
  useLayoutEffect(() => {
    if (!open || !input.current) return;
    const r = input.current.getBoundingClientRect();
    setPlace({ left: r.left, top: r.bottom + 2, width: r.width });
  }, [open]);

  // The active option stays in sight as ↑↓ move through a long list.
  useLayoutEffect(() => {
    if (open) document.getElementById(`${id}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active, id]);

  const pick = (choice: Choice | null) => {
    onChange(choice ? String(choice.id) : '');
    setTyped(null);
    setOpen(false);
  };

  /**
   * What typed text settles on: a name typed in full, or the one entity the text finds (or none,
   * for an emptied field that may be empty). False when it names no entity.
   */
  const settleTyped = (): boolean => {
    if (typed === null) return true;
    const q = typed.trim().toLowerCase();
    const exact = entities.find((e) => e.name.toLowerCase() === q || label(e).toLowerCase() === q);
    const found = matchEntities(entities, typed);
    if (!q && blank !== undefined) pick(null);
    else if (exact) pick(exact);
    else if (found.length === 1) pick(found[0]!);
    else return false;
    return true;
  };

  /** Leaving the field: typed text that names no entity gives way to the choice as it was. */
  const settle = () => {
    settleTyped();
    setTyped(null);
    setOpen(false);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(Math.max(0, options.findIndex((o) => (o ? String(o.id) === value : value === ''))));
        return;
      }
      setActive((i) => Math.min(options.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if ((e.key === 'Enter' || e.key === 'Tab') && open && options[active] !== undefined) {
      // Picks from the list; the form is not submitted (Enter) and Tab goes on to the next field.
      if (e.key === 'Enter') {
        e.preventDefault();
        e.stopPropagation();
      }
      pick(options[active]!);
    } else if (e.key === 'Enter' && typed !== null) {
      // Typed words that are not yet a choice: Enter settles them, and never adds the fact with
      // another entity than the field shows. Words that name none keep the list open, saying so.
      e.preventDefault();
      e.stopPropagation();
      if (!settleTyped()) setOpen(true);
    } else if (e.key === 'Escape' && open) {
      // Closes the list only, not the dialog; what was typed stays, to be settled on leaving the field.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <div className="field entity-combobox">
      <label htmlFor={id}>{fieldLabel}</label>
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && options[active] !== undefined ? optionId(active) : undefined}
        aria-invalid={invalid ? 'true' : undefined}
        data-field={field}
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        placeholder={blank ?? 'Type a name…'}
        value={typed ?? (chosen ? label(chosen) : '')}
        onChange={(e) => {
          setTyped(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={(e) => e.target.select()}
        onClick={() => setOpen(true)}
        onBlur={settle}
        onKeyDown={onKeyDown}
      />
      {open && place && (
        <ul id={listId} role="listbox" aria-label={fieldLabel} className="entity-combobox-list" style={{ left: place.left, top: place.top, width: place.width }}>
          {options.length === 0 && (
            <li className="entity-combobox-none" role="option" aria-disabled="true" aria-selected="false">
              No entity has that name. Add it in the Entities view first.
            </li>
          )}
          {options.map((o, i) => (
            <li
              key={o ? o.id : 'none'}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // Picked before the field loses focus (which would settle the typed text instead).
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              onMouseMove={() => setActive(i)}
            >
              {o ? label(o) : <em>{blank}</em>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
