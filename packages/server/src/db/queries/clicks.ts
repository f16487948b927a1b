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
 * Records a click on a referral link; triggers roll it up (migrations 0024 and 0027) unless it
 * is a bot's. Returns its id.
 */
export async function insertClick(db: Db, click: Click): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into clicks (account_id, code, source, widget_id, campaign, referring_host, ip_hash, bot, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     returning id::text`,
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
