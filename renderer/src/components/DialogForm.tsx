// A dialog's fields, as in any form: Enter in a text field, or Ctrl+Enter anywhere, submits; a
// refused field gets the caret, so it can be put right at once; the refusal is said below them.
import { useEffect, useRef, type ReactNode } from 'react';

export interface FieldError {
  message: string;
  field: string | undefined;
}

export function DialogForm({ busy, onSubmit, error, children }: { busy: boolean; onSubmit: () => void; error: FieldError | null; children: ReactNode }) {
  const fields = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error?.field) fields.current?.querySelector<HTMLElement>(`[data-field="${error.field}"]`)?.focus();
  }, [error]);
  return (
    <>
      <div
        className="form-grid"
        ref={fields}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || busy || !(e.ctrlKey || e.metaKey || (e.target as HTMLElement).tagName === 'INPUT')) return;
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
    </>
  );
}
