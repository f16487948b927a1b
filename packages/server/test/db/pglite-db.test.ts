import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { isUnavailable, sqlState } from '../../src/db/sqlstate.ts';
import { emptyPglite } from '../databases.ts';

/** The statements PGlite holds prepared for this session, by name. */
const prepared = async (db: Db) =>
  (await db.query<{ name: string; statement: string }>('select name, statement from pg_prepared_statements')).rows;

describe('PGlite spoken to in the wire protocol', () => {
  let db: Db;
  beforeAll(async () => {
    db = await emptyPglite();
  });
  beforeEach(() =>
    db.exec(`drop table if exists t;
      create table t (id int primary key, label text, at timestamptz, tags text[], doc jsonb)`),
  );
  afterAll(() => db.close());

  it('prepares a statement once and runs it again with other values', async () => {
    const insert = 'insert into t (id, label, at, tags, doc) values ($1, $2, $3, $4, $5)';
    await db.query(insert, [1, 'one', new Date('2026-01-02T03:04:05Z'), ['a', 'b'], { k: [1] }]);
    const { rowCount } = await db.query(insert, [2, null, null, [], null]);
    expect(rowCount).toBe(1);
    const { rows } = await db.query('select id, label, at, tags, doc from t order by id');
    expect(rows).toEqual([
      { id: 1, label: 'one', at: new Date('2026-01-02T03:04:05Z'), tags: ['a', 'b'], doc: { k: [1] } },
      { id: 2, label: null, at: null, tags: [], doc: null },
    ]);
    expect((await prepared(db)).filter((s) => s.statement === insert)).toHaveLength(1);
  });

  it('counts the rows an update touched, and the rows a select returned', async () => {
    await db.exec(`insert into t (id) select g from generate_series(1, 5) g`);
    expect((await db.query('update t set label = $1 where id > $2', ['x', 2])).rowCount).toBe(3);
    expect((await db.query('select id from t where label is null')).rowCount).toBe(2);
  });

  it('keeps no statement it failed to parse, and reports the error with its code and statement', async () => {
    const error = await db.query('select nope from t where id = $1', [1]).catch((err: unknown) => err);
    expect(sqlState(error)).toBe('42703');
    expect(error).toMatchObject({ query: 'select nope from t where id = $1', params: [1] });
    expect((await prepared(db)).some((s) => s.statement.includes('nope'))).toBe(false);
    await expect(db.query('insert into t (id) values ($1)', [1])).resolves.toMatchObject({ rowCount: 1 });
    const duplicate = await db.query('insert into t (id) values ($1)', [1]).catch((err: unknown) => err);
    expect(sqlState(duplicate)).toBe('23505');
  });

  it('does not keep schema changes prepared: DDL runs afresh through query', async () => {
    await db.query('create index t_label on t (label)');
    await db.query('drop index t_label');
    await db.query('create index t_label on t (label)');
    expect((await prepared(db)).some((s) => /index/i.test(s.statement))).toBe(false);
  });

  it('prepares a kept statement again when a schema change altered its columns', async () => {
    await db.query('insert into t (id, label) values ($1, $2)', [1, 'one']);
    expect((await db.query('select * from t where id = $1', [1])).rows[0]).toMatchObject({ id: 1, label: 'one' });
    await db.exec('alter table t add column extra int default 7');
    expect((await db.query('select * from t where id = $1', [1])).rows[0]).toMatchObject({ label: 'one', extra: 7 });
  });

  it('prepares statements again after they were deallocated, inside a transaction too', async () => {
    const count = 'select count(*)::int as n from t where id > $1';
    expect((await db.query(count, [0])).rows).toEqual([{ n: 0 }]);
    await db.exec('deallocate all');
    expect((await db.query(count, [0])).rows).toEqual([{ n: 0 }]);
    await db.exec('discard all');
    expect(await db.transaction(async (t) => (await t.query(count, [0])).rows)).toEqual([{ n: 0 }]);
  });

  it('closes the least recently used statements beyond its limit', async () => {
    for (let i = 0; i < 320; i++) await db.query(`select $1::int + ${i} as n`, [1]);
    const names = await prepared(db);
    expect(names.length).toBeLessThanOrEqual(300);
    expect(names.length).toBeGreaterThan(250);
    expect(names.some((s) => s.statement === 'select $1::int + 0 as n')).toBe(false);
    expect(names.some((s) => s.statement === 'select $1::int + 319 as n')).toBe(true);
    expect((await db.query('select $1::int + 0 as n', [1])).rows).toEqual([{ n: 1 }]);
  });

  it('runs a statement outside a transaction only after the open transaction ends', async () => {
    const order: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tx = db.transaction(async (t) => {
      await t.query('insert into t (id) values ($1)', [1]);
      order.push('tx wrote');
      await held;
      await t.query('update t set label = $1 where id = $2', ['in tx', 1]);
      order.push('tx done');
    });
    const outside = db.query<{ label: string | null }>('select label from t where id = $1', [1]).then((r) => {
      order.push(`outside read ${r.rows[0]?.label}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await Promise.all([tx, outside]);
    expect(order).toEqual(['tx wrote', 'tx done', 'outside read in tx']);
  });

  it('rolls a transaction back when its callback throws, and goes on', async () => {
    await expect(
      db.transaction(async (t) => {
        await t.query('insert into t (id) values ($1)', [1]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await db.query('select count(*)::int as n from t')).rows).toEqual([{ n: 0 }]);
  });

  it('refuses to report a commit when a statement inside failed and the callback went on', async () => {
    const error = await db
      .transaction(async (t) => {
        await t.query('insert into t (id) values ($1)', [1]);
        await t.query('insert into t (id) values ($1)', [1]).catch(() => {});
        return 'committed?';
      })
      .catch((err: unknown) => err);
    expect(sqlState(error)).toBe('25P02');
    expect((await db.query('select count(*)::int as n from t')).rows).toEqual([{ n: 0 }]);
  });

  it('fails as unavailable once closed, waiting for an open transaction first', async () => {
    const db = await emptyPglite();
    await db.exec('create table t (id int primary key)');
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tx = db.transaction(async (t) => {
      await held;
      await t.query('insert into t (id) values ($1)', [1]);
    });
    const closed = db.close();
    release();
    await tx;
    await closed;
    const error = await db.query('select 1').catch((err: unknown) => err);
    expect(isUnavailable(error)).toBe(true);
  });
});
