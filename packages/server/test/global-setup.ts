import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDb } from '../src/db/client.ts';
import { migrate, readMigrations } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of a PGlite data directory with every migration applied (test/databases.ts). */
    pgliteTemplate: string;
  }
}

/**
 * Makes a migrated PGlite database once and dumps it to a file, which every PGlite test
 * database then starts from: initdb and 22 migrations took 3-7 s per suite on this machine,
 * loading the dump about 1 s. The file is named by the migrations' text and PGlite's version,
 * so a later run reuses it until either changes.
 */
export default async function setup(project: TestProject) {
  const pglite = JSON.parse(
    readFileSync(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  const key = createHash('sha256')
    .update(pglite.version)
    .update(JSON.stringify(readMigrations().map((m) => [m.name, m.sql])))
    .digest('hex')
    .slice(0, 16);
  const file = join(tmpdir(), `callbell-pglite-template-${key}.tar`);
  if (!existsSync(file)) {
    // Migrated as the server does, through openDb, then dumped by PGlite itself.
    const dir = mkdtempSync(join(tmpdir(), 'callbell-pglite-'));
    const db = await openDb({ databaseUrl: null, dataDir: dir });
    await migrate(db);
    await db.close();
    const lite = await PGlite.create(dir);
    const dump = await lite.dumpDataDir('none');
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
    // Written whole, then renamed: a run that stops midway leaves no half file to load.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  project.provide('pgliteTemplate', file);
}
