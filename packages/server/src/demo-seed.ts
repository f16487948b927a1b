import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WidgetConfig } from '@callbell/protocol';
import type { Db } from './db/client.ts';
import { REPO_ROOT } from './paths.ts';

const FIXTURES = join(REPO_ROOT, 'demo/fixtures/widgets.json');

/** Demo owners: one on the free plan (footer shown), one paid who hid it. */
const OWNERS: Record<string, { id: string; email: string; code: string; plan: string }> = {
  wdg_demo0000000001: { id: 'acc_demo_free', email: 'free@demo.callbell.test', code: 'demo1234', plan: 'free' },
  wdg_paidplan00000001: { id: 'acc_demo_paid', email: 'paid@demo.callbell.test', code: 'paid5678', plan: 'pro' },
};

/** Seeds the demo accounts and widgets from demo/fixtures; running it again changes nothing. */
export async function seedDemo(db: Db): Promise<void> {
  const fixtures = JSON.parse(readFileSync(FIXTURES, 'utf8')) as Record<string, WidgetConfig>;
  for (const [widgetId, config] of Object.entries(fixtures)) {
    const owner = OWNERS[widgetId];
    if (!owner) continue;
    const { greeting, agent, appearance, channels } = config;
    await db.query(
      `insert into accounts (id, email, referral_code, plan) values ($1, $2, $3, $4) on conflict (id) do nothing`,
      [owner.id, owner.email, owner.code, owner.plan],
    );
    await db.query(
      `insert into widgets (id, account_id, settings, hide_branding) values ($1, $2, $3, $4) on conflict (id) do nothing`,
      [widgetId, owner.id, JSON.stringify({ greeting, agent, appearance, channels }), !config.branding.show],
    );
  }
}
