import { afterEach, describe, expect, it, vi } from 'vitest';

/** The module as the server loads it: fresh, without the test suite's cheaper cost. */
const fresh = async () => {
  vi.resetModules();
  return import('../../src/domain/secrets.ts');
};

describe('password hashing', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('hashes with the production cost unless a test lowers it', async () => {
    const secrets = await fresh();
    expect(secrets.PASSWORD_COST).toEqual({ N: 16_384, r: 8, p: 1, keyLength: 32 });
    const stored = await secrets.hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await secrets.verifyPassword('correct horse', stored)).toBe(true);
    expect(await secrets.verifyPassword('correct horsf', stored)).toBe(false);
    expect(await secrets.dummyPasswordHash()).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it('verifies a hash by the parameters stored in it, whatever the current cost', async () => {
    const secrets = await fresh();
    const strong = await secrets.hashPassword('pw');
    secrets.useTestPasswordCost();
    const weak = await secrets.hashPassword('pw');
    expect(weak).toMatch(/^scrypt\$2\$1\$1\$/);
    expect(await secrets.verifyPassword('pw', strong)).toBe(true);
    expect(await secrets.verifyPassword('pw', weak)).toBe(true);
    expect(await secrets.verifyPassword('pw', 'scrypt$2$1$1$bad')).toBe(false);
  });

  it('refuses the test cost in production', async () => {
    const secrets = await fresh();
    vi.stubEnv('NODE_ENV', 'production');
    expect(() => secrets.useTestPasswordCost()).toThrow(/tests only/);
    expect(await secrets.hashPassword('pw')).toMatch(/^scrypt\$16384\$/);
  });
});
