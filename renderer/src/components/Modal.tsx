import { useEffect, useRef, type ReactNode } from 'react';

/** A modal dialog on the native <dialog> element: focus is trapped, Esc closes it. */
export function Modal({ title, onClose, children, footer, wide }: { title: string; onClose: () => void; children: ReactNode; footer: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) {
      dialog.showModal();
      // showModal() focuses the first focusable element, the close button: start in the first field instead.
      dialog.querySelector<HTMLElement>('.modal-body [data-autofocus], .modal-body input, .modal-body select, .modal-body textarea')?.focus();
    }
    const onCancel = (e: Event) => {
      e.preventDefault();
      onClose();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => dialog.removeEventListener('cancel', onCancel);
  }, [onClose]);
  return (
    <dialog ref={ref} className={`modal${wide ? ' modal-wide' : ''}`} aria-labelledby="modal-title">
      <header className="modal-header">
        <h2 id="modal-title">{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="modal-body">{children}</div>
      <footer className="modal-footer">{footer}</footer>
    </dialog>
  );
}

/** A dialog's usual footer: Cancel, and the button that does what the dialog is for. */
export function DialogButtons({ label, onCancel, onConfirm, busy = false, danger = false }: { label: string; onCancel: () => void; onConfirm: () => void; busy?: boolean; danger?: boolean }) {
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="button" className={`button ${danger ? 'button-danger' : 'button-primary'}`} disabled={busy} onClick={onConfirm}>
        {label}
      </button>
    </>
  );
}
