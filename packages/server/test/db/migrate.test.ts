import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import { freshDb, POSTGRES_URL, postgresReachable } from '../databases.ts';

describe('migrations', () => {
  it('are numbered files, in order', () => {
    const names = readMigrations().map((m) => m.name);
    expect(names[0]).toBe('0001_widgets_pings_clicks.sql');
    expect([...names].sort()).toEqual(names);
  });

  it('apply once and are recorded (PGlite on disk, reopened)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callbell-'));
    let db = await openDb({ databaseUrl: null, dataDir: dir });
    expect(await migrate(db)).toEqual(readMigrations().map((m) => m.name));
    await db.query(`insert into accounts (id, email, referral_code) values ('a', 'a@x.io', 'abcd1234')`);
    await db.close();
    db = await openDb({ databaseUrl: null, dataDir: dir });
    expect(await migrate(db)).toEqual([]);
    expect((await db.query('select count(*)::int as n from accounts')).rows).toEqual([{ n: 1 }]);
    await db.close();
  });

  it('roll back a failing migration whole, recording nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callbell-migrations-'));
    writeFileSync(join(dir, '0001_good.sql'), 'create table good (id int);');
    writeFileSync(join(dir, '0002_bad.sql'), 'create table half (id int); select * from no_such_table;');
    const db = await openDb({ databaseUrl: null, dataDir: 'memory://' });
    await expect(migrate(db, readMigrations(dir))).rejects.toThrow(/no_such_table/);
    const tables = await db.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_name in ('good', 'half') order by 1`,
    );
    expect(tables.rows).toEqual([{ name: 'good' }]);
    expect((await db.query('select version from schema_migrations')).rows).toEqual([{ version: 1 }]);
    await db.close();
  });

  describe.skipIf(!postgresReachable)('on Postgres', () => {
    const handles: Awaited<ReturnType<typeof freshDb>>[] = [];
    afterAll(async () => {
      for (const h of handles) await h.drop();
    });

    it('are applied once when several instances start together', async () => {
      const handle = await freshDb('postgres');
      handles.push(handle);
      const schema = (await handle.db.query<{ s: string }>('select current_schema() as s')).rows[0]?.s ?? '';
      await handle.db.exec(`drop schema ${schema} cascade; create schema ${schema}`);
      const instances = await Promise.all(
        [1, 2, 3].map(() => openDb({ databaseUrl: POSTGRES_URL, dataDir: '', schema, maxConnections: 2 })),
      );
      const applied = await Promise.all(instances.map((db) => migrate(db)));
      // Instances take turns, so each returns a share; together they applied each file once.
      const names = readMigrations().map((m) => m.name);
      expect(applied.flat().sort()).toEqual(names);
      const recorded = await instances[0]?.query<{ name: string }>(
        'select name from schema_migrations order by applied_at, version',
      );
      expect(recorded?.rows.map((r) => r.name)).toEqual(names);
      for (const db of instances) await db.close();
    });
  });
});
