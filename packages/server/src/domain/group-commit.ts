/**
 * Group commit: concurrent callers share one write. Up to `concurrency` writes are in flight;
 * items that arrive meanwhile wait and go together in the next. Each `add` resolves only after
 * the write holding its item has committed, and rejects if that write fails, so nothing is
 * acknowledged before it is durable. Under light load a write holds one item; under heavy
 * load it holds up to `maxBatch`. A write that stored some items and refused others throws
 * `PartlyRefused`, so only those items reject.
 */
export interface GroupCommit<T> {
  add(item: T): Promise<void>;
  /** Waits until everything added so far has been written (or has failed). */
  flush(): Promise<void>;
  readonly stats: { writes: number; items: number; failures: number };
}

/** Thrown by a write that stored some of its items: by position, what kept each other one out. */
export class PartlyRefused extends Error {
  constructor(readonly refused: ReadonlyMap<number, unknown>) {
    super(`${refused.size} item(s) of the write refused`);
  }
}

const NONE_REFUSED: ReadonlyMap<number, unknown> = new Map();

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface GroupCommitOptions {
  maxBatch?: number;
  concurrency?: number;
  /**
   * After a write, when fewer items wait than were active in its round (the items it wrote
   * plus those that waited behind it), wait up to this long for the rest before writing (like
   * Postgres's commit_delay). Without it, clients that send again as soon as they are answered,
   * as a load test's do, split into two groups that take turns, and a write of 50 costs no more
   * than one of 33 (0.63 ms for either on Postgres here). A client whose write held only its own
   * item never waits, and nothing waits while flush() runs.
   *
   * The cost falls on independent clients (browsers' beacons), for whom the wait mostly runs
   * out: in a simulation of this code (Poisson arrivals, a 0.63 ms write) at 20,000 a second,
   * mean latency was 0.95 ms without waiting, 1.45 ms at 1 ms and 1.92 ms at 2 ms (p99 1.25,
   * 2.24, 3.23 ms), for writes holding 12.8, 32.8 and 52.6 items: a quarter of the writes at
   * 2 ms. The server's default is 2 ms: with 1, the 50 clients of the benchmark were written
   * a median 33 at a time; with 2, all 50 (+7 % pings a second; bench/RESULTS.md).
   */
  gatherMs?: number;
}

export function groupCommit<T>(
  write: (items: T[]) => Promise<void>,
  { maxBatch = 500, concurrency = 1, gatherMs = 0 }: GroupCommitOptions = {},
): GroupCommit<T> {
  let pending: Waiting<T>[] = [];
  const inFlight = new Set<Promise<void>>();
  let scheduled = false;
  // How many items were active in the last round: the batch just written and those waiting.
  let expected = 0;
  let gathering: ReturnType<typeof setTimeout> | null = null;
  // While someone waits in flush(), nothing waits for more clients: shutdown writes at once.
  let flushing = 0;
  const stats = { writes: 0, items: 0, failures: 0 };

  const run = async (batch: Waiting<T>[]) => {
    let refused: ReadonlyMap<number, unknown> = NONE_REFUSED;
    try {
      await write(batch.map((w) => w.item));
    } catch (err) {
      stats.failures++;
      if (!(err instanceof PartlyRefused)) {
        for (const w of batch) w.reject(err);
        return;
      }
      refused = err.refused;
    }
    stats.writes++;
    stats.items += batch.length - refused.size;
    for (let i = 0; i < batch.length; i++) {
      const w = batch[i] as Waiting<T>;
      if (refused.has(i)) w.reject(refused.get(i));
      else w.resolve();
    }
  };

  const stopGathering = () => {
    if (gathering) clearTimeout(gathering);
    gathering = null;
  };

  const pump = () => {
    if (gathering && pending.length < expected) return;
    stopGathering();
    while (inFlight.size < concurrency && pending.length) {
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(batch.length);
      const done: Promise<void> = run(batch).then(() => {
        inFlight.delete(done);
        expected = Math.min(maxBatch, batch.length + pending.length);
        // Gather also when nothing waits yet: the clients just answered are about to send again,
        // and writing the first of them alone splits the round into small writes.
        if (gatherMs > 0 && !flushing && pending.length < expected && !gathering) {
          gathering = setTimeout(() => {
            gathering = null;
            pump();
          }, gatherMs);
          return;
        }
        pump();
      });
      inFlight.add(done);
    }
  };

  return {
    stats,
    add(item) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        if ((gathering && pending.length < expected) || scheduled) return;
        scheduled = true;
        // Wait one turn of the event loop so requests parsed together share the write, also
        // when the round is complete: with an in-process engine nothing arrives during a write,
        // and writing as soon as the first item came would shrink every round to one.
        setImmediate(() => {
          scheduled = false;
          pump();
        });
      });
    },
    async flush() {
      flushing++;
      try {
        stopGathering();
        pump();
        while (pending.length || inFlight.size || scheduled) {
          if (inFlight.size) await Promise.race(inFlight);
          else await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        flushing--;
      }
    },
  };
}
