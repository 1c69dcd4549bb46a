/** Loading, error and empty states, the same everywhere. */
import type { ReactNode } from 'react';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function ErrorNote({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="state error" role="alert" data-tid="error">
      <p>{message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <p className="state empty" data-tid="empty">
      {children}
    </p>
  );
}

/** Data, or the state that stands for it. */
export function Async<T>(props: {
  loaded: { data: T | undefined; error: string | undefined; loading: boolean; reload: () => void };
  label?: string;
  children: (data: T) => ReactNode;
}) {
  const { data, error, loading, reload } = props.loaded;
  if (data !== undefined)
    return (
      <>
        {error && <ErrorNote message={`Refresh failed: ${error}`} onRetry={reload} />}
        {props.children(data)}
      </>
    );
  if (error) return <ErrorNote message={error} onRetry={reload} />;
  if (loading) return <Loading label={props.label} />;
  return null;
}
