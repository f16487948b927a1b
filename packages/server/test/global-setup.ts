import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import type { Db } from '../src/db/client.ts';
import { migrate, readMigrations } from '../src/db/migrate.ts';
import { dumpPglite, templateFile, templateKey } from '../src/db/pglite-template.ts';

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

/** `file`, made by `prepare` on a new PGlite database and dumped, unless a run before made it. */
async function dumpOnce(file: string, prepare: (db: Db) => Promise<unknown>): Promise<string> {
  if (!existsSync(file)) await dumpPglite(file, prepare);
  return file;
}

/**
 * A dump of a migrated PGlite database, which every PGlite test database then starts from
 * (initdb and the migrations took 3-7 s per suite on this machine, loading the dump about 1 s):
 * the build's template, or one made here once. A second dump, of an empty database, serves
 * the tests that run migrations themselves. Both are named by what made them (templateKey:
 * PGlite's version, initdb's settings, the migrations' text), so a later run reuses them
 * until one changes.
 */
export default async function setup(project: TestProject) {
  const key = templateKey(readMigrations());
  // The build's template (the README's test command builds first) is the same database.
  const built = templateFile(key);
  const [migrated, empty] = await Promise.all([
    existsSync(built) ? built : dumpOnce(join(tmpdir(), `callbell-pglite-template-${key}.tar`), migrate),
    dumpOnce(join(tmpdir(), `callbell-pglite-empty-${templateKey([])}.tar`), async () => {}),
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
