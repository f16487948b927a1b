import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, inject } from 'vitest';
import { type Db, openDb } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { retryOnConflict } from '../src/db/retry.ts';
import { POSTGRES_URL } from './global-setup.ts';

export { POSTGRES_URL };

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

interface Opened {
  db: Db;
  /** What the schema holds when opened: a database given back with another is not reused. */
  shape: string;
  /** Ends it for good: PGlite closed, or the Postgres schema dropped. */
  end(): Promise<void>;
}

/**
 * Databases given back by the suites before, emptied, for the next suite in this worker (the
 * server project keeps a worker's modules from file to file): a migrated PGlite costs 0.4-1.5 s
 * to load and a Postgres schema as long to migrate, against 10-30 ms to empty one.
 */
const idle: Record<Engine, Opened[]> = { pglite: [], postgres: [] };

/** The apps (test/fixtures.ts testApp) not yet closed, by the database they were built on. */
const holders = new WeakMap<Db, Set<object>>();

/**
 * Notes that `holder` uses `db` until the returned function is called. A database given back
 * while something still holds it (an app never closed, whose timers may still write) is ended,
 * not reused.
 */
export function holdDb(db: Db, holder: object): () => void {
  const set = holders.get(db) ?? new Set();
  holders.set(db, set);
  set.add(holder);
  return () => set.delete(holder);
}

/**
 * The schema's objects (tables, columns, constraints, indexes, triggers, functions), as one
 * digest. A test that adds a trigger or drops a table changes it.
 */
async function shapeOf(db: Db): Promise<string> {
  const { rows } = await db.query<{ shape: string }>(
    `select md5(string_agg(o, ',' order by o)) as shape from (
       select 'r:' || relname || ':' || relkind::text as o from pg_class where relnamespace = current_schema()::regnamespace
       union all select 'a:' || c.relname || '.' || a.attname || ':' || format_type(a.atttypid, a.atttypmod)
         from pg_attribute a join pg_class c on c.oid = a.attrelid
        where c.relnamespace = current_schema()::regnamespace and a.attnum > 0 and not a.attisdropped
       union all select 'k:' || conname || ':' || pg_get_constraintdef(oid) from pg_constraint
        where connamespace = current_schema()::regnamespace
       union all select 't:' || t.tgname || ':' || t.tgenabled::text from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where c.relnamespace = current_schema()::regnamespace
       union all select 'f:' || proname || ':' || md5(prosrc) from pg_proc where pronamespace = current_schema()::regnamespace
     ) s`,
  );
  return rows[0]?.shape ?? '';
}

async function open(engine: Engine): Promise<Opened> {
  if (engine === 'pglite') {
    const loadDataDir = dump('pgliteTemplate');
    const db = await openDb({ databaseUrl: null, dataDir: 'memory://', ...(loadDataDir ? { loadDataDir } : {}) });
    await migrate(db);
    return { db, shape: await shapeOf(db), end: () => db.close() };
  }
  const schema = `t_${inject('runId')}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const db = await openDb({ databaseUrl: POSTGRES_URL, dataDir: '', schema, maxConnections: 5 });
  await migrate(db);
  return {
    db,
    shape: await shapeOf(db),
    async end() {
      await db.query(`drop schema ${schema} cascade`);
      await db.close();
    },
  };
}

/**
 * A migrated database holding no rows: PGlite in memory, started from a migrated copy
 * (migrate() then finds nothing to do), or a new schema in Postgres; or one of those a suite
 * before gave back. `drop()` gives it back: emptied and kept for the next suite if its schema
 * is as it was, ended otherwise. A test's own changes to the schema therefore never reach
 * another suite; rows never do either (truncateAll restarts the sequences too).
 */
export async function freshDb(engine: Engine): Promise<{ db: Db; drop(): Promise<void> }> {
  const opened = idle[engine].pop() ?? (await open(engine));
  let dropped = false;
  return {
    db: opened.db,
    async drop() {
      if (dropped) return;
      dropped = true;
      const reusable =
        !holders.get(opened.db)?.size &&
        (await shapeOf(opened.db).then(
          (shape) => shape === opened.shape,
          () => false,
        )) &&
        (await truncateAll(opened.db).then(
          () => true,
          () => false,
        ));
      if (reusable) idle[engine].push(opened);
      else await opened.end().catch(() => {});
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
 * (unless `keep`: then the tests share what the suite's own setup put there, in the order they
 * are written, which `--sequence.shuffle` leaves alone). Postgres runs are skipped, with a
 * visible message, where no Postgres is reachable.
 */
export function describeEachDb(
  title: string,
  body: (db: () => Db, engine: Engine) => void,
  opts: { keep?: boolean } = {},
) {
  for (const engine of ENGINES) {
    describe.skipIf(engine === 'postgres' && !postgresReachable)(
      `${title} [${engine}]`,
      opts.keep ? { shuffle: false } : {},
      () => {
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
      },
    );
  }
}
