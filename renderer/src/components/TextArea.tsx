// A text area that keeps the browser's own undo: Ctrl+Z takes back what was typed in one go, as in
// any text field, not one character at a time. React 19 writes a <textarea>'s text back into it as
// its default value after every keystroke (whether it is controlled or given defaultValue), and
// Chromium ends the typing in progress on that change to the page. This one takes `value` like a
// controlled field but writes it into the field only when it differs from what is there: when the
// field appears, and when the text is changed from elsewhere (an undo, a reload).
import { useLayoutEffect, useRef, type Ref, type TextareaHTMLAttributes } from 'react';

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'defaultValue'> & { value: string; ref?: Ref<HTMLTextAreaElement> };

export function TextArea({ value, ref, ...rest }: Props) {
  const field = useRef<HTMLTextAreaElement | null>(null);
  useLayoutEffect(() => {
    const el = field.current;
    if (el && el.value !== value) el.value = value;
  }, [value]);
  return (
    <textarea
      {...rest}
      ref={(el) => {
        field.current = el;
        if (typeof ref === 'function') ref(el);
        else if (ref) ref.current = el;
      }}
    />
  );
}
