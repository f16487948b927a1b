-- Public ids for the rows whose key is a sequence and which their owners see: payouts, ledger
-- entries and referrals. A sequential id shown to an ambassador tells how many payouts, entries
-- or referrals the whole programme has, and what the next one will be; the API shows these
-- instead. The bigint stays the key other tables reference, and never leaves the database.
--
-- A prefix and 20 characters over the referral codes' 32 letters (no 0/o, 1/l): 100 random
-- bits, from the random bytes of two v4 UUIDs (gen_random_uuid is core in Postgres 13+ and in
-- PGlite, where pgcrypto may be missing). Byte 6 holds the version and byte 8 the variant, so
-- they are skipped; 256 is a multiple of 32, so `% 32` favours no letter. domain/public-ids.ts
-- holds the format the routes check.
create function new_public_id(prefix text) returns text language sql volatile as $$
  select prefix || string_agg(substr('abcdefghijkmnpqrstuvwxyz23456789', get_byte(b, i) % 32 + 1, 1), '' order by i)
  from (select uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) as b) u,
       unnest(array[0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]) as i
$$;

-- A volatile default is evaluated once per existing row, so adding the column fills it too;
-- every later insert gets its own, whoever writes the row.
alter table payouts add column public_id text not null default new_public_id('po_');
create unique index payouts_public_id on payouts (public_id);

alter table ledger_entries add column public_id text not null default new_public_id('le_');
create unique index ledger_entries_public_id on ledger_entries (public_id);

alter table referrals add column public_id text not null default new_public_id('rf_');
create unique index referrals_public_id on referrals (public_id);
