import { afterAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../src/db/client.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import { isPublicId, PUBLIC_ID_PREFIXES, type PublicIdKind } from '../../src/domain/public-ids.ts';
import { ENGINES, emptyPglite, freshDb, POSTGRES_URL, postgresReachable } from '../databases.ts';

/** The kinds migration 0018 gave ids to rows already stored (batches came later, with theirs). */
const TABLES: Partial<Record<PublicIdKind, string>> = {
  payout: 'payouts',
  entry: 'ledger_entries',
  referral: 'referrals',
};
const KINDS = Object.keys(TABLES) as PublicIdKind[];

/** A database migrated up to (not including) 0018, with two of each row written before it. */
async function beforePublicIds(engine: (typeof ENGINES)[number]): Promise<{ db: Db; drop(): Promise<void> }> {
  const all = readMigrations();
  const at = all.findIndex((m) => m.name.startsWith('0018_'));
  let handle: { db: Db; drop(): Promise<void> };
  if (engine === 'pglite') {
    const db = await emptyPglite();
    handle = { db, drop: () => db.close() };
  } else {
    // A fresh schema, emptied of what freshDb migrated, so the old migrations can run alone.
    const fresh = await freshDb('postgres');
    const schema = (await fresh.db.query<{ s: string }>('select current_schema() as s')).rows[0]?.s ?? '';
    await fresh.db.exec(`drop schema ${schema} cascade; create schema ${schema}`);
    await fresh.db.close();
    const db = await openDb({ databaseUrl: POSTGRES_URL, dataDir: '', schema, maxConnections: 2 });
    handle = {
      db,
      async drop() {
        await db.query(`drop schema ${schema} cascade`);
        await db.close();
      },
    };
  }
  await migrate(handle.db, all.slice(0, at));
  await handle.db.exec(`
    insert into accounts (id, email, referral_code) values
      ('a1', 'a1@x.io', 'aaaa1111'), ('a2', 'a2@x.io', 'aaaa2222'), ('a3', 'a3@x.io', 'aaaa3333');
    insert into referrals (referrer_id, referee_id, source, install_bounty_cents, commission_rate_bps, hold_days, created_at)
      values ('a1', 'a2', 'link', 1000, 3000, 30, now()), ('a1', 'a3', 'link', 1000, 3000, 30, now());
    insert into payouts (account_id, amount_cents, method, details_encrypted, details_hint, status, requested_at)
      values ('a1', 5000, 'paypal', 'x', 'a…@x.io', 'paid', now()), ('a2', 6000, 'paypal', 'x', 'a…@x.io', 'requested', now());
    insert into ledger_entries (account_id, referral_id, kind, amount_cents, state, source_key, created_at, payout_id)
      values ('a1', 1, 'install_bounty', 5000, 'paid', 'k1', now(), 1), ('a1', 2, 'commission', 300, 'pending', 'k2', now(), null);`);
  return handle;
}

describe('public ids (migration 0018)', () => {
  for (const engine of ENGINES) {
    describe.skipIf(engine === 'postgres' && !postgresReachable)(engine, () => {
      const handles: { drop(): Promise<void> }[] = [];
      afterAll(async () => {
        for (const h of handles) await h.drop();
      });

      it('gives every row already stored its own id, of the form the routes accept', async () => {
        const handle = await beforePublicIds(engine);
        handles.push(handle);
        const { db } = handle;
        await migrate(db);
        for (const kind of KINDS) {
          const { rows } = await db.query<{ id: string; key: string }>(
            `select t.public_id as id, t.id::text as key from ${TABLES[kind] ?? ''} t order by t.id`,
          );
          expect(rows.map((r) => r.key)).toEqual(['1', '2']);
          for (const r of rows) expect(isPublicId(kind, r.id), r.id).toBe(true);
          expect(rows[0]?.id).not.toBe(rows[1]?.id);
        }
        // New rows get theirs whoever inserts them; null or a copy is refused.
        await db.exec(`insert into payouts (account_id, amount_cents, method, details_encrypted, details_hint, status,
          requested_at) values ('a3', 5000, 'paypal', 'x', 'a…@x.io', 'requested', now())`);
        const { rows } = await db.query<{ id: string }>('select public_id as id from payouts where id = 3');
        expect(isPublicId('payout', rows[0]?.id ?? '')).toBe(true);
        await expect(db.exec(`update payouts set public_id = null where id = 1`)).rejects.toThrow(/null/);
        await expect(
          db.exec(`update payouts set public_id = (select public_id from payouts where id = 2) where id = 1`),
        ).rejects.toThrow(/unique|duplicate/);
      });

      it('makes ids over the whole alphabet, each once, in a form the domain module checks', async () => {
        const handle = await freshDb(engine);
        handles.push(handle);
        const n = 2000;
        const { rows } = await handle.db.query<{ id: string }>(
          `select new_public_id('po_') as id from generate_series(1, ${n})`,
        );
        const ids = rows.map((r) => r.id);
        expect(new Set(ids).size).toBe(n);
        for (const id of ids) expect(isPublicId('payout', id), id).toBe(true);
        // 40,000 characters over 32 letters: every letter appears, none far from its share (1,250).
        const counts = new Map<string, number>();
        for (const id of ids) for (const c of id.slice(3)) counts.set(c, (counts.get(c) ?? 0) + 1);
        expect(counts.size).toBe(32);
        for (const [c, count] of counts) expect(count, c).toBeGreaterThan(1000);
        for (const [c, count] of counts) expect(count, c).toBeLessThan(1500);
      });
    });
  }

  it('checks the form: prefix, length and alphabet', () => {
    const body = 'abcdefghijkmnpqrstuvw'.slice(0, 20);
    expect(isPublicId('payout', `po_${body}`)).toBe(true);
    expect(isPublicId('payout', `po_${'xyz23456789'.repeat(2).slice(0, 20)}`)).toBe(true);
    for (const bad of ['1', 'po_', `po_${body.slice(1)}`, `po_${body}a`, `le_${body}`, ` po_${body}`, `po_${body}\n`]) {
      expect(isPublicId('payout', bad), bad).toBe(false);
    }
    expect(isPublicId('entry', `le_${body}`)).toBe(true);
    expect(isPublicId('referral', `rf_${body}`)).toBe(true);
    expect(isPublicId('batch', `pb_${body}`)).toBe(true);
    expect(Object.keys(PUBLIC_ID_PREFIXES)).toEqual(['payout', 'entry', 'referral', 'batch']);
    // Not in the alphabet: 0, 1, l, o, capitals.
    for (const c of ['0', '1', 'l', 'o', 'A']) expect(isPublicId('payout', `po_${c}${body.slice(1)}`), c).toBe(false);
  });
});
