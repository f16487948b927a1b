import type { ComponentChildren } from 'preact';
import { api } from '../../api/client.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { euros, plural } from '../../format.ts';
import { account } from '../../state/session.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { clusterSummary, howSeen, NETWORK_KIND, seenWhen } from './cluster-words.ts';
import { When } from './parts.tsx';
import { RowOutcome, useRowAction } from './row-action.tsx';
import { type FlaggedReferral, REJECT_REASON, type ReferralCluster, type ReferralQueue } from './words.ts';

/**
 * A network cluster in the referral queue: the accounts of one referrer that share networks,
 * the evidence (which networks, how and when each was seen there, on which sites), and the
 * decision for all its referrals waiting for review at once. Its referrals follow, each with
 * its own decision.
 */
export function ClusterGroup({
  cluster,
  listed,
  onDecided,
  onConflict,
  children,
}: {
  cluster: ReferralCluster;
  /** Its referrals in the list shown. */
  listed: FlaggedReferral[];
  onDecided: (answer: ReferralQueue) => void;
  onConflict: (message: string) => void;
  children: ComponentChildren;
}) {
  const action = useRowAction<'approve' | 'reject'>(onConflict);
  const me = account.value?.id;
  const own = cluster.members.some((m) => m.accountId === me);
  const waiting = listed.filter((r) => r.review === 'flagged');
  const onHoldCents = waiting.reduce((sum, r) => sum + r.onHoldCents, 0);
  const titleId = `cluster-${cluster.id}`;
  const body = { referralIds: waiting.map((r) => r.id) };
  const many = plural(waiting.length, 'referral');

  const approve = () =>
    action.run(
      () => api.post('/api/admin/referrals/clusters/approve', { body }),
      (answer) => {
        onDecided(answer);
        return `Approved ${many}. ${onHoldCents ? `The ${euros(onHoldCents)} on hold now follows the usual hold.` : ''}`.trim();
      },
    );
  const reject = (reason: string) =>
    action.run(
      () => api.post('/api/admin/referrals/clusters/reject', { body: reason ? { ...body, reason } : body }),
      (answer) => {
        onDecided(answer);
        return `Rejected ${many}. ${onHoldCents ? `The ${euros(onHoldCents)} on hold was reversed.` : ''}`.trim();
      },
      true,
    );

  return (
    <li class="admin-cluster" aria-labelledby={titleId}>
      <div class="admin-item-head">
        <h3 id={titleId} class="admin-who">
          Cluster: {plural(cluster.referralIds.length, 'account')} referred by {cluster.referrerEmail}
        </h3>
      </div>
      <p class="admin-why">
        <strong>Why they are together:</strong> {clusterSummary(cluster)}. Networks are named by a label and the start
        of a one-way hash: the platform keeps no addresses.
      </p>
      <ScrollTable labelledBy={`${titleId}-networks`} class="admin-cluster-table">
        <table>
          <caption id={`${titleId}-networks`}>Shared networks</caption>
          <thead>
            <tr>
              <th scope="col">Network</th>
              <th scope="col">Account</th>
              <th scope="col">How</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          {cluster.networks.map((n) => (
            // One row group per network, headed by it.
            <tbody key={n.hash}>
              {n.seen.map((s, i) => {
                const when = seenWhen(s);
                return (
                  <tr key={`${s.accountId}-${s.how}-${s.origin ?? ''}`}>
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={n.seen.length}>
                        {n.label} <code>{n.hash}</code>
                        <span class="muted admin-network-kind">{NETWORK_KIND[n.kind]}</span>
                      </th>
                    )}
                    <td>
                      {s.email} <span class="muted">({s.role})</span>
                    </td>
                    <td>{howSeen(s)}</td>
                    <td>{when ? <When at={when} /> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </ScrollTable>
      <RowOutcome outcome={action.outcome} outcomeRef={action.outcomeRef} />
      {waiting.length > 1 &&
        (own ? (
          <p class="muted">Your own account is part of this cluster: another operator reviews it.</p>
        ) : (
          <div class="row admin-actions">
            <button type="button" class="btn btn-primary" onClick={() => action.open('approve')}>
              Approve all {waiting.length}…
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => action.open('reject')}>
              Reject all {waiting.length}…
            </button>
          </div>
        ))}
      <ul class="admin-queue admin-cluster-items" aria-label={`Referrals in the cluster of ${cluster.referrerEmail}`}>
        {children}
      </ul>

      <ActionDialog
        open={action.dialog === 'approve'}
        title={`Approve ${many}?`}
        confirmLabel={`Approve ${many}`}
        onConfirm={approve}
        onClose={action.close}
      >
        <p>
          {waiting.map((r) => r.refereeEmail).join(', ')} stay referrals of {cluster.referrerEmail}.{' '}
          {onHoldCents ? `The ${euros(onHoldCents)} on hold` : 'What they earn'} follows the usual hold, then becomes
          available to the referrer, even where an installed page was not found carrying the snippet.
        </p>
      </ActionDialog>
      <ActionDialog
        open={action.dialog === 'reject'}
        title={`Reject ${many}?`}
        confirmLabel={`Reject ${many}`}
        danger
        input={REJECT_REASON}
        onConfirm={reject}
        onClose={action.close}
      >
        <p>
          {onHoldCents ? `The ${euros(onHoldCents)} on hold is reversed` : 'Nothing is paid'}, and none of{' '}
          {waiting.map((r) => r.refereeEmail).join(', ')} earns {cluster.referrerEmail} anything more.
        </p>
      </ActionDialog>
    </li>
  );
}
