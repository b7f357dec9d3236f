// Messages for the person at the keyboard: errors stay until dismissed or until the person moves
// to another view (an error speaks of what was just tried there, and left standing it covers the
// next view's controls), a confirmation fades (not while the pointer or the focus is on it) and
// the next one takes its place (see noticeList.ts).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { NO_NOTICES, addNotice, dismissErrors, dismissNotice, resolveNotices, shownErrors, type Notice } from './noticeList';

export type { Notice } from './noticeList';

/** How long a confirmation stays once nobody is pointing at it. */
const INFO_MS = 6000;

export interface Notices {
  notify(kind: Notice['kind'], message: string, action?: Notice['action']): void;
  error(error: unknown): void;
  /** An error about one thing (see Notice.about), which `resolved` takes away. */
  errorAbout(message: string, about: string): void;
  /** The thing an error was about has been saved: its error goes. */
  resolved(about: string): void;
  /** Closes every error on screen (the app does so when the person moves to another view). */
  dismissErrors(): void;
}

const NoticeContext = createContext<Notices | null>(null);

export function useNotices(): Notices {
  const value = useContext(NoticeContext);
  if (!value) throw new Error('useNotices outside NoticeProvider');
  return value;
}

function NoticeItem({ notice, onDismiss, ...attributes }: { notice: Notice; onDismiss: () => void } & React.HTMLAttributes<HTMLDivElement>) {
  return (
    <div className={`notice notice-${notice.kind}`} data-testid={`notice-${notice.kind}`} {...attributes}>
      <span className="notice-message">{notice.message}</span>
      {notice.repeats > 1 && (
        <span className="notice-count" aria-label={`${notice.repeats} times`}>
          ×{notice.repeats}
        </span>
      )}
      {notice.action && (
        <button
          type="button"
          className="notice-action"
          onClick={() => {
            notice.action!.run();
            onDismiss();
          }}
        >
          {notice.action.label}
        </button>
      )}
      <button type="button" className="notice-close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState(NO_NOTICES);
  const next = useRef(1);
  const timer = useRef<number | undefined>(undefined);
  const dismiss = useCallback((id: number) => setState((s) => dismissNotice(s, id)), []);
  const fadeLater = useCallback(
    (id: number) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => dismiss(id), INFO_MS);
    },
    [dismiss],
  );
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const notify = useCallback(
    (kind: Notice['kind'], message: string, action?: Notice['action']) => {
      const id = next.current++;
      setState((s) => addNotice(s, { id, kind, message, action }));
      if (kind === 'info') fadeLater(id);
    },
    [fadeLater],
  );
  const value = useMemo<Notices>(
    () => ({
      notify,
      error: (e) => notify('error', e instanceof Error ? e.message : String(e)),
      errorAbout: (message, about) => setState((s) => addNotice(s, { id: next.current++, kind: 'error', message, about })),
      resolved: (about) => setState((s) => resolveNotices(s, about)),
      dismissErrors: () => setState(dismissErrors),
    }),
    [notify],
  );
  const { shown, waiting } = shownErrors(state);
  const info = state.info;
  // Pointing at the confirmation, or tabbing to its button, holds it until the pointer or focus leaves.
  const hold = info && {
    onMouseEnter: () => window.clearTimeout(timer.current),
    onMouseLeave: () => fadeLater(info.id),
    onFocus: () => window.clearTimeout(timer.current),
    onBlur: () => fadeLater(info.id),
  };
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div className="notices" role="region" aria-label="Messages">
        {waiting > 0 && (
          <div className="notice-waiting">
            <span>
              {waiting} earlier {waiting === 1 ? 'error' : 'errors'} behind these
            </span>
            <button type="button" className="notice-action" onClick={() => setState(dismissErrors)}>
              Dismiss all
            </button>
          </div>
        )}
        {shown.map((n) => (
          <NoticeItem key={n.id} role="alert" notice={n} onDismiss={() => dismiss(n.id)} />
        ))}
        {/* Always there, so that screen readers hear each confirmation as it replaces the last. */}
        <div role="status" className="notice-slot">
          {info && <NoticeItem key="info" notice={info} onDismiss={() => dismiss(info.id)} {...hold} />}
        </div>
      </div>
    </NoticeContext.Provider>
  );
}
