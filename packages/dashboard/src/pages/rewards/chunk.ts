import { useEffect, useRef, useState } from 'preact/hooks';

export type Chunk<T> = { status: 'waiting' | 'loading' } | { status: 'ready'; value: T } | { status: 'error' };

/**
 * A part of the page kept out of its first chunk: loaded once `when` first holds (so the
 * first paint does not wait on it), with a retry for a failed download.
 */
export function useChunk<T>(load: () => Promise<T>, when: boolean): [Chunk<T>, () => void] {
  const [state, setState] = useState<Chunk<T>>({ status: 'waiting' });
  const start = () => {
    setState({ status: 'loading' });
    load().then(
      (value) => setState({ status: 'ready', value }),
      () => setState({ status: 'error' }),
    );
  };
  const asked = useRef(false);
  useEffect(() => {
    if (when && !asked.current) {
      asked.current = true;
      start();
    }
  }, [when]);
  return [state, start];
}
