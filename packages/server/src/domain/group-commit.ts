/**
 * Group commit: concurrent callers share one write. At most one write is in flight; items
 * that arrive meanwhile wait and go together in the next. Each `add` resolves only after the
 * write holding its item has committed, and rejects if that write fails, so nothing is
 * acknowledged before it is durable. Under light load a write holds one item; under heavy
 * load it holds up to `maxBatch`.
 */
export interface GroupCommit<T> {
  add(item: T): Promise<void>;
  /** Waits until everything added so far has been written (or has failed). */
  flush(): Promise<void>;
  readonly stats: { writes: number; items: number; failures: number };
}

export function groupCommit<T>(write: (items: T[]) => Promise<void>, maxBatch = 500): GroupCommit<T> {
  let pending: { item: T; resolve: () => void; reject: (err: unknown) => void }[] = [];
  let running: Promise<void> | null = null;
  const stats = { writes: 0, items: 0, failures: 0 };

  const drain = async () => {
    while (pending.length) {
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(batch.length);
      try {
        await write(batch.map((p) => p.item));
        stats.writes++;
        stats.items += batch.length;
        for (const p of batch) p.resolve();
      } catch (err) {
        stats.failures++;
        for (const p of batch) p.reject(err);
      }
    }
    running = null;
  };

  return {
    stats,
    add(item) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        // Wait one turn of the event loop so requests parsed together share the write.
        running ??= new Promise<void>((go) => setImmediate(go)).then(drain);
      });
    },
    async flush() {
      while (running) await running;
    },
  };
}
