import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { pgliteDb } from './pglite-db.ts';

/**
 * The one place that knows which engine is behind the SQL: PGlite (embedded, in-process) or
 * Postgres through node-postgres. Both speak the same SQL; queries cast what they return
 * (`::int`, `::text`) so both drivers hand back the same JavaScript values.
 */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs one statement. A `name` makes node-postgres prepare it once per connection and reuse
   * the plan, which matters for the hot, complex ones; PGlite prepares every statement once
   * (pglite-db.ts) and ignores it.
   */
  query<T = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    name?: string,
  ): Promise<{ rows: T[]; rowCount: number }>;
  /** Runs several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. Called on
   * a transaction's own Db, it joins that transaction (no savepoint): a service that opens one
   * can run inside a caller's, which then commits or rolls back the whole, such as an operator's
   * decision together with its audit record. A conflict inside rolls back the outermost.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite's WebAssembly heap in bytes, for the memory diagnostics (server.ts); absent elsewhere. */
  wasmHeapBytes?(): number | null;
}

type PgQueryable = pg.Pool | pg.PoolClient;

/** Set while a transaction's callback runs, whichever Db it runs on. */
const inside = new AsyncLocalStorage<true>();

/**
 * Whether this code runs inside a transaction. A conflict there has aborted the whole
 * transaction, so only the outermost caller can run it again (db/retry.ts).
 */
export const inTransaction = (): boolean => inside.getStore() === true;

function pgDb(conn: PgQueryable, pool: pg.Pool): Db {
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = [], name?: string) {
      const result = await conn.query(name ? { name, text: sql, values: params } : { text: sql, values: params });
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql) {
      await conn.query(sql);
    },
    async transaction(fn) {
      if (conn !== pool) return fn(this);
      const client = await pool.connect();
      // The pool hears an idle connection's errors, not those of one it lent: a connection the
      // server ends during the transaction (a restart, a proxy that drops it) would otherwise
      // be an uncaught 'error' event, which ends the process. The queries fail by themselves;
      // the broken connection is then discarded instead of going back to the pool.
      let lost: Error | undefined;
      const onError = (err: Error) => {
        lost = err;
      };
      client.on('error', onError);
      try {
        await client.query('begin');
        const result = await inside.run(true, () => fn(pgDb(client, pool)));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.off('error', onError);
        client.release(lost);
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Postgres's buffer cache inside PGlite's WebAssembly heap. initdb's default, 128 MB, is
 * allocated and touched at start, so all of it was resident from the first second; the
 * embedded database is a few megabytes, and the operating system caches its files below this.
 */
const PGLITE_SHARED_BUFFERS = 'shared_buffers=16MB';

/**
 * PGlite's own start parameters plus the buffer cache above (so data directories made before
 * it get it too); initdb writes the same into postgresql.conf.
 */
export const PGLITE_OPTIONS = {
  startParams: [...PGlite.defaultStartParams, '-c', PGLITE_SHARED_BUFFERS],
  initDbStartParams: ['-c', PGLITE_SHARED_BUFFERS],
};

export interface OpenDbOptions {
  /** postgres:// URL; without one, PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Postgres only: a schema to create and use, so test runs do not see each other. */
  schema?: string;
  maxConnections?: number;
  /**
   * PGlite only: start from this dump of a data directory (`dumpDataDir`) instead of an empty
   * one. The tests start each database from one already migrated.
   */
  loadDataDir?: Blob;
}

/** Opens the configured database. */
export async function openDb({
  databaseUrl,
  dataDir,
  schema,
  maxConnections = 10,
  loadDataDir,
}: OpenDbOptions): Promise<Db> {
  if (databaseUrl) {
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
    // Loaded only for Postgres: 80-170 ms of every start on PGlite otherwise.
    const { default: Pg } = await import('pg');
    const pool = new Pg.Pool({
      connectionString: databaseUrl,
      max: maxConnections,
      // A database host that does not answer fails a request in 5 s instead of holding it forever.
      connectionTimeoutMillis: 5000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client's error (server restart) must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    if (schema) await pool.query(`create schema if not exists ${schema}`);
    return pgDb(pool, pool);
  }
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir, { ...PGLITE_OPTIONS, ...(loadDataDir ? { loadDataDir } : {}) });
  return pgliteDb(lite, (fn) => inside.run(true, fn));
}
