/**
 * The plans an account can be on, in one place: what each gives, in words, and what it costs
 * through the demo provider. Stripe's prices are found by lookup key (config.billing); the
 * webhook (domain/stripe-facts.ts) is the only thing that changes an account's plan. Pure.
 */
import { FOOTER_HIDING_PLANS, mayHideFooter } from '@callbell/protocol';
import { type BillingPlan, PLANS } from './billing.ts';

/** A plan that is paid for: what checkout sells. */
export type PaidPlan = Exclude<BillingPlan, 'free'>;
export const PAID_PLANS = ['pro', 'business'] as const satisfies readonly PaidPlan[];

export const isPaidPlan = (plan: string): plan is PaidPlan => (PAID_PLANS as readonly string[]).includes(plan);

export interface PlanOffer {
  id: BillingPlan;
  name: string;
  /** Per month, in euro cents; 0 for Free. */
  priceCents: number;
  /** Whether the owner may hide the "⚡ by Callbell" footer on this plan. */
  hidesFooter: boolean;
  /** What the plan gives, one line each, in plain words. */
  gives: string[];
}

const NAMES: Record<BillingPlan, string> = { free: 'Free', pro: 'Pro', business: 'Business' };

/** What the demo provider charges a month, in euro cents. */
export const DEMO_PRICE_CENTS: Record<PaidPlan, number> = { pro: 4900, business: 9900 };

const COMMON = ['The chat widget on your sites, with every channel', 'Your referral link and the Rewards programme'];

/** Every plan, cheapest first. */
export const PLAN_OFFERS: readonly PlanOffer[] = PLANS.map((id) => {
  const hidesFooter = mayHideFooter(id);
  return {
    id,
    name: NAMES[id],
    priceCents: id === 'free' ? 0 : DEMO_PRICE_CENTS[id],
    hidesFooter,
    gives: [
      ...COMMON,
      hidesFooter
        ? 'You choose whether the “⚡ by Callbell” footer shows under your widget'
        : `The “⚡ by Callbell” footer always shows under your widget (${FOOTER_HIDING_PLANS} hides it)`,
    ],
  };
});

/** The name people see for a plan. */
export const planName = (plan: string): string => NAMES[plan as BillingPlan] ?? plan;
