import type { ReferralSource } from '@callbell/protocol';
import type { Db } from '../client.ts';

export interface Click {
  accountId: string;
  code: string;
  source: ReferralSource;
  widgetId: string | null;
  campaign: string | null;
  referringHost: string | null;
  ipHash: string;
  bot: boolean;
  createdAt: Date;
}

/** The account that owns a referral code, or null. */
export async function findAccountByCode(db: Db, code: string): Promise<{ id: string } | null> {
  const { rows } = await db.query<{ id: string }>('select id from accounts where referral_code = $1', [code]);
  return rows[0] ?? null;
}

/**
 * Records a click on a referral link, and rolls it up (migration 0023) unless it is a bot's:
 * the account's totals, and its address's last click. One statement, so the rollups never miss
 * a click; the address row is taken before the totals row, by every writer alike. Returns its id.
 */
export async function insertClick(db: Db, click: Click): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `with c as (
       insert into clicks (account_id, code, source, widget_id, campaign, referring_host, ip_hash, bot, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       returning id, account_id, ip_hash, bot, created_at
     ), address as (
       insert into click_addresses as a (account_id, ip_hash, last_at)
       select account_id, ip_hash, created_at from c where not bot
       on conflict (account_id, ip_hash) do update set last_at = greatest(a.last_at, excluded.last_at)
       returning (xmax = 0) as fresh
     ), totals as (
       insert into click_totals as t (account_id, clicks, addresses)
       select account_id, 1, (select count(*) from address where fresh) from c where not bot
       on conflict (account_id) do update set clicks = t.clicks + 1, addresses = t.addresses + excluded.addresses
     )
     select id::text from c`,
    [
      click.accountId,
      click.code,
      click.source,
      click.widgetId,
      click.campaign,
      click.referringHost,
      click.ipHash,
      click.bot,
      click.createdAt,
    ],
  );
  return rows[0]?.id ?? '';
}
