// Picks codes for a passage from the keyboard or the mouse: type to filter, arrows to move, Space
// (with an empty filter; a space is part of a filter) or Tab (while filtering: it adds the code
// and clears the filter for the next) to pick several, Enter to save, Esc to cancel. A name that
// matches no code can be added to the codebook on the spot. Esc does not drop a comment the person
// has typed: it asks first, and a second Esc discards it (the Cancel button discards at once).
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CodeLabel } from '../codes';
import { TextArea } from '../components/TextArea';

export interface CodePickerProps {
  codes: readonly CodeLabel[];
  initialCodeIds?: readonly number[];
  initialComment?: string;
  withComment?: boolean;
  title: string;
  /** Where to show it, in viewport pixels (under a selection or a button). */
  anchor: { left: number; top: number; bottom: number; right?: number };
  onSave: (codeIds: number[], comment: string) => Promise<void> | void;
  onCancel: () => void;
  /** Offered for a passage not yet saved: make a summit fact with it as the evidence instead. */
  onMakeFact?: () => void;
  onCreateCode: (name: string) => Promise<CodeLabel | null>;
}

type Option = { kind: 'code'; code: CodeLabel } | { kind: 'create'; name: string };

export function CodePicker({ codes, initialCodeIds = [], initialComment = '', withComment = true, title, anchor, onSave, onCancel, onMakeFact, onCreateCode }: CodePickerProps) {
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<number[]>([...initialCodeIds]);
  const [active, setActive] = useState(0);
  const [comment, setComment] = useState(initialComment);
  // One save at a time (a second Enter while saving is ignored). The button shows it is busy only
  // when a save takes a while: re-rendering the picker at once would cost the frame that shows the
  // new highlight a layout.
  const saving = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A first Esc with a typed comment: the picker asks before it drops the comment.
  const [discarding, setDiscarding] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [position, setPosition] = useState<{ left: number; top: number }>({ left: anchor.left, top: anchor.bottom + 8 });

  const options = useMemo<Option[]>(() => {
    const q = filter.trim().toLowerCase();
    const matching: Option[] = codes.filter((c) => !q || c.path.toLowerCase().includes(q)).map((code) => ({ kind: 'code', code }));
    if (q && !codes.some((c) => c.name.toLowerCase() === q)) matching.push({ kind: 'create', name: filter.trim() });
    return matching;
  }, [codes, filter]);

  useEffect(() => input.current?.focus(), []);

  // Keep the popover on screen and off the passage and the app's toolbar: below the anchor if it
  // fits, else above it, else beside it, else as low as it goes. Placed again when it grows (a
  // message, a question about the comment), so that it does not come down over the passage.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const place = () => {
      const { width, height } = el.getBoundingClientRect();
      const ceiling = (document.querySelector('.toolbar')?.getBoundingClientRect().bottom ?? 0) + 8;
      const floor = window.innerHeight - 12;
      const highest = Math.max(ceiling, floor - height);
      let left = Math.max(12, Math.min(anchor.left, window.innerWidth - width - 12));
      let top = highest;
      if (anchor.bottom + 8 + height <= floor) top = anchor.bottom + 8;
      else if (anchor.top - height - 8 >= ceiling) top = anchor.top - height - 8;
      else if (anchor.right !== undefined && anchor.right + 16 + width <= window.innerWidth - 12) {
        left = anchor.right + 16;
        top = Math.min(Math.max(anchor.top - 24, ceiling), highest);
      }
      setPosition((p) => (p.left === left && p.top === top ? p : { left, top }));
    };
    place();
    const resized = new ResizeObserver(place);
    resized.observe(el);
    return () => resized.disconnect();
  }, [anchor.left, anchor.top, anchor.bottom, anchor.right]);

  useEffect(() => {
    box.current?.querySelector(`[data-option="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const toggle = (id: number) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));

  const choose = async (option: Option | undefined): Promise<number | null> => {
    if (!option) return null;
    if (option.kind === 'code') return option.code.id;
    const created = await onCreateCode(option.name);
    return created?.id ?? null;
  };

  const save = async (includeActive: boolean, confirmCreate = false) => {
    if (saving.current) return;
    saving.current = true;
    const slow = window.setTimeout(() => setBusy(true), 300);
    setError(null);
    try {
      let ids = chosen;
      if (includeActive && filter.trim()) {
        const option = options[active];
        // A typo must not quietly become a new code: adding one takes a click or Ctrl+Enter.
        if (option?.kind === 'create' && !confirmCreate) {
          setError(`No code is called “${option.name}”. Press Ctrl+Enter or click “Add code” to add it to the codebook, or fix the name.`);
          return;
        }
        const id = await choose(option);
        if (id !== null && !ids.includes(id)) ids = [...ids, id];
      }
      await onSave(ids, comment);
    } catch (e) {
      // Keep everything the person typed; say what went wrong.
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      saving.current = false;
      window.clearTimeout(slow);
      setBusy(false);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'Escape') setDiscarding(false);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (discarding || comment.trim() === initialComment.trim()) onCancel();
      else setDiscarding(true);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(options.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === ' ' && filter === '' && e.target === input.current) {
      e.preventDefault();
      const option = options[active];
      if (option?.kind === 'code') toggle(option.code.id);
    } else if (e.key === 'Tab' && !e.shiftKey && filter !== '' && e.target === input.current && options[active]?.kind === 'code') {
      e.preventDefault();
      const option = options[active];
      if (option?.kind === 'code' && !chosen.includes(option.code.id)) toggle(option.code.id);
      setFilter('');
      setActive(0);
    } else if (e.key === 'Enter' && (e.target === input.current || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save(true, e.ctrlKey || e.metaKey);
    }
  };

  return (
    <div ref={box} className="code-picker" role="dialog" aria-label={title} style={{ left: position.left, top: position.top }} onKeyDown={onKeyDown}>
      <div className="code-picker-title">{title}</div>
      <input
        ref={input}
        className="code-picker-filter"
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls="code-picker-list"
        aria-activedescendant={`code-option-${active}`}
        placeholder="Type to find a code…"
        value={filter}
        onChange={(e) => {
          setFilter(e.target.value);
          setActive(0);
        }}
      />
      {/* Out of the Tab order (a scrolling list is otherwise a stop of its own): it is worked from the filter box. */}
      <ul className="code-picker-list" id="code-picker-list" role="listbox" aria-multiselectable="true" aria-label="Codes" tabIndex={-1}>
        {options.map((o, i) =>
          o.kind === 'code' ? (
            <li
              key={o.code.id}
              id={`code-option-${i}`}
              data-option={i}
              role="option"
              aria-selected={chosen.includes(o.code.id)}
              className={`code-option${i === active ? ' is-active' : ''}`}
              style={{ paddingLeft: 10 + o.code.depth * 16 }}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => toggle(o.code.id)}
            >
              <span className={`check${chosen.includes(o.code.id) ? ' is-checked' : ''}`} aria-hidden="true" />
              <span className="swatch" style={{ backgroundColor: o.code.color }} aria-hidden="true" />
              <span className="code-option-name">{o.code.name}</span>
            </li>
          ) : (
            <li
              key="create"
              id={`code-option-${i}`}
              data-option={i}
              role="option"
              aria-selected={false}
              className={`code-option code-option-create${i === active ? ' is-active' : ''}`}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void choose(o).then((id) => id !== null && (toggle(id), setFilter('')))}
            >
              + Add code “{o.name}”
            </li>
          ),
        )}
        {options.length === 0 && <li className="code-option-empty">No codes match.</li>}
      </ul>
      {withComment && (
        <TextArea className="code-picker-comment" rows={2} placeholder="Comment (optional)" aria-label="Comment" value={comment} onChange={(e) => setComment(e.target.value)} />
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {discarding && (
        <p className="field-error" role="alert">
          Discard the comment you typed? Press Esc again to discard it, or Ctrl+Enter to save.
        </p>
      )}
      <div className="code-picker-footer">
        <span className="code-picker-hint">{filter === '' ? '↑↓ move · Space add · Enter save · Esc cancel' : options[active]?.kind === 'code' ? '↑↓ move · Tab add · Enter save · Esc cancel' : 'Ctrl+Enter adds the code · Esc cancel'}</span>
        {onMakeFact && (
          <button type="button" className="button code-picker-aside" onClick={onMakeFact} title="Make a summit fact with this passage as its evidence">
            Make fact…
          </button>
        )}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void save(true, true)}>
          Save
        </button>
      </div>
    </div>
  );
}
