import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashPassword, PASSWORD_COST, useTestPasswordCost, verifyPassword } from '../../src/domain/secrets.ts';

// The suite's setup file has lowered the cost for new hashes; that the server keeps the
// production cost is checked on the built server (test/built-server.test.ts).
describe('password hashing', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('has the production cost the server hashes with', () => {
    expect(PASSWORD_COST).toEqual({ N: 16_384, r: 8, p: 1, keyLength: 32 });
    expect(Object.isFrozen(PASSWORD_COST)).toBe(true);
  });

  it('verifies a hash by the parameters stored in it, whatever the current cost', async () => {
    const weak = await hashPassword('pw');
    expect(weak).toMatch(/^scrypt\$2\$1\$1\$[\w-]{22}\$[\w-]{43}$/);
    const { N, r, p } = PASSWORD_COST;
    // A hash made at the production cost elsewhere (the demo seed's, say) still verifies.
    const strong = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$';
    const { scryptSync } = await import('node:crypto');
    const key = scryptSync('pw'.normalize('NFKC'), Buffer.from('c2FsdHNhbHRzYWx0c2FsdA', 'base64url'), 32, {
      N,
      r,
      p,
      maxmem: 64 * 1024 * 1024,
    }).toString('base64url');
    expect(await verifyPassword('pw', strong + key)).toBe(true);
    expect(await verifyPassword('px', strong + key)).toBe(false);
    expect(await verifyPassword('pw', weak)).toBe(true);
    expect(await verifyPassword('px', weak)).toBe(false);
    expect(await verifyPassword('pw', 'scrypt$2$1$1$bad')).toBe(false);
  });

  it('refuses the test cost in production', () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect(() => useTestPasswordCost()).toThrow(/tests only/);
  });
});
