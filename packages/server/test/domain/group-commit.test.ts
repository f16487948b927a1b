import { describe, expect, it } from 'vitest';
import { groupCommit, PartlyRefused } from '../../src/domain/group-commit.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('groupCommit', () => {
  it('writes items added in the same turn together, and the next ones after it', async () => {
    const writes: number[][] = [];
    let release = () => {};
    const gc = groupCommit<number>(async (items) => {
      writes.push(items);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    const first = [1, 2, 3].map((n) => gc.add(n));
    await tick();
    expect(writes).toEqual([[1, 2, 3]]);
    // While that write is in flight, more arrive; none is written until it commits.
    const second = [4, 5].map((n) => gc.add(n));
    await tick();
    expect(writes).toHaveLength(1);
    release();
    await Promise.all(first);
    await tick();
    expect(writes).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    release();
    await Promise.all(second);
    expect(gc.stats).toEqual({ writes: 2, items: 5, failures: 0 });
  });

  it('resolves nobody before the write commits, and rejects a failed batch only', async () => {
    let fail = true;
    const gc = groupCommit<number>(async () => {
      if (fail) throw new Error('disk full');
    });
    const failed = Promise.allSettled([gc.add(1), gc.add(2)]);
    await tick();
    fail = false;
    const ok = Promise.allSettled([gc.add(3)]);
    expect((await failed).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((await ok).map((r) => r.status)).toEqual(['fulfilled']);
    expect(gc.stats).toEqual({ writes: 1, items: 1, failures: 1 });
  });

  it('rejects only the items a partly refused write names', async () => {
    const gc = groupCommit<number>(async (items) => {
      const refused = new Map(items.flatMap((n, i) => (n % 2 ? [[i, new Error(`odd ${n}`)] as const] : [])));
      if (refused.size) throw new PartlyRefused(refused);
    });
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => gc.add(n)));
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'stored'))).toEqual([
      'odd 1',
      'stored',
      'odd 3',
      'stored',
    ]);
    expect(gc.stats).toEqual({ writes: 1, items: 2, failures: 1 });
  });

  it('caps a write at maxBatch and flush waits for everything', async () => {
    const sizes: number[] = [];
    const gc = groupCommit<number>(
      async (items) => {
        sizes.push(items.length);
      },
      { maxBatch: 4 },
    );
    const all = Array.from({ length: 10 }, (_, i) => gc.add(i));
    await gc.flush();
    expect(sizes).toEqual([4, 4, 2]);
    await Promise.all(all);
  });
});

describe('groupCommit with several writes in flight', () => {
  it('starts a second write while the first is in flight, never more than allowed', async () => {
    let inFlight = 0;
    let most = 0;
    const gc = groupCommit<number>(
      async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
      },
      { concurrency: 2, maxBatch: 3 },
    );
    await Promise.all(Array.from({ length: 12 }, (_, i) => gc.add(i)));
    expect(most).toBe(2);
    expect(gc.stats).toEqual({ writes: 4, items: 12, failures: 0 });
  });
});

describe('groupCommit gathering', () => {
  /** A writer whose writes finish only when released; records each batch. */
  function gated(gatherMs: number, maxBatch?: number) {
    const batches: number[][] = [];
    const releases: (() => void)[] = [];
    const gc = groupCommit<number>(
      async (items) => {
        batches.push(items);
        await new Promise<void>((resolve) => releases.push(resolve));
      },
      { gatherMs, ...(maxBatch ? { maxBatch } : {}) },
    );
    return { gc, batches, release: () => releases.shift()?.() };
  }

  it('after a write, waits for the rest of the last round and writes them together', async () => {
    const { gc, batches, release } = gated(1000);
    const round = [1, 2, 3, 4].map((n) => gc.add(n));
    await tick();
    const early = gc.add(5); // arrives while the first write is in flight
    release();
    await Promise.all(round);
    await tick();
    expect(batches).toHaveLength(1); // 1 waiting of 5 active: gathering, not writing
    const rest = [6, 7, 8, 9].map((n) => gc.add(n));
    await tick();
    expect(batches).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8, 9],
    ]);
    release();
    await Promise.all([early, ...rest]);
  });

  it('writes what it has once gatherMs has passed', async () => {
    const { gc, batches, release } = gated(15);
    const round = [1, 2, 3].map((n) => gc.add(n));
    await tick();
    const late = gc.add(4);
    release();
    await Promise.all(round);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(batches).toEqual([[1, 2, 3], [4]]);
    release();
    await late;
  });

  it('does not wait when a whole round (up to maxBatch) is already waiting', async () => {
    const { gc, batches, release } = gated(1000, 2);
    const round = [1, 2].map((n) => gc.add(n));
    await tick();
    const waiting = [3, 4].map((n) => gc.add(n)); // arrive during the write: a full round
    await tick();
    release();
    await Promise.all(round);
    await tick();
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    release();
    await Promise.all(waiting);
  });

  it('flush writes what is gathering at once', async () => {
    const { gc, batches, release } = gated(1000);
    const round = [1, 2, 3].map((n) => gc.add(n));
    await tick();
    const late = gc.add(4);
    release();
    await Promise.all(round);
    await tick();
    expect(batches).toHaveLength(1); // gathering: 1 waiting of 4 active
    const flushed = gc.flush();
    await tick();
    expect(batches).toEqual([[1, 2, 3], [4]]);
    release();
    await Promise.all([flushed, late]);
  });

  it('flush does not start gathering when a write ends while it waits', async () => {
    const { gc, batches, release } = gated(60_000);
    const round = [1, 2, 3].map((n) => gc.add(n));
    await tick();
    const late = gc.add(4); // waits behind the write in flight: 1 of 4 active
    const flushed = gc.flush();
    release(); // the write ends during the flush; without the fix, 4 would wait out the minute
    await Promise.all(round);
    await tick();
    expect(batches).toEqual([[1, 2, 3], [4]]);
    release();
    await Promise.all([flushed, late]);
  });

  it('gathers the round just answered even when nothing arrived during the write', async () => {
    const { gc, batches, release } = gated(1000);
    const round = [1, 2, 3].map((n) => gc.add(n));
    await tick();
    release();
    await Promise.all(round);
    const first = gc.add(4); // the first of the three clients just answered
    await tick();
    expect(batches).toEqual([[1, 2, 3]]); // waiting for the other two, not writing 4 alone
    const rest = [5, 6].map((n) => gc.add(n));
    await tick();
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    release();
    await Promise.all([first, ...rest]);
  });

  // After a round of one: a lone client is not delayed, and a round that grows (as with an
  // in-process engine, where nothing arrives during a write, then several in one turn) goes whole.
  it.each([
    ['does not delay a lone client: its last round was one item', [2]],
    ['lets a round grow: everything arriving in the turn that completes it joins', [2, 3, 4, 5, 6]],
  ])('%s', async (_title, arrivals) => {
    const { gc, batches, release } = gated(1000);
    const first = gc.add(1);
    await tick();
    release();
    await first;
    await tick(); // a client answered cannot send again within the same turn
    const next = arrivals.map((n) => gc.add(n));
    await tick();
    expect(batches).toEqual([[1], arrivals]);
    release();
    await Promise.all(next);
  });
});
