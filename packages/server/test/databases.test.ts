import { describe, expect, it } from 'vitest';
import { ENGINES, freshDb, holdDb, postgresReachable } from './databases.ts';

// Every server test relies on freshDb giving it a database with no rows and the schema the
// migrations make, though the database may be one an earlier suite gave back.
for (const engine of ENGINES) {
  describe.skipIf(engine === 'postgres' && !postgresReachable)(`freshDb [${engine}]`, () => {
    it('gives back a database emptied, its sequences restarted', async () => {
      const first = await freshDb(engine);
      await first.db.query(
        `insert into accounts (id, email, referral_code) values ('acc_a', 'a@example.com', 'aaaa1111')`,
      );
      const { rows: before } = await first.db.query<{ id: string }>(
        `insert into emails (account_id, kind, dedupe_key, next_attempt_at, created_at) values ('acc_a', 'verify', 'k', now(), now()) returning id::text`,
      );
      await first.drop();

      const second = await freshDb(engine);
      expect(second.db).toBe(first.db);
      const { rows } = await second.db.query<{ n: number }>('select count(*)::int as n from accounts');
      expect(rows[0]?.n).toBe(0);
      await second.db.query(
        `insert into accounts (id, email, referral_code) values ('acc_a', 'a@example.com', 'aaaa1111')`,
      );
      const { rows: after } = await second.db.query<{ id: string }>(
        `insert into emails (account_id, kind, dedupe_key, next_attempt_at, created_at) values ('acc_a', 'verify', 'k', now(), now()) returning id::text`,
      );
      expect(after[0]?.id).toBe(before[0]?.id);
      await second.drop();
    });

    it('never gives back a database whose schema a test changed', async () => {
      const first = await freshDb(engine);
      await first.db.exec(`create function t_noop() returns trigger language plpgsql as $$ begin return new; end $$;
        create trigger t_noop before insert on accounts for each row execute function t_noop()`);
      await first.drop();
      const second = await freshDb(engine);
      expect(second.db).not.toBe(first.db);
      const { rows } = await second.db.query(`select 1 from pg_trigger where tgname = 't_noop'`);
      expect(rows).toEqual([]);
      await second.drop();
    });

    it('never gives back a database an app still holds', async () => {
      const first = await freshDb(engine);
      holdDb(first.db, {});
      await first.drop();
      const second = await freshDb(engine);
      expect(second.db).not.toBe(first.db);
      await second.drop();
    });
  });
}
