import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import { emptyPglite, freshDb, POSTGRES_URL, postgresReachable } from '../databases.ts';

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
    const db = await emptyPglite();
    await expect(migrate(db, readMigrations(dir))).rejects.toThrow(/no_such_table/);
    const tables = await db.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_name in ('good', 'half') order by 1`,
    );
    expect(tables.rows).toEqual([{ name: 'good' }]);
    expect((await db.query('select version from schema_migrations')).rows).toEqual([{ version: 1 }]);
    await db.close();
  });

  it('0013 keeps every affiliate request already stored, whatever its status', async () => {
    const db = await emptyPglite();
    const all = readMigrations();
    const at = all.findIndex((m) => m.name.startsWith('0013_'));
    await migrate(db, all.slice(0, at));
    await db.exec(`insert into accounts (id, email, referral_code) values
      ('a1', 'a1@x.io', 'aaaa1111'), ('a2', 'a2@x.io', 'aaaa2222'), ('a3', 'a3@x.io', 'aaaa3333');
      insert into affiliate_requests (account_id, status, requested_at) values
      ('a1', 'requested', now()), ('a2', 'approved', now()), ('a3', 'rejected', now());
      insert into api_keys (id, account_id, secret_hash, created_at) values ('k1', 'a2', 'h1', now());`);
    expect(await migrate(db, all)).toEqual(all.slice(at).map((m) => m.name));
    const { rows } = await db.query('select account_id, status, withdrawn_at from affiliate_requests order by 1');
    expect(rows).toEqual([
      { account_id: 'a1', status: 'requested', withdrawn_at: null },
      { account_id: 'a2', status: 'approved', withdrawn_at: null },
      { account_id: 'a3', status: 'rejected', withdrawn_at: null },
    ]);
    expect((await db.query('select last_used_at from api_keys')).rows).toEqual([{ last_used_at: null }]);
    await expect(db.exec(`update affiliate_requests set status = 'paused' where account_id = 'a1'`)).rejects.toThrow(
      /check/,
    );
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
