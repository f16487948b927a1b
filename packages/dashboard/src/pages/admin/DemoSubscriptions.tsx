import { useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { Empty } from '../../components/States.tsx';
import { date } from '../../format.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { type DemoSubscription, planName, subscriptionBadge } from './demo-words.ts';
import { StripeNote } from './parts.tsx';
import { RowOutcome, useRowAction } from './row-action.tsx';

/** The subscriptions that grant a paid plan now, to cancel as the Billing Portal would. */
export function SubscriptionsCard({
  subscriptions,
  billing,
  onChanged,
}: {
  subscriptions: DemoSubscription[];
  billing: boolean;
  onChanged: () => void;
}) {
  const action = useRowAction<'cancel'>(onChanged);
  const [target, setTarget] = useState<DemoSubscription | null>(null);
  const s = target;
  const cancel = () =>
    action.run(
      () => api.post('/api/admin/demo/accounts/{accountId}/cancel', { params: { accountId: s?.accountId ?? '' } }),
      (answer) => {
        onChanged();
        return `${s?.email}’s subscription is cancelled: the account is on the ${planName(answer.plan)} plan now.`;
      },
    );
  return (
    <section class="card admin-section" aria-labelledby="admin-demo-subscriptions">
      <div class="card-header">
        <h2 id="admin-demo-subscriptions">Running subscriptions</h2>
      </div>
      <p class="muted">
        Cancelling ends a subscription at once, as the Billing Portal would: no more renewals, so no more commission.
      </p>
      {!billing && subscriptions.length > 0 && <StripeNote />}
      <RowOutcome outcome={action.outcome} outcomeRef={action.outcomeRef} />
      {subscriptions.length === 0 ? (
        <Empty title="No running subscriptions">An account that upgrades on its Plan page is listed here.</Empty>
      ) : (
        <ScrollTable label="Table of running subscriptions" class="admin-table">
          <table class="admin-stack">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Plan</th>
                <th scope="col">Status</th>
                <th scope="col">Since</th>
                {billing && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {subscriptions.map((sub) => {
                const status = subscriptionBadge(sub.status);
                return (
                  <tr key={sub.id}>
                    <th scope="row" data-label="Account">
                      {sub.email}
                    </th>
                    <td data-label="Plan">{planName(sub.plan)}</td>
                    <td data-label="Status">
                      <Badge tone={status.tone}>{status.label}</Badge>
                    </td>
                    <td data-label="Since">
                      {sub.startedAt ? <time dateTime={sub.startedAt}>{date(sub.startedAt)}</time> : '—'}
                    </td>
                    {billing && (
                      <td data-label="Actions" class="admin-actions-cell">
                        <button
                          type="button"
                          class="btn btn-small"
                          onClick={() => {
                            setTarget(sub);
                            action.open('cancel');
                          }}
                        >
                          Cancel subscription… <span class="visually-hidden">({sub.email})</span>
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {s && (
        <ActionDialog
          open={action.dialog === 'cancel'}
          title="Cancel this subscription?"
          confirmLabel="Cancel subscription"
          dismissLabel="Keep it"
          danger
          onConfirm={cancel}
          onClose={action.close}
        >
          <p>
            {s.email}’s {planName(s.plan)} subscription ends now. The account goes back to the Free plan, nothing more
            is billed, and the referrer earns no more commission on it.
          </p>
        </ActionDialog>
      )}
    </section>
  );
}
