/**
 * Selling plans through Stripe: Checkout for a new subscription, the Billing Portal for the
 * rest. Nothing here changes a plan; Stripe's webhook does (services/billing.ts). The account
 * is named on the customer and the subscription (metadata.account_id), which is how the
 * webhook maps Stripe's events back to it.
 */
import type Stripe from 'stripe';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { linkCustomer } from '../db/queries/billing.ts';
import { customerOfAccount } from '../db/queries/plans.ts';
import type { PaidPlan } from '../domain/plans.ts';
import { HttpError } from '../errors.ts';

/**
 * Stripe's package, loaded at its first use (a webhook, a checkout), not at start: the
 * embedded demo's warm start sees neither.
 */
export async function stripePackage(): Promise<typeof Stripe> {
  return (await import('stripe')).default;
}

/** A Stripe client for the configuration, pointed at STRIPE_API_BASE when that is set. */
export async function stripeClient(billing: Config['billing']): Promise<Stripe> {
  if (!billing.stripeSecretKey) throw new HttpError(503, 'billing_not_configured', 'Stripe is not configured here');
  const base = billing.stripeApiBase ? new URL(billing.stripeApiBase) : null;
  const StripeClient = await stripePackage();
  return new StripeClient(billing.stripeSecretKey, {
    maxNetworkRetries: 1,
    timeout: 20_000,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'https:' ? '443' : '80'),
          protocol: base.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
}

/** Stripe's failures, told to the person as what to do; their detail goes to the log. */
async function talk<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof HttpError) throw err;
    const e = new HttpError(502, 'billing_unavailable', `Stripe could not ${what} just now; try again in a minute`);
    (e as { cause?: unknown }).cause = err;
    throw e;
  }
}

/** The active price with this lookup key; 503 when Stripe has none. */
export async function priceOf(stripe: Stripe, lookupKey: string): Promise<Stripe.Price> {
  const list = await talk('find the price', () =>
    stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 }),
  );
  const price = list.data[0];
  if (!price) {
    throw new HttpError(
      503,
      'price_missing',
      `No active Stripe price has the lookup key "${lookupKey}": create it in Stripe`,
    );
  }
  return price;
}

interface CheckoutInput {
  db: Db;
  stripe: Stripe;
  config: Config;
  account: { id: string; email: string };
  plan: PaidPlan;
  now: Date;
}

/**
 * A subscription-mode Checkout Session for the plan: the price found by lookup key, the
 * account's customer reused (or created, named with the account, and linked at once so a
 * second checkout reuses it), and the way back to the Plan page.
 */
export async function stripeCheckout({ db, stripe, config, account, plan, now }: CheckoutInput): Promise<string> {
  const price = await priceOf(stripe, config.billing.priceLookupKeys[plan]);
  let customer = await customerOfAccount(db, account.id);
  if (!customer) {
    const created = await talk('create the customer', () =>
      stripe.customers.create({ email: account.email, metadata: { account_id: account.id } }),
    );
    customer = created.id;
    await linkCustomer(db, account.id, customer, now);
  }
  const back = `${config.publicOrigin}/app/plan`;
  const session = await talk('start the checkout', () =>
    stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer ?? undefined,
      client_reference_id: account.id,
      line_items: [{ price: price.id, quantity: 1 }],
      subscription_data: { metadata: { account_id: account.id, plan } },
      metadata: { account_id: account.id, plan },
      success_url: `${back}?checkout=done`,
      cancel_url: `${back}?checkout=cancelled`,
    }),
  );
  if (!session.url) throw new HttpError(502, 'billing_unavailable', 'Stripe gave no checkout page; try again');
  return session.url;
}

/** A Billing Portal session for the account's customer; 409 when it has none yet. */
export async function stripePortal(db: Db, stripe: Stripe, config: Config, accountId: string): Promise<string> {
  const customer = await customerOfAccount(db, accountId);
  if (!customer) throw new HttpError(409, 'no_customer', 'There is no billing account yet: upgrade first');
  const session = await talk('open the billing portal', () =>
    stripe.billingPortal.sessions.create({ customer, return_url: `${config.publicOrigin}/app/plan` }),
  );
  return session.url;
}

/** The monthly price of each plan in Stripe (cents), for showing; null where not found. */
export async function stripePrices(
  stripe: Stripe,
  keys: Record<PaidPlan, string>,
): Promise<Record<PaidPlan, number | null>> {
  const list = await talk('list the prices', () =>
    stripe.prices.list({ lookup_keys: [keys.pro, keys.business], active: true, limit: 10 }),
  );
  const amount = (key: string) => {
    const p = list.data.find((x) => x.lookup_key === key);
    return p && p.currency === 'eur' && typeof p.unit_amount === 'number' ? p.unit_amount : null;
  };
  return { pro: amount(keys.pro), business: amount(keys.business) };
}
