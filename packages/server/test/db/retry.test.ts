import { describe, expect, it } from 'vitest';
import { retryOnConflict } from '../../src/db/retry.ts';

const failing = (codes: (string | null)[]) => {
  let calls = 0;
  const run = async () => {
    const code = codes[calls++];
    if (code !== undefined && code !== null) throw Object.assign(new Error(code), { code });
    return calls;
  };
  return { run, calls: () => calls };
};

describe('retryOnConflict', () => {
  it('runs again after a deadlock or a serialization failure', async () => {
    const f = failing(['40P01', '40001']);
    expect(await retryOnConflict(f.run)).toBe(3);
  });

  it('gives up after the last try and throws the conflict', async () => {
    const f = failing(['40P01', '40P01', '40P01', null]);
    await expect(retryOnConflict(f.run)).rejects.toMatchObject({ code: '40P01' });
    expect(f.calls()).toBe(3);
  });

  it('never runs again after any other error', async () => {
    const f = failing(['23505', null]);
    await expect(retryOnConflict(f.run)).rejects.toMatchObject({ code: '23505' });
    expect(f.calls()).toBe(1);
  });
});
