import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../src/domain/group-commit.ts';

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
