import { type Signal, signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { ApiError } from '../api/client.ts';

/** Data a page loads from the server, with its loading and error states as signals. */
export interface Resource<T> {
  data: Signal<T | undefined>;
  error: Signal<ApiError | undefined>;
  loading: Signal<boolean>;
  /** Loads again (after a change, or from an error state's "Try again"). */
  reload(): Promise<void>;
  /** Replaces the data with what a change answered, without asking the server again. */
  set(value: T): void;
}

const asApiError = (err: unknown) =>
  err instanceof ApiError ? err : new ApiError(0, 'client', (err as Error)?.message ?? 'Something went wrong');

/** A resource loaded by `load`; the latest call wins, earlier ones are aborted. */
export function createResource<T>(load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const data = signal<T | undefined>(undefined);
  const error = signal<ApiError | undefined>(undefined);
  const loading = signal(true);
  let current: AbortController | null = null;
  const reload = async () => {
    current?.abort();
    const abort = new AbortController();
    current = abort;
    loading.value = true;
    error.value = undefined;
    try {
      const value = await load(abort.signal);
      if (abort.signal.aborted) return;
      data.value = value;
    } catch (err) {
      if (abort.signal.aborted || (err as Error)?.name === 'AbortError') return;
      error.value = asApiError(err);
    } finally {
      if (current === abort) loading.value = false;
    }
  };
  return {
    data,
    error,
    loading,
    reload,
    set(value) {
      data.value = value;
      error.value = undefined;
    },
  };
}

/** A resource owned by a component: loaded on mount and whenever `deps` change. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[] = []): Resource<T> {
  const resource = useMemo(() => createResource(load), deps);
  useEffect(() => {
    resource.reload();
  }, [resource]);
  return resource;
}

/** The message of a failed action, for the form that sent it. */
export const messageOf = (err: unknown): string => asApiError(err).message;
