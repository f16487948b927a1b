import type { WidgetForConfig } from '../../domain/widget-config.ts';
import type { Db } from '../client.ts';

/** A widget with what its public config needs from its owner's account, or null. */
export async function findWidgetForConfig(db: Db, widgetId: string): Promise<WidgetForConfig | null> {
  const { rows } = await db.query<WidgetForConfig>(
    `select w.id, w.settings, w.hide_branding as "hideBranding", a.plan, a.referral_code as "referralCode"
     from widgets w join accounts a on a.id = w.account_id
     where w.id = $1`,
    [widgetId],
  );
  return rows[0] ?? null;
}
