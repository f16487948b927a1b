import type { WidgetSettings } from '@callbell/protocol';
import type { Db } from '../client.ts';
import { lockAccount, type Plan } from './accounts.ts';

/**
 * Widgets as their owner manages them. Every read and write is scoped by the owner's account:
 * another account's widget is simply not found.
 */

/** A widget with what its owner sees, and what its public config is built from. */
export interface OwnerWidget {
  id: string;
  settings: WidgetSettings;
  hideBranding: boolean;
  allowedDomains: string[];
  plan: Plan;
  referralCode: string;
  createdAt: Date;
  updatedAt: Date;
  lastPingAt: Date | null;
  qualifiedAt: Date | null;
  qualifiedOrigin: string | null;
}

const COLUMNS = `w.id, w.settings, w.hide_branding as "hideBranding", w.allowed_domains as "allowedDomains", a.plan,
  a.referral_code as "referralCode", w.created_at as "createdAt", w.updated_at as "updatedAt",
  w.last_ping_at as "lastPingAt", w.qualified_at as "qualifiedAt", w.qualified_origin as "qualifiedOrigin"`;

/** An account's widgets, oldest first (the first is the one signup created). */
export async function listOwnerWidgets(db: Db, accountId: string): Promise<OwnerWidget[]> {
  const { rows } = await db.query<OwnerWidget>(
    `select ${COLUMNS} from widgets w join accounts a on a.id = w.account_id
     where w.account_id = $1 order by w.created_at, w.id`,
    [accountId],
  );
  return rows;
}

/** One of the account's widgets, or null if it does not exist or belongs to someone else. */
export async function findOwnerWidget(db: Db, accountId: string, widgetId: string): Promise<OwnerWidget | null> {
  const { rows } = await db.query<OwnerWidget>(
    `select ${COLUMNS} from widgets w join accounts a on a.id = w.account_id
     where w.id = $1 and w.account_id = $2`,
    [widgetId, accountId],
  );
  return rows[0] ?? null;
}

export interface NewWidget {
  id: string;
  accountId: string;
  settings: WidgetSettings;
  hideBranding: boolean;
  allowedDomains: string[];
  now: Date;
}

/**
 * Creates a widget unless the account already has `max`; null when it has. The account's row
 * is locked while counting, so two requests at once cannot both take the last place.
 */
export async function insertOwnerWidget(db: Db, w: NewWidget, max: number): Promise<OwnerWidget | null> {
  return db.transaction(async (tx) => {
    await lockAccount(tx, w.accountId);
    const { rows } = await tx.query<{ n: number }>('select count(*)::int as n from widgets where account_id = $1', [
      w.accountId,
    ]);
    if ((rows[0]?.n ?? 0) >= max) return null;
    await tx.query(
      `insert into widgets (id, account_id, settings, hide_branding, allowed_domains, created_at, updated_at)
       values ($1, $2, $3, $4, $5::text[], $6, $6)`,
      [w.id, w.accountId, JSON.stringify(w.settings), w.hideBranding, w.allowedDomains, w.now],
    );
    return findOwnerWidget(tx, w.accountId, w.id);
  });
}

export interface WidgetUpdate {
  /** Settings fields to replace; the others keep their stored value. */
  settings: Partial<WidgetSettings>;
  hideBranding?: boolean;
  allowedDomains?: string[];
  now: Date;
}

/**
 * Applies a change to one of the account's widgets in one statement (the settings sent are
 * merged into the stored ones by jsonb `||`, so two edits of different fields both land).
 * Returns the widget as it now is, or null if it is not the account's.
 */
export async function updateOwnerWidget(
  db: Db,
  accountId: string,
  widgetId: string,
  u: WidgetUpdate,
): Promise<OwnerWidget | null> {
  const { rows } = await db.query<OwnerWidget>(
    `with updated as (
       update widgets set settings = settings || $3::jsonb,
         hide_branding = coalesce($4, hide_branding),
         allowed_domains = coalesce($5::text[], allowed_domains),
         updated_at = $6
       where id = $1 and account_id = $2
       returning *
     )
     select ${COLUMNS} from updated w join accounts a on a.id = w.account_id`,
    [widgetId, accountId, JSON.stringify(u.settings), u.hideBranding ?? null, u.allowedDomains ?? null, u.now],
  );
  return rows[0] ?? null;
}

/** What every ping of a widget is checked against; null when there is no such widget. */
export async function findWidgetAccess(db: Db, widgetId: string): Promise<{ allowedDomains: string[] } | null> {
  const { rows } = await db.query<{ allowedDomains: string[] }>(
    'select allowed_domains as "allowedDomains" from widgets where id = $1',
    [widgetId],
  );
  return rows[0] ?? null;
}
