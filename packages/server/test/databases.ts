import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, inject } from 'vitest';
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

const dumps = new Map<string, Blob>();
/** A PGlite data directory test/global-setup.ts dumped, read once per test file. */
function dump(name: 'pgliteTemplate' | 'pgliteEmpty'): Blob | undefined {
  const file = inject(name);
  if (!file) return undefined;
  const blob = dumps.get(file) ?? new Blob([readFileSync(file)]);
  dumps.set(file, blob);
  return blob;
}

/** A PGlite database in memory with no migration applied, for the tests of migrations. */
export function emptyPglite(): Promise<Db> {
  const loadDataDir = dump('pgliteEmpty');
  return openDb({ databaseUrl: null, dataDir: 'memory://', ...(loadDataDir ? { loadDataDir } : {}) });
}

/**
 * A fresh, migrated database: PGlite in memory, started from a migrated copy (migrate() then
 * finds nothing to do), or a new schema in Postgres.
 */
export async function freshDb(engine: Engine): Promise<{ db: Db; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const loadDataDir = dump('pgliteTemplate');
    const db = await openDb({ databaseUrl: null, dataDir: 'memory://', ...(loadDataDir ? { loadDataDir } : {}) });
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

interface Layout {
  /** Every table but the migrations' record, each after the tables that refer to it. */
  tables: string[];
  /**
   * Tables with a trigger on delete (the audit log's refuses it): truncated, which fires no row
   * trigger. Nothing refers to them, or the truncate would fail.
   */
  guarded: Set<string>;
}

/** The current schema's tables in an order that deletes a table's referrers before it. */
async function layout(db: Db): Promise<Layout> {
  const [{ rows: tables }, { rows: refs }, { rows: triggers }] = await Promise.all([
    db.query<{ name: string }>(
      `select table_name::text as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'schema_migrations'
        order by 1`,
    ),
    db.query<{ child: string; parent: string }>(
      `select c.relname::text as child, p.relname::text as parent
         from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        where k.contype = 'f' and k.connamespace = current_schema()::regnamespace`,
    ),
    db.query<{ name: string }>(
      // tgtype's bit 8: the trigger fires on delete.
      `select distinct c.relname::text as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where not t.tgisinternal and t.tgtype & 8 <> 0 and c.relnamespace = current_schema()::regnamespace`,
    ),
  ]);
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string) => {
    if (state.get(table) === 'done') return;
    if (state.get(table) === 'visiting') throw new Error(`foreign keys form a cycle through ${table}`);
    state.set(table, 'visiting');
    for (const r of refs) if (r.parent === table && r.child !== table) visit(r.child);
    state.set(table, 'done');
    order.push(table);
  };
  for (const t of tables) visit(t.name);
  return { tables: order, guarded: new Set(triggers.map((t) => t.name)) };
}

const layouts = new WeakMap<Db, Promise<Layout>>();

/**
 * Empties every table (not the migrations record) and restarts every sequence, so each test
 * starts from nothing, as `truncate … restart identity` of them all would. Only the tables that
 * hold rows are emptied, and by `delete`, referrers first: truncating all thirty tables, each a
 * new file in Postgres, was most of the time between two tests. Run again if it meets a
 * background pass of the app in a deadlock (the e-mail worker's or the ledger's timers), which
 * Postgres resolves by aborting one side.
 */
export async function truncateAll(db: Db): Promise<void> {
  const known = layouts.get(db) ?? layout(db);
  layouts.set(db, known);
  const { tables, guarded } = await known;
  const probe = tables.map((t) => `select '${t}' as name where exists (select 1 from ${t})`).join(' union all ');
  await retryOnConflict(async () => {
    const [{ rows: full }, { rows: moved }] = await Promise.all([
      db.query<{ name: string }>(probe),
      db.query<{ name: string }>(
        `select quote_ident(sequencename) as name from pg_sequences
          where schemaname = current_schema() and last_value is not null`,
      ),
    ]);
    const holding = new Set(full.map((r) => r.name));
    const statements = [
      ...tables.filter((t) => holding.has(t)).map((t) => (guarded.has(t) ? `truncate ${t}` : `delete from ${t}`)),
      ...moved.map((s) => `alter sequence ${s.name} restart`),
    ];
    if (statements.length) await db.transaction((tx) => tx.exec(statements.join('; ')));
  }, 5);
}

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
