import { type Signal, signal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { createResource, messageOf, type Resource } from '../../state/resource.ts';

export interface Page<T> {
  items: T[];
  nextBefore: string | null;
}

/** A list read a page at a time, newest first: the first page as a resource, then "Show more". */
export interface Paged<T> {
  resource: Resource<Page<T>>;
  /** Reads the first page again (the list starts over). */
  reload(): Promise<void>;
  /** Appends the next page; a failure is kept in `moreError` and the rows shown stay. */
  more(): Promise<void>;
  loadingMore: Signal<boolean>;
  moreError: Signal<string | undefined>;
}

/**
 * A paged list owned by a component. It does not load by itself: the page calls `reload()`
 * when it wants it (after the summary, so the first paint does not wait on it).
 */
export function usePaged<T>(load: (before: string | undefined, signal: AbortSignal) => Promise<Page<T>>): Paged<T> {
  return useMemo(() => {
    const resource = createResource((abort) => load(undefined, abort));
    const loadingMore = signal(false);
    const moreError = signal<string | undefined>(undefined);
    const more = async () => {
      const current = resource.data.value;
      if (!current?.nextBefore || loadingMore.value) return;
      loadingMore.value = true;
      moreError.value = undefined;
      try {
        const next = await load(current.nextBefore, new AbortController().signal);
        // A reload while this page was on its way starts the list again: this page is dropped.
        if (resource.data.value !== current) return;
        resource.set({ items: [...current.items, ...next.items], nextBefore: next.nextBefore });
      } catch (err) {
        moreError.value = messageOf(err);
      } finally {
        loadingMore.value = false;
      }
    };
    const reload = () => {
      moreError.value = undefined;
      return resource.reload();
    };
    return { resource, reload, more, loadingMore, moreError };
  }, []);
}
