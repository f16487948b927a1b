import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/client.ts';
import { retryOnConflict } from '../../src/db/retry.ts';
import { describeEachDb, freshDb, POSTGRES_URL, postgresReachable } from '../databases.ts';

describeEachDb('a transaction inside a transaction', (db) => {
  const insert = (tx = db(), email = 'a@example.com') =>
    tx.query(`insert into accounts (id, email, referral_code) values ($1, $2, $3)`, [
      `acc_${email.split('@')[0]}`,
      email,
      `code${email.length}xyz`,
    ]);
  const count = async () => (await db().query<{ n: number }>('select count(*)::int as n from accounts')).rows[0]?.n;

  it('joins the outer one: both commit together', async () => {
    await db().transaction(async (outer) => {
      await insert(outer, 'a@example.com');
      await outer.transaction((inner) => insert(inner, 'bb@example.com'));
    });
    expect(await count()).toBe(2);
  });

  it('joins the outer one: a failure after the inner one commits rolls back both', async () => {
    await expect(
      db().transaction(async (outer) => {
        await outer.transaction((inner) => insert(inner, 'bb@example.com'));
        await insert(outer, 'a@example.com');
        throw new Error('the action failed after its part');
      }),
    ).rejects.toThrow('the action failed after its part');
    expect(await count()).toBe(0);
  });

  it('tells code inside that it runs in one, so a conflict is not retried there', async () => {
    expect(inTransaction()).toBe(false);
    let runs = 0;
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    await expect(
      db().transaction(async () => {
        expect(inTransaction()).toBe(true);
        await retryOnConflict(async () => {
          runs++;
          throw deadlock;
        });
      }),
    ).rejects.toBe(deadlock);
    expect(runs).toBe(1);
    runs = 0;
    await expect(
      retryOnConflict(async () => {
        runs++;
        throw deadlock;
      }),
    ).rejects.toBe(deadlock);
    expect(runs).toBe(3);
  });
});

describe.skipIf(!postgresReachable)('a transaction whose connection is lost [postgres]', () => {
  it('fails, without an uncaught error, and the pool goes on with a new connection', async () => {
    const { db, drop } = await freshDb('postgres');
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      await expect(
        db.transaction(async (tx) => {
          const { rows } = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
          // The server ends this connection while the transaction holds it (a restart, a
          // failover, a proxy that drops it), and the client hears of it between two queries.
          await admin.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
          await new Promise((resolve) => setTimeout(resolve, 100));
          await tx.query('select 1');
        }),
      ).rejects.toThrow();
      expect((await db.query<{ n: number }>('select 1 as n')).rows).toEqual([{ n: 1 }]);
    } finally {
      await admin.end();
      await drop();
    }
  });
});
