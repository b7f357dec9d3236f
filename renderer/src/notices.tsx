// Messages for the person at the keyboard: errors stay until dismissed, confirmations fade.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
  action?: { label: string; run: () => void } | undefined;
}

interface Notices {
  notify(kind: Notice['kind'], message: string, action?: Notice['action']): void;
  error(error: unknown): void;
}

const NoticeContext = createContext<Notices | null>(null);

export function useNotices(): Notices {
  const value = useContext(NoticeContext);
  if (!value) throw new Error('useNotices outside NoticeProvider');
  return value;
}

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (kind: Notice['kind'], message: string, action?: Notice['action']) => {
      const id = next.current++;
      setNotices((list) => [...list.slice(-3), { id, kind, message, action }]);
      if (kind === 'info') setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  const value = useMemo<Notices>(
    () => ({ notify, error: (e) => notify('error', e instanceof Error ? e.message : String(e)) }),
    [notify],
  );
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div className="notices" role="region" aria-label="Messages">
        {notices.map((n) => (
          <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
            <span className="notice-message">{n.message}</span>
            {n.action && (
              <button
                type="button"
                className="notice-action"
                onClick={() => {
                  n.action!.run();
                  dismiss(n.id);
                }}
              >
                {n.action.label}
              </button>
            )}
            <button type="button" className="notice-close" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}
