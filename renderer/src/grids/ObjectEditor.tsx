// The Facts grid's editor for a fact's object, which is an entity or words ("additional supplies
// of North Korean munitions"): a text field that offers the entities' names as one types. A name
// typed in full links the entity; anything else is kept as the words typed. (A list of entities
// alone made typed words pick whichever name the keys landed on, and save it.)
import { useEffect, useId, useRef } from 'react';
import type { CustomCellEditorProps } from 'ag-grid-react';
import type { Fact } from '../../../electron/ipc/contract';

export function ObjectEditor({ value, onValueChange, eventKey, names }: CustomCellEditorProps<Fact, string> & { names: readonly string[] }) {
  const input = useRef<HTMLInputElement>(null);
  const list = useId();
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    // Editing started by typing a character replaces the words with it, as in a spreadsheet cell;
    // started by Backspace or Delete, it clears them; by Enter or a double click, it keeps them.
    if (eventKey && eventKey.length === 1) onValueChange(eventKey);
    else if (eventKey === 'Backspace' || eventKey === 'Delete') onValueChange('');
    el.focus();
    const end = el.value.length;
    el.setSelectionRange(end, end);
    // Only when editing starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <>
      <input
        ref={input}
        className="ag-input-field-input ag-text-field-input object-editor"
        list={list}
        aria-label="Object: an entity’s name, or words"
        value={value ?? ''}
        onChange={(e) => onValueChange(e.target.value)}
      />
      <datalist id={list}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
