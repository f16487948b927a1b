// The build's migrated PGlite template (scripts/pglite-template.ts): a first start writes it
// out instead of running initdb and the migrations, only when it was made from these
// migrations, and each data directory made from it gets an identity of its own.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openDb } from '../../src/db/client.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import { freshIdentity, restorePgliteTemplate, templateFile, templateKey } from '../../src/db/pglite-template.ts';

const migrations = readMigrations();

/** A folder holding the test run's migrated dump (test/global-setup.ts) as the build names it. */
function buildDir(key = templateKey(migrations)): string {
  const dir = mkdtempSync(join(tmpdir(), 'callbell-template-'));
  copyFileSync(inject('pgliteTemplate'), templateFile(key, dir));
  return dir;
}

const emptyDataDir = () => join(mkdtempSync(join(tmpdir(), 'callbell-data-')), 'pglite');

async function identity(dataDir: string, loadDataDir?: Blob) {
  const db = await openDb({ databaseUrl: null, dataDir, ...(loadDataDir ? { loadDataDir } : {}) });
  try {
    const applied = await migrate(db);
    const { rows } = await db.query<{ id: string }>('select system_identifier::text as id from pg_control_system()');
    await db.query(`insert into accounts (id, email, referral_code) values ('a', 'a@x.io', 'abcd1234')`);
    return { applied, id: rows[0]?.id ?? '' };
  } finally {
    await db.close();
  }
}

describe('the PGlite template', () => {
  it('is named by the migrations it holds and the PGlite it was made with', () => {
    const key = templateKey(migrations, '0.5.16');
    expect(templateKey(migrations, '0.5.16')).toBe(key);
    expect(templateKey(migrations, '0.5.17')).not.toBe(key);
    const edited = migrations.map((m, i) => (i === migrations.length - 1 ? { ...m, sql: `${m.sql}\n` } : m));
    expect(templateKey(edited, '0.5.16')).not.toBe(key);
    expect(templateKey(migrations.slice(0, -1), '0.5.16')).not.toBe(key);
  });

  it('is not used when made from other migrations, nor for memory:// or a directory with anything in it', () => {
    const stale = buildDir(templateKey(migrations.slice(0, -1)));
    const empty = emptyDataDir();
    expect(restorePgliteTemplate(empty, migrations, stale)).toBe(false);
    expect(existsSync(empty)).toBe(false);
    const dir = buildDir();
    expect(restorePgliteTemplate('memory://', migrations, dir)).toBe(false);
    const used = emptyDataDir();
    mkdirSync(used, { recursive: true });
    writeFileSync(join(used, 'PG_VERSION'), '18\n');
    expect(restorePgliteTemplate(used, migrations, dir)).toBe(false);
    expect(readdirSync(used)).toEqual(['PG_VERSION']);
  });

  it('gives each data directory made from it a system identifier of its own; migrate() finds nothing to do', async () => {
    const dir = buildDir();
    const original = await identity('memory://', new Blob([readFileSync(inject('pgliteTemplate'))]));
    const made = [emptyDataDir(), emptyDataDir()];
    // An empty directory (as the server's first start may find) is used too.
    mkdirSync(made[1] as string, { recursive: true });
    for (const dataDir of made) expect(restorePgliteTemplate(dataDir, migrations, dir)).toBe(true);
    const [first, second] = [await identity(made[0] as string), await identity(made[1] as string)];
    expect(first?.applied).toEqual([]);
    expect(second?.applied).toEqual([]);
    expect(new Set([original.id, first?.id, second?.id]).size).toBe(3);
    // Written beside and renamed into place: nothing is left beside it.
    expect(readdirSync(join(made[0] as string, '..'))).toEqual(['pglite']);
  }, 60_000);

  it('changes nothing in a tar without a pg_control it knows', () => {
    const tar = Buffer.alloc(2048);
    expect(freshIdentity(tar)).toBe(false);
    expect(tar.every((b) => b === 0)).toBe(true);
  });
});
