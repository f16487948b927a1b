import { expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { insertClick } from '../../src/db/queries/clicks.ts';
import { statsRows } from '../../src/db/queries/stats.ts';
import { GROUP_BYS, type GroupBy, type StatsRow } from '../../src/domain/stats.ts';
import { describeEachDb } from '../databases.ts';
import { PAID_CODE, PAID_WIDGET, seedOwners } from '../fixtures.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (days: number, ms = 0) => new Date(T0 + days * DAY + ms);

const GROUP_COLUMNS: Record<GroupBy | 'none', { click: string; referral: string }> = {
  source: { click: 'c.source', referral: 'r.source' },
  campaign: { click: 'c.campaign', referral: 'r.campaign' },
  widget: { click: 'c.widget_id', referral: 'r.widget_id' },
  none: { click: 'null::text', referral: 'null::text' },
};
const day = (column: string) => `(${column} at time zone 'UTC')::date`;

/** What the statistics counted before the rollups (migrations 0024 to 0026): every raw fact of the range. */
async function rawStatsRows(
  db: Db,
  input: { accountId: string; start: Date; end: Date; groupBy: GroupBy | null },
): Promise<StatsRow[]> {
  const g = GROUP_COLUMNS[input.groupBy ?? 'none'];
  const facts = `
    select ${day('c.created_at')} as day, ${g.click} as grp, 'click' as metric, c.ip_hash as who, 0 as cents
    from clicks c
    where c.account_id = $1 and not c.bot and c.created_at >= $2 and c.created_at < $3
    union all
    select ${day('r.created_at')}, ${g.referral}, 'signup', null, 0
    from referrals r
    where r.referrer_id = $1 and r.created_at >= $2 and r.created_at < $3
    union all
    select ${day('q.first_at')}, ${g.referral}, 'install', null, 0
    from referrals r
    join lateral (select min(w.qualified_at) as first_at from widgets w where w.account_id = r.referee_id) q on true
    where r.referrer_id = $1 and q.first_at >= $2 and q.first_at < $3
    union all
    select ${day('i.paid_at')}, ${g.referral}, 'paying', r.referee_id, 0
    from referrals r
    join invoices i on i.account_id = r.referee_id
    where r.referrer_id = $1 and i.amount_paid_cents > 0 and i.paid_at >= $2 and i.paid_at < $3
    union all
    select ${day('e.created_at')}, ${g.referral},
           case when coalesce(p.kind, e.kind) in ('commission', 'reinstatement') then 'commission' else 'bounty' end,
           null, e.amount_cents
    from ledger_entries e
    left join ledger_entries p on p.id = e.parent_id
    left join referrals r on r.id = e.referral_id
    where e.account_id = $1 and e.created_at >= $2 and e.created_at < $3`;
  const { rows } = await db.query<StatsRow & { commissionCents: string; bountyCents: string }>(
    `with facts as (${facts})
     select to_char(day, 'YYYY-MM-DD') as day, grp as "group",
            grouping(day) = 1 as "allDays", grouping(grp) = 1 as "allGroups",
            count(*) filter (where metric = 'click')::int as clicks,
            count(distinct who) filter (where metric = 'click')::int as "uniqueClicks",
            count(*) filter (where metric = 'signup')::int as signups,
            count(*) filter (where metric = 'install')::int as installs,
            count(distinct who) filter (where metric = 'paying')::int as "payingCustomers",
            coalesce(sum(cents) filter (where metric = 'commission'), 0)::text as "commissionCents",
            coalesce(sum(cents) filter (where metric = 'bounty'), 0)::text as "bountyCents"
     from facts
     group by grouping sets ((day, grp), (day), (grp), ())`,
    [input.accountId, input.start, input.end],
  );
  return rows.map((row) => ({
    ...row,
    commissionCents: Number(row.commissionCents),
    bountyCents: Number(row.bountyCents),
  }));
}

const key = (r: StatsRow) => `${r.allDays}|${r.allGroups}|${r.day ?? ''}|${r.group === null ? '\u0000' : r.group}`;
const sorted = (rows: StatsRow[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

const SOURCES = ['widget', 'link', 'banner'] as const;
const CAMPAIGNS = [null, 'spring', 'news'] as const;
const WIDGETS = [null, PAID_WIDGET, 'wdg_other0001'] as const;

/** A referral of acc_paid's, its referee's account and widget (qualified on `qualifiedDay`, if any). */
async function referee(db: Db, n: number, signupDay: number, qualifiedDay: number | null, withReferral = true) {
  const id = `acc_ref${n}`;
  await db.query(`insert into accounts (id, email, referral_code, created_at) values ($1, $2, $3, $4)`, [
    id,
    `ref${n}@example.com`,
    `ref${n}code`,
    at(signupDay),
  ]);
  await db.query(`insert into widgets (id, account_id, settings, qualified_at) values ($1, $2, '{}', $3)`, [
    `wdg_referee${n}`,
    id,
    qualifiedDay === null ? null : at(qualifiedDay, 3_600_000),
  ]);
  return withReferral ? bind(db, n, signupDay) : '';
}

async function bind(db: Db, n: number, signupDay: number): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into referrals (referrer_id, referee_id, source, campaign, widget_id, install_bounty_cents,
       commission_rate_bps, hold_days, created_at)
     values ('acc_paid', $1, $2, $3, $4, 1000, 3000, 30, $5) returning id::text`,
    [`acc_ref${n}`, ['widget', 'link', 'banner', 'param'][n % 4], CAMPAIGNS[n % 3], WIDGETS[n % 3], at(signupDay, n)],
  );
  return rows[0]?.id ?? '';
}

describeEachDb('statistics rollups', (db) => {
  it('answer as the raw facts do, for every grouping and range, whoever writes the facts', async () => {
    await seedOwners(db());
    await db().query(`insert into widgets (id, account_id, settings) values ('wdg_other0001', 'acc_paid', '{}')`);

    // Referees: one bound only after its invoices were paid (the referral's trigger counts them).
    const referrals: string[] = [];
    for (let n = 0; n < 8; n++) referrals.push(await referee(db(), n, n * 3, n % 3 ? n * 3 + 2 : null, n !== 5));

    // Invoices: several a day, nothing paid on some, one statement for many, out of time order.
    let seq = 0;
    const invoice = (account: string, d: number, cents: number) =>
      db().query(
        `insert into invoices (id, account_id, amount_paid_cents, tax_cents, currency, paid_at)
         values ($1, $2, $3, 0, 'eur', $4)`,
        [`in_${++seq}`, account, cents, at(d, seq * 1000)],
      );
    for (const [n, d, cents] of [
      [1, 40, 2900],
      [1, 10, 2900],
      [1, 10, 500],
      [2, 10, 0],
      [5, 12, 2900],
      [5, 12, 2900],
      [5, 30, 2900],
      [6, 55, 0],
      [6, 55, 900],
    ] as const)
      await invoice(`acc_ref${n}`, d, cents);
    await db().query(
      `insert into invoices (id, account_id, amount_paid_cents, tax_cents, currency, paid_at)
       select 'in_bulk' || k, 'acc_ref' || (k % 4), (k % 3) * 1000, 0, 'eur', $1::timestamptz + k * interval '31 hours'
       from generate_series(1, 40) k`,
      [at(0)],
    );
    referrals[5] = await bind(db(), 5, 15);

    // Clicks: by the app's writer, several at once, and by statements of many rows; bots among
    // them; addresses that come back, in other groups and on other days; out of time order.
    const clicks = Array.from({ length: 240 }, (_, i) => ({
      accountId: i % 7 ? 'acc_paid' : 'acc_free',
      code: PAID_CODE,
      source: SOURCES[i % 3] ?? 'link',
      widgetId: WIDGETS[(i >> 1) % 3] ?? null,
      campaign: CAMPAIGNS[(i >> 2) % 3] ?? null,
      referringHost: null,
      ipHash: `ip${(i * 7) % 37}`,
      bot: i % 13 === 0,
      createdAt: at((i * 37) % 61, (i * 7_777_777) % DAY),
    }));
    for (let i = 0; i < clicks.length; i += 12)
      await Promise.all(clicks.slice(i, i + 12).map((c) => insertClick(db(), c)));
    for (const offset of [0, 5]) {
      await db().query(
        `insert into clicks (account_id, code, source, widget_id, campaign, ip_hash, bot, created_at)
         select 'acc_paid', 'code', (array['widget', 'link', 'banner'])[1 + k % 3],
                (array[null, $2, 'wdg_other0001'])[1 + k % 3], (array[null, 'spring', 'news'])[1 + k / 3 % 3],
                'ip' || (k * 5 % 23), k % 11 = 0, $1::timestamptz + ((k * 13 + $3) % 64) * interval '1 day' + k * interval '1 minute'
         from generate_series(1, 80) k`,
        [at(0), PAID_WIDGET, offset],
      );
    }

    // Ledger entries: originals, their take-backs and give-backs (one written with its parent in
    // one statement), entries of no referral, and one statement of many.
    const entry = async (referralId: string | null, kind: string, cents: number, d: number, parentId?: string) => {
      const { rows } = await db().query<{ id: string }>(
        `insert into ledger_entries (account_id, referral_id, kind, amount_cents, state, source_key, parent_id, created_at)
         values ('acc_paid', $1, $2, $3, 'pending', $4, $5, $6) returning id::text`,
        [referralId, kind, cents, `test:${++seq}`, parentId ?? null, at(d, seq)],
      );
      return rows[0]?.id ?? '';
    };
    for (const [i, referralId] of referrals.entries()) {
      const bounty = await entry(referralId, 'install_bounty', 1000, 5 + i * 4);
      const commission = await entry(referralId, 'commission', 870 + i, 9 + i * 5);
      if (i % 2) await entry(referralId, 'reversal', -1000, 20 + i, bounty);
      if (i % 3 === 1) await entry(referralId, 'clawback', -400, 44 + i, commission);
      if (i % 3 === 2) await entry(referralId, 'reinstatement', 300, 50 + i, commission);
    }
    await entry(null, 'commission', 555, 33);
    await db().query(
      `with parent as (
         insert into ledger_entries (account_id, referral_id, kind, amount_cents, state, source_key, created_at)
         values ('acc_paid', $1, 'commission', 2000, 'pending', 'test:parent', $2) returning id
       )
       insert into ledger_entries (account_id, referral_id, kind, amount_cents, state, source_key, parent_id, created_at)
       select 'acc_paid', $1, 'reversal', -2000, 'reversed', 'test:child', id, $3 from parent`,
      [referrals[2], at(25), at(26)],
    );
    await db().query(
      `insert into ledger_entries (account_id, referral_id, kind, amount_cents, state, source_key, created_at)
       select 'acc_paid', (array[$1, $2, null])[1 + k % 3]::bigint, 'commission', k * 10, 'pending', 'bulk:' || k,
              $3::timestamptz + k * interval '17 hours'
       from generate_series(1, 60) k`,
      [referrals[0], referrals[3], at(0)],
    );

    // Ranges: ending after the last click (from the rollups alone), ending before it (the
    // addresses of the range from the clicks), partial, empty, and before everything.
    const ranges: [number, number][] = [
      [0, 70],
      [10, 70],
      [40, 90],
      [0, 30],
      [15, 45],
      [60, 61],
      [-30, 0],
      [100, 120],
    ];
    for (const accountId of ['acc_paid', 'acc_free']) {
      for (const groupBy of [null, ...GROUP_BYS]) {
        for (const [from, to] of ranges) {
          const input = { accountId, start: at(from), end: at(to), groupBy };
          expect(sorted(await statsRows(db(), input)), `${accountId} ${groupBy} ${from}-${to}`).toEqual(
            sorted(await rawStatsRows(db(), input)),
          );
        }
      }
    }
  });

  it('keep each rollup equal to the aggregate of its raw rows', async () => {
    await seedOwners(db());
    await referee(db(), 1, 0, 3);
    await db().query(
      `insert into clicks (account_id, code, source, widget_id, campaign, ip_hash, bot, created_at)
       select 'acc_paid', 'code', (array['widget', 'link', 'banner'])[1 + k % 3], (array[null, $2])[1 + k % 2],
              (array[null, 'spring', 'news'])[1 + k % 3], 'ip' || (k % 17), k % 9 = 0,
              $1::timestamptz + (k * 7919 % 50) * interval '1 day' + k * interval '1 second'
       from generate_series(1, 300) k`,
      [at(0), PAID_WIDGET],
    );
    for (let k = 0; k < 30; k++) {
      await insertClick(db(), {
        accountId: 'acc_paid',
        code: PAID_CODE,
        source: 'link',
        widgetId: null,
        campaign: k % 2 ? 'spring' : null,
        referringHost: null,
        ipHash: `ip${k % 20}`,
        bot: false,
        createdAt: at((k * 11) % 52, k),
      });
    }
    const groups = `cross join lateral (values ('all', null::text), ('source', c.source), ('campaign', c.campaign),
      ('widget', c.widget_id)) g (kind, grp)`;
    const q = async (sql: string) => (await db().query(sql)).rows;
    expect(
      await q(`select account_id, kind, grp, day::text, clicks::int, addresses::int from stats_days
               where clicks > 0 order by 1, 2, 3 nulls first, 4`),
    ).toEqual(
      await q(`select c.account_id, g.kind, g.grp, (c.created_at at time zone 'UTC')::date::text as day,
                 count(*)::int as clicks, count(distinct c.ip_hash)::int as addresses
               from clicks c ${groups} where not c.bot group by 1, 2, 3, 4 order by 1, 2, 3 nulls first, 4`),
    );
    expect(
      await q(`select account_id, kind, grp, day::text, addresses::int from click_last_days where addresses <> 0
               order by 1, 2, 3 nulls first, 4`),
    ).toEqual(
      await q(`select account_id, kind, grp, day::text, count(*)::int as addresses
               from (select c.account_id, g.kind, g.grp, max((c.created_at at time zone 'UTC')::date) as day
                     from clicks c ${groups} where not c.bot group by c.account_id, c.ip_hash, 2, 3) a
               group by 1, 2, 3, 4 order by 1, 2, 3 nulls first, 4`),
    );
    expect((await q(`select count(*)::int as n from click_last_days where addresses < 0`))[0]).toEqual({ n: 0 });
  });
});
