import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { ErrorState, Loading } from '../../components/States.tsx';
import { createResource, type Resource } from '../../state/resource.ts';

/**
 * A resource that loads again whenever `key` (the range, say) changes, keeping what it showed
 * until the new answer arrives, so changing the dates does not blank the page.
 */
export function useKeyedResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const loader = useRef(load);
  loader.current = load;
  const resource = useMemo(() => createResource((signal) => loader.current(signal)), []);
  useEffect(() => {
    resource.reload();
  }, [key]);
  return resource;
}

/**
 * One section's states for data that depends on what is asked (a range, a campaign): loading,
 * the server's error (a refusal is explained once, beside the field that asked), empty, or the
 * data, dimmed while the next answer loads.
 */
export function RangeAsync<T>({
  resource,
  label,
  children,
  isEmpty,
  empty,
  refused = 'Pick other dates above to see this.',
}: {
  resource: Resource<T>;
  label: string;
  /** What to say instead when the server refused what was asked (400): the reason is shown where it was asked. */
  refused?: ComponentChildren;
  children: (data: T) => ComponentChildren;
  isEmpty?: (data: T) => boolean;
  empty?: ComponentChildren;
}) {
  const error = resource.error.value;
  const data = resource.data.value;
  if (error) {
    if (error.status === 400) return <p class="muted">{refused}</p>;
    return <ErrorState message={error.message} onRetry={resource.reload} />;
  }
  if (data === undefined) return <Loading label={label} />;
  const busy = resource.loading.value;
  return (
    <div class={busy ? 'af-stale' : undefined} aria-busy={busy}>
      {isEmpty?.(data) ? empty : children(data)}
    </div>
  );
}
