import type { ReactNode } from 'react';

export function ViewHeader({ title, count, children }: { title: string; count?: number | undefined; children?: ReactNode }) {
  return (
    <div className="view-header">
      <h1>
        {title}
        {count !== undefined && <span className="count">{count.toLocaleString()}</span>}
      </h1>
      <div className="view-actions">{children}</div>
    </div>
  );
}
