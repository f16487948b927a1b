import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadConfig, startupWarnings } from '../../src/config.ts';
import { DatabaseUnreachable, describeDatabase, openDatabase } from '../../src/db/wait.ts';
import { POSTGRES_URL, postgresReachable } from '../databases.ts';

/** A port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('waiting for the database at start', () => {
  it('tries again with one line per attempt, then gives up naming the database, without its password', async () => {
    const port = await closedPort();
    const lines: string[] = [];
    let clock = 0;
    const error = await openDatabase(
      { databaseUrl: `postgres://app:s3cret@127.0.0.1:${port}/callbell`, dataDir: '', dbWaitSeconds: 10 },
      {
        say: (line) => lines.push(line),
        sleep: async (ms) => {
          clock += ms;
        },
        now: () => clock,
      },
    ).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DatabaseUnreachable);
    const message = (error as Error).message;
    expect(message).toContain(`postgres://app:***@127.0.0.1:${port}/callbell`);
    expect(message).toMatch(/did not answer within 10 s \(4 attempts\): connect ECONNREFUSED/);
    expect(lines).toEqual([
      expect.stringMatching(/not reachable yet \(connect ECONNREFUSED [^)]+\); attempt 1, trying again in 1 s$/),
      expect.stringMatching(/attempt 2, trying again in 2 s$/),
      expect.stringMatching(/attempt 3, trying again in 4 s$/),
    ]);
    expect(`${lines.join('\n')}${message}`).not.toContain('s3cret');
  });

  it.skipIf(!postgresReachable)(
    'gives up at once when waiting cannot help: a database that does not exist',
    async () => {
      const url = new URL(POSTGRES_URL);
      url.pathname = '/no_such_database_here';
      const lines: string[] = [];
      const error = await openDatabase(
        { databaseUrl: url.href, dataDir: '', dbWaitSeconds: 60 },
        { say: (line) => lines.push(line) },
      ).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(DatabaseUnreachable);
      expect((error as Error).message).toMatch(/refused the connection: .*no_such_database_here.* does not exist/);
      expect(lines).toEqual([]);
    },
  );

  it('opens a database that answers at once, saying nothing', async () => {
    const lines: string[] = [];
    const db = await openDatabase(
      { databaseUrl: null, dataDir: 'memory://', dbWaitSeconds: 1 },
      { say: (l) => lines.push(l) },
    );
    expect((await db.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await db.close();
    expect(lines).toEqual([]);
  });

  it('describes a database without credentials', () => {
    expect(describeDatabase('postgres://u:p@db:5432/x', '')).toBe('postgres://u:***@db:5432/x');
    expect(describeDatabase(null, '.data/pglite')).toBe('PGlite in .data/pglite');
  });
});

describe('start-up warnings', () => {
  const production = {
    NODE_ENV: 'production',
    COOKIE_SECRET: 'a-production-secret-of-at-least-32-chars',
    PAYOUT_ENCRYPTION_KEY: 'a'.repeat(64),
    SMTP_URL: 'smtp://mail.example.com:587',
  };
  it('warns of TRUST_PROXY=true and of PGlite in production', () => {
    const trusting = loadConfig({ ...production, TRUST_PROXY: 'true' });
    expect(startupWarnings(trusting, 'postgres')).toEqual([expect.stringMatching(/^TRUST_PROXY=true believes every/)]);
    expect(startupWarnings(trusting, 'pglite')).toHaveLength(2);
    expect(startupWarnings(loadConfig({ ...production, TRUST_PROXY: '1' }), 'postgres')).toEqual([]);
    expect(startupWarnings(loadConfig({ TRUST_PROXY: 'true' }), 'pglite')).toEqual([]);
  });
});
