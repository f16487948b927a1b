import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WidgetConfig } from '@callbell/protocol';
import type { Db } from './db/client.ts';
import { insertClick } from './db/queries/clicks.ts';
import { insertEntry } from './db/queries/ledger.ts';
import { insertReferral } from './db/queries/referrals.ts';
import { addDays } from './domain/clock.ts';
import { DEFAULT_WIDGET_SETTINGS } from './domain/default-widget.ts';
import { hashPassword } from './domain/secrets.ts';
import { REPO_ROOT } from './paths.ts';

const FIXTURES = join(REPO_ROOT, 'demo/fixtures/widgets.json');

/** Demo owners: one on the free plan (footer shown), one paid who hid it. */
const OWNERS: Record<string, { id: string; email: string; code: string; plan: string }> = {
  wdg_demo0000000001: { id: 'acc_demo_free', email: 'free@demo.callbell.test', code: 'demo1234', plan: 'free' },
  wdg_paidplan00000001: { id: 'acc_demo_paid', email: 'paid@demo.callbell.test', code: 'paid5678', plan: 'pro' },
};

/** Demo only (CALLBELL_DEMO, refused in production): the owners and the operator can log in. */
export const DEMO_PASSWORD = 'callbell-demo';
export const DEMO_OWNER_EMAIL = 'free@demo.callbell.test';
export const DEMO_ADMIN_EMAIL = 'operator@demo.callbell.test';

/**
 * Seeds the demo accounts and widgets from demo/fixtures, and a referral with earnings so the
 * Rewards API has something to show; running it again changes nothing.
 */
export async function seedDemo(db: Db, now: Date): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.query(
    `insert into accounts (id, email, referral_code, role, password_hash) values ($1, $2, $3, 'admin', $4)
     on conflict (id) do nothing`,
    ['acc_demo_operator', DEMO_ADMIN_EMAIL, 'demoop22', passwordHash],
  );
  const fixtures = JSON.parse(readFileSync(FIXTURES, 'utf8')) as Record<string, WidgetConfig>;
  for (const [widgetId, config] of Object.entries(fixtures)) {
    const owner = OWNERS[widgetId];
    if (!owner) continue;
    const { greeting, agent, appearance, channels } = config;
    await db.query(
      `insert into accounts (id, email, referral_code, plan, password_hash) values ($1, $2, $3, $4, $5)
       on conflict (id) do nothing`,
      [owner.id, owner.email, owner.code, owner.plan, passwordHash],
    );
    await db.query(
      `insert into widgets (id, account_id, settings, hide_branding) values ($1, $2, $3, $4) on conflict (id) do nothing`,
      [widgetId, owner.id, JSON.stringify({ greeting, agent, appearance, channels }), !config.branding.show],
    );
  }
  await seedReferral(db, passwordHash, now);
}

/**
 * A bakery the free demo owner referred through its widget's footer: it installed the widget
 * and pays for Pro. The owner's ledger shows the install bounty and one commission available,
 * and the latest commission still in its hold.
 */
async function seedReferral(db: Db, passwordHash: string, now: Date): Promise<void> {
  const { rows } = await db.query(`select 1 from referrals where referee_id = 'acc_demo_bakery'`);
  if (rows.length) return;
  const ago = (days: number) => addDays(now, -days);
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into accounts (id, email, referral_code, plan, password_hash, created_at)
       values ('acc_demo_bakery', 'bakery@demo.callbell.test', 'bake2345', 'pro', $1, $2) on conflict do nothing`,
      [passwordHash, ago(44)],
    );
    await tx.query(
      `insert into widgets (id, account_id, settings, created_at, qualified_at, qualified_origin, last_ping_at,
         last_public_ping_at)
       values ('wdg_demobakery00001', 'acc_demo_bakery', $1, $2, $3, 'https://bakery.example.com', $4, $4)
       on conflict do nothing`,
      [JSON.stringify(DEFAULT_WIDGET_SETTINGS), ago(44), ago(40), ago(1)],
    );
    const click = await insertClick(tx, {
      accountId: 'acc_demo_free',
      code: 'demo1234',
      source: 'widget',
      widgetId: 'wdg_demo0000000001',
      campaign: null,
      referringHost: 'bakery.example.com',
      ipHash: 'demo',
      bot: false,
      createdAt: ago(45),
    });
    const referralId = await insertReferral(tx, {
      referrerId: 'acc_demo_free',
      refereeId: 'acc_demo_bakery',
      clickId: click,
      source: 'widget',
      campaign: null,
      widgetId: 'wdg_demo0000000001',
      installBountyCents: 1000,
      commissionRateBps: 3000,
      holdDays: 30,
      flaggedReason: null,
      createdAt: ago(44),
    });
    const earning = (
      key: string,
      kind: 'install_bounty' | 'commission',
      amountCents: number,
      createdDaysAgo: number,
    ) => {
      const createdAt = ago(createdDaysAgo);
      const holdUntil = addDays(createdAt, 30);
      const matured = holdUntil <= now;
      return insertEntry(tx, {
        accountId: 'acc_demo_free',
        referralId,
        kind,
        amountCents,
        state: matured ? 'available' : 'pending',
        sourceKey: key,
        invoiceId: kind === 'commission' ? key.split(':')[1] : null,
        widgetId: kind === 'install_bounty' ? 'wdg_demobakery00001' : null,
        createdAt,
        holdUntil,
        availableAt: matured ? holdUntil : null,
      });
    };
    // €29 a month net of tax (€35.09 with 21 % VAT): 30 % is €8.70.
    for (const [n, days] of [
      [1, 38],
      [2, 8],
    ] as const) {
      await tx.query(
        `insert into invoices (id, account_id, subscription_id, amount_paid_cents, tax_cents, currency, paid_at)
         values ($1, 'acc_demo_bakery', 'sub_demo_bakery', 3509, 609, 'eur', $2) on conflict do nothing`,
        [`in_demo_bakery_${n}`, ago(days)],
      );
    }
    await earning('install_bounty:acc_demo_bakery', 'install_bounty', 1000, 40);
    await earning('commission:in_demo_bakery_1', 'commission', 870, 38);
    await earning('commission:in_demo_bakery_2', 'commission', 870, 8);
  });
}
