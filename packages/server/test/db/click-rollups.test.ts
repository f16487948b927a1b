import { expect, it } from 'vitest';
import { insertClick } from '../../src/db/queries/clicks.ts';
import { clickStats } from '../../src/db/queries/rewards.ts';
import { describeEachDb } from '../databases.ts';
import { FREE_CODE, PAID_CODE, seedOwners } from '../fixtures.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');

/** What the Rewards summary counted before the rollups: straight from the raw clicks. */
async function rawStats(db: Parameters<typeof clickStats>[0], accountId: string, since: Date) {
  const { rows } = await db.query(
    `select count(*)::int as total, count(distinct ip_hash)::int as "unique",
       count(*) filter (where created_at >= $2)::int as "last30Days",
       count(distinct ip_hash) filter (where created_at >= $2)::int as "uniqueLast30Days"
     from clicks where account_id = $1 and not bot`,
    [accountId, since],
  );
  return rows[0];
}

describeEachDb('click rollups', (db) => {
  it('match the raw clicks, bots left out, whichever order the clicks arrive in', async () => {
    await seedOwners(db());
    // Addresses that come back, bots among them, two accounts, clicks written out of time order
    // and several at once (the totals row and an address row taken by concurrent writes).
    const clicks = Array.from({ length: 400 }, (_, i) => ({
      accountId: i % 3 ? 'acc_free' : 'acc_paid',
      code: i % 3 ? FREE_CODE : PAID_CODE,
      source: (['widget', 'link', 'banner'] as const)[i % 3] ?? 'link',
      widgetId: null,
      campaign: i % 4 ? null : 'spring',
      referringHost: null,
      ipHash: `ip${(i * 7) % 61}`,
      bot: i % 11 === 0,
      createdAt: new Date(T0 + ((i * 37) % 90) * DAY + i * 1000),
    }));
    for (let i = 0; i < clicks.length; i += 20)
      await Promise.all(clicks.slice(i, i + 20).map((c) => insertClick(db(), c)));

    const totals = await db().query(
      `select account_id, clicks::int, addresses::int from click_totals order by account_id`,
    );
    const fromRaw = await db().query(
      `select account_id, count(*)::int as clicks, count(distinct ip_hash)::int as addresses
       from clicks where not bot group by account_id order by account_id`,
    );
    expect(totals.rows).toEqual(fromRaw.rows);

    const addresses = await db().query(
      `select account_id, ip_hash, last_at from click_addresses order by account_id, ip_hash`,
    );
    const lastClicks = await db().query(
      `select account_id, ip_hash, max(created_at) as last_at from clicks where not bot
       group by account_id, ip_hash order by account_id, ip_hash`,
    );
    expect(addresses.rows).toEqual(lastClicks.rows);

    for (const accountId of ['acc_free', 'acc_paid']) {
      for (const days of [0, 30, 45, 60, 89, 200]) {
        const since = new Date(T0 + days * DAY + 12_345);
        expect(await clickStats(db(), accountId, since)).toEqual(await rawStats(db(), accountId, since));
      }
    }
  });

  it('match the raw clicks written by any statement, many rows at once (0027: a trigger keeps them)', async () => {
    await seedOwners(db());
    await insertClick(db(), {
      accountId: 'acc_paid',
      code: PAID_CODE,
      source: 'link',
      widgetId: null,
      campaign: null,
      referringHost: null,
      ipHash: 'ip1',
      bot: false,
      createdAt: new Date(T0 + 40 * DAY),
    });
    // One statement: addresses new and known, repeated within it, earlier than the last click
    // seen, bots among them, both accounts.
    await db().query(
      `insert into clicks (account_id, code, source, ip_hash, bot, created_at)
       select case when g % 3 = 0 then 'acc_free' else 'acc_paid' end,
              case when g % 3 = 0 then $1 else $2 end, 'link', 'ip' || (g % 7), g % 5 = 0,
              $3::timestamptz + g * interval '1 day'
       from generate_series(1, 60) g`,
      [FREE_CODE, PAID_CODE, new Date(T0)],
    );
    const totals = await db().query(`select account_id, clicks::int, addresses::int from click_totals order by 1`);
    const fromRaw = await db().query(
      `select account_id, count(*)::int as clicks, count(distinct ip_hash)::int as addresses
       from clicks where not bot group by account_id order by account_id`,
    );
    expect(totals.rows).toEqual(fromRaw.rows);
    const addresses = await db().query(`select account_id, ip_hash, last_at from click_addresses order by 1, 2`);
    const lastClicks = await db().query(
      `select account_id, ip_hash, max(created_at) as last_at from clicks where not bot
       group by account_id, ip_hash order by account_id, ip_hash`,
    );
    expect(addresses.rows).toEqual(lastClicks.rows);
  });

  it('gives zeros to an account without clicks, or with bots only', async () => {
    await seedOwners(db());
    await insertClick(db(), {
      accountId: 'acc_paid',
      code: PAID_CODE,
      source: 'link',
      widgetId: null,
      campaign: null,
      referringHost: null,
      ipHash: 'ipbot',
      bot: true,
      createdAt: new Date(T0),
    });
    const zeros = { total: 0, unique: 0, last30Days: 0, uniqueLast30Days: 0 };
    expect(await clickStats(db(), 'acc_free', new Date(T0 - DAY))).toEqual(zeros);
    expect(await clickStats(db(), 'acc_paid', new Date(T0 - DAY))).toEqual(zeros);
  });
});
