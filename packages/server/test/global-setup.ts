import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type Db, openDb } from '../src/db/client.ts';
import { migrate, readMigrations } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of a PGlite data directory with every migration applied (test/databases.ts). */
    pgliteTemplate: string;
    /** The same of an empty database, before any migration. */
    pgliteEmpty: string;
    /** This run's mark on the Postgres schemas its tests make, which it drops at the end. */
    runId: string;
  }
}

/** This machine's Postgres (trust auth); TEST_DATABASE_URL overrides it. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

/** Makes a PGlite data directory, migrated through `prepare`, and dumps it to `file` once. */
async function dumpOnce(file: string, prepare: (db: Db) => Promise<unknown>): Promise<string> {
  if (existsSync(file)) return file;
  // Made as the server makes it, through openDb, then dumped by PGlite itself.
  const dir = mkdtempSync(join(tmpdir(), 'callbell-pglite-'));
  const db = await openDb({ databaseUrl: null, dataDir: dir });
  await prepare(db);
  await db.close();
  const lite = await PGlite.create(dir);
  const dump = await lite.dumpDataDir('none');
  await lite.close();
  rmSync(dir, { recursive: true, force: true });
  // Written whole, then renamed: a run that stops midway leaves no half file to load.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return file;
}

/**
 * Makes a migrated PGlite database once and dumps it to a file, which every PGlite test
 * database then starts from: initdb and 22 migrations took 3-7 s per suite on this machine,
 * loading the dump about 1 s. A second dump, of an empty database, serves the tests that run
 * migrations themselves. The files are named by PGlite's version and the migrations' text, so
 * a later run reuses them until either changes.
 */
export default async function setup(project: TestProject) {
  const pglite = JSON.parse(
    readFileSync(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
  const migrations = JSON.stringify(readMigrations().map((m) => [m.name, m.sql]));
  const [migrated, empty] = await Promise.all([
    dumpOnce(join(tmpdir(), `callbell-pglite-template-${hash(pglite.version, migrations)}.tar`), migrate),
    dumpOnce(join(tmpdir(), `callbell-pglite-empty-${hash(pglite.version)}.tar`), async () => {}),
  ]);
  project.provide('pgliteTemplate', migrated);
  project.provide('pgliteEmpty', empty);
  // Workers keep their Postgres schemas for the next suite (test/databases.ts) until they end,
  // which they do without a word: this run drops them once every worker is done.
  const runId = randomBytes(4).toString('hex');
  project.provide('runId', runId);
  return async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
    } catch {
      return; // No Postgres, so no schema either.
    }
    try {
      const { rows } = await client.query<{ name: string }>(
        `select quote_ident(nspname) as name from pg_namespace where nspname like $1`,
        [`t\\_${runId}\\_%`],
      );
      for (const { name } of rows) await client.query(`drop schema ${name} cascade`);
    } finally {
      await client.end();
    }
  };
}
