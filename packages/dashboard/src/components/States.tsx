import type { ComponentChildren } from 'preact';
import type { Resource } from '../state/resource.ts';

/** A placeholder while something loads; announced to screen readers once. */
export function Loading({ label = 'Loading…', lines = 3 }: { label?: string; lines?: number }) {
  return (
    <div class="loading" aria-busy="true">
      <span class="visually-hidden" role="status">
        {label}
      </span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} class="skeleton" style={{ width: `${90 - i * 15}%` }} />
      ))}
    </div>
  );
}

/** A failed load, where it happened, with a way to try again. */
export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div class="alert alert-error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" class="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Nothing to show yet, and what would change that. */
export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {children && <div class="empty-body">{children}</div>}
    </div>
  );
}

/**
 * A resource's three states in one place: loading (only the first time; a reload keeps the
 * data shown), error with "Try again", then the data, or `empty` when `isEmpty` says so.
 */
export function Async<T>({
  resource,
  children,
  isEmpty,
  empty,
  loading,
}: {
  resource: Resource<T>;
  children: (data: T) => ComponentChildren;
  isEmpty?: (data: T) => boolean;
  empty?: ComponentChildren;
  loading?: ComponentChildren;
}) {
  const data = resource.data.value;
  const error = resource.error.value;
  if (error && data === undefined) return <ErrorState message={error.message} onRetry={resource.reload} />;
  if (data === undefined) return <>{loading ?? <Loading />}</>;
  return (
    <>
      {error && <ErrorState message={error.message} onRetry={resource.reload} />}
      {isEmpty?.(data) ? empty : children(data)}
    </>
  );
}
