import type { ResponseOf } from '../../api/client.ts';
import { date } from '../../format.ts';

export type PlanView = ResponseOf<'/api/plan'>;
export type PlanId = PlanView['plan'];
export type Subscription = NonNullable<PlanView['subscription']>;

import { PLAN_NAME } from '../../format.ts';

export { PLAN_NAME };

/** The subscription as billing recorded it, in one sentence. */
export function subscriptionInWords(s: Subscription | null, plan: PlanId): string {
  if (!s) return plan === 'free' ? 'You have never had a paid subscription.' : 'Your plan was set for you by the team.';
  const name = PLAN_NAME[s.plan];
  if (s.endedAt) return `Your ${name} subscription ended on ${date(s.endedAt)}.`;
  const since = s.startedAt ? ` since ${date(s.startedAt)}` : '';
  switch (s.status) {
    case 'active':
      return `Your ${name} subscription is active${since}, renewed each month.`;
    case 'trialing':
      return `Your ${name} subscription is in its trial${since}.`;
    case 'past_due':
      return `Your last ${name} payment failed: update your card under Manage billing to keep the plan.`;
    default:
      return `Your ${name} subscription is ${s.status.replace(/_/g, ' ')}.`;
  }
}
