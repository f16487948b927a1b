import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { type Db, openDb } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { retryOnConflict } from '../src/db/retry.ts';

/** This machine's Postgres (trust auth); TEST_DATABASE_URL overrides it. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export const postgresReachable = await reachable();
if (!postgresReachable) {
  // CI runs every suite on both engines; a newcomer without Postgres sees why half are skipped.
  if (process.env.CI) throw new Error(`Postgres is required in CI but unreachable at ${POSTGRES_URL}`);
  console.warn(`SKIPPING Postgres runs: no database at ${POSTGRES_URL} (PGlite runs still count)`);
}

export type Engine = 'pglite' | 'postgres';
export const ENGINES: Engine[] = ['pglite', 'postgres'];

/** A fresh, migrated database: PGlite in memory, or a new schema in Postgres. */
export async function freshDb(engine: Engine): Promise<{ db: Db; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const db = await openDb({ databaseUrl: null, dataDir: 'memory://' });
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const db = await openDb({ databaseUrl: POSTGRES_URL, dataDir: '', schema, maxConnections: 5 });
  await migrate(db);
  return {
    db,
    async drop() {
      await db.query(`drop schema ${schema} cascade`);
      await db.close();
    },
  };
}

const TABLES = [
  'install_checks',
  'account_networks',
  'audit_log',
  'emails',
  'account_tokens',
  'demo_clock',
  'charge_disputes',
  'billing_customers',
  'invoice_payments',
  'api_keys',
  'affiliate_requests',
  'payout_batch_items',
  'payout_batches',
  'ledger_entries',
  'payouts',
  'charge_refunds',
  'invoices',
  'subscriptions',
  'billing_events',
  'referrals',
  'sessions',
  'clicks',
  'widget_networks',
  'widget_visitors',
  'ping_daily',
  'pings',
  'widgets',
  'accounts',
];

/**
 * Empties every table (not the migrations record), so each test starts from nothing. Run again
 * if it meets a background pass of the app in a deadlock (the e-mail worker's or the ledger's
 * timers), which Postgres resolves by aborting one side.
 */
export const truncateAll = (db: Db) =>
  retryOnConflict(() => db.exec(`truncate ${TABLES.join(', ')} restart identity cascade`), 5);

/**
 * Runs a suite once per engine, each on its own fresh database, emptied before every test
 * (unless `keep`: then the tests share what the suite's own setup put there). Postgres runs
 * are skipped, with a visible message, where no Postgres is reachable.
 */
export function describeEachDb(
  title: string,
  body: (db: () => Db, engine: Engine) => void,
  opts: { keep?: boolean } = {},
) {
  for (const engine of ENGINES) {
    describe.skipIf(engine === 'postgres' && !postgresReachable)(`${title} [${engine}]`, () => {
      let handle: Awaited<ReturnType<typeof freshDb>> | undefined;
      beforeAll(async () => {
        handle = await freshDb(engine);
      }, 60_000);
      afterAll(async () => {
        await handle?.drop();
      });
      beforeEach(async () => {
        if (handle && !opts.keep) await truncateAll(handle.db);
      });
      body(() => {
        if (!handle) throw new Error('database not ready');
        return handle.db;
      }, engine);
    });
  }
}
