import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_DIR } from '../paths.ts';
import type { Db } from './client.ts';

const LOCK = 'select pg_advisory_xact_lock(7262)';
const FILE_RE = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered .sql files, in order. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => FILE_RE.test(f))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 4)), name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * The versions recorded, read without the lock: a recorded migration stays recorded, so when
 * every one is there nothing needs the lock. Null before the table exists.
 */
async function recordedVersions(db: Db): Promise<Set<number> | null> {
  const { rows } = await db.query<{ found: boolean }>(`select to_regclass('schema_migrations') is not null as found`);
  if (!rows[0]?.found) return null;
  const recorded = await db.query<{ version: number }>('select version from schema_migrations');
  return new Set(recorded.rows.map((r) => r.version));
}

/**
 * Applies the migrations not yet recorded, each in its own transaction with its record, under
 * an advisory lock so that several instances starting at once apply each migration once.
 * Returns the names applied.
 */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
  // Every start after the first: two reads, not a transaction per migration.
  const recorded = await recordedVersions(db);
  if (recorded && migrations.every((m) => recorded.has(m.version))) return [];
  // Under the lock too: concurrent CREATE TABLE IF NOT EXISTS can still collide in Postgres.
  await db.transaction(async (tx) => {
    await tx.query(LOCK);
    await tx.exec(`create table if not exists schema_migrations (
      version int primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
  });
  const applied: string[] = [];
  for (const m of migrations) {
    if (recorded?.has(m.version)) continue;
    const done = await db.transaction(async (tx) => {
      await tx.query(LOCK);
      const { rows } = await tx.query('select 1 from schema_migrations where version = $1', [m.version]);
      if (rows.length) return false;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}
