import type { BillingPlan } from '../../domain/billing.ts';
import type { SubscriptionFact } from '../../domain/stripe-facts.ts';
import type { Db } from '../client.ts';

/** The account's plan and e-mail, as stored (the webhook keeps the plan). */
export async function accountForPlan(db: Db, accountId: string): Promise<{ plan: BillingPlan; email: string } | null> {
  const { rows } = await db.query<{ plan: BillingPlan; email: string }>(
    'select plan, email from accounts where id = $1',
    [accountId],
  );
  return rows[0] ?? null;
}

/** The account's first linked billing customer (the one checkout reuses), if any. */
export async function customerOfAccount(db: Db, accountId: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `select customer_id as id from billing_customers where account_id = $1 order by linked_at, customer_id limit 1`,
    [accountId],
  );
  return rows[0]?.id ?? null;
}

/** The account's subscriptions as the webhook recorded them, the latest event first. */
export async function latestSubscriptions(db: Db, accountId: string): Promise<SubscriptionFact[]> {
  const { rows } = await db.query<SubscriptionFact>(
    `select id, status, plan, started_at as "startedAt", ended_at as "endedAt", event_at as "eventAt"
     from subscriptions where account_id = $1 order by event_at desc, id`,
    [accountId],
  );
  return rows;
}
