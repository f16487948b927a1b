import { useLocation } from 'preact-iso';
import { api } from '../../api/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { Async, Empty } from '../../components/States.tsx';
import { euros, plural } from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import { account } from '../../state/session.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { ClusterGroup } from './ClusterGroup.tsx';
import { withAnswer } from './cluster-words.ts';
import { Fact, oneOf, QueueFilter, When } from './parts.tsx';
import { Evidence } from './ReferralEvidence.tsx';
import { LeftQueue, RowOutcome, useConflicts, useRowAction } from './row-action.tsx';
import {
  type FlaggedReferral,
  flagReason,
  REJECT_REASON,
  REVIEW,
  type ReferralCluster,
  type ReferralQueue,
} from './words.ts';

const FILTERS = [
  { value: 'flagged', label: 'Waiting for review' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];

const EMPTY: Record<Filter, [string, string]> = {
  flagged: [
    'Nothing waits for you',
    'Referrals that look suspicious appear here, with what they earned on hold: at sign-up (same address as the referrer, a throwaway e-mail address), and later (accounts sharing networks, an installed page never found carrying the snippet).',
  ],
  approved: ['No referrals approved yet', 'Referrals you clear after review are listed here.'],
  rejected: ['No referrals rejected yet', 'Referrals you reject after review are listed here.'],
};

/**
 * Flagged referrals: who referred whom, why it looks wrong, the evidence, and the money
 * waiting. Referrals of one referrer that share networks are shown together, as a cluster
 * decided at once or one by one.
 */
export function ReferralsSection({ onChanged }: { onChanged: () => void }) {
  const { query } = useLocation();
  const review = oneOf(
    query.review,
    FILTERS.map((f) => f.value),
  );
  const queue = useResource((signal) => api.get('/api/admin/referrals', { query: { review }, signal }), [review]);
  const decided = (answer: ReferralQueue) => {
    const current = queue.data.value;
    if (current) queue.set(withAnswer(current, answer));
    onChanged();
  };
  const updated = (changed: FlaggedReferral) => decided({ referrals: [changed], clusters: [] });
  const conflicts = useConflicts(review, queue.reload, onChanged);
  const [emptyTitle, emptyBody] = EMPTY[review];
  const item = (r: FlaggedReferral) => (
    <ReferralItem
      key={r.id}
      referral={r}
      onUpdated={updated}
      onConflict={conflicts.onConflict(r.id, `${r.referrerEmail} referred ${r.refereeEmail}`)}
    />
  );
  return (
    <section class="card admin-section" aria-labelledby="admin-referrals">
      <div class="card-header">
        <h2 id="admin-referrals">Flagged referrals</h2>
      </div>
      <p class="muted">
        Oldest first. What a flagged referral earns waits on hold until you decide: approve it and the money follows the
        usual hold; reject it and the money is reversed.
      </p>
      {queue.data.value?.referrals.length ? (
        <p class="hint admin-address-note">
          Sign-ups and clicks are compared by their exact internet address. One household can show several: phones and
          computers on IPv6 change their address often (privacy addresses), so “another address” does not prove another
          person. Clusters compare networks instead (an IPv4 address, an IPv6 /64), which such addresses share.
        </p>
      ) : null}
      <QueueFilter label="Show referrals" name="review" value={review} options={FILTERS} />
      <LeftQueue conflict={conflicts.last} listed={queue.data.value?.referrals.map((r) => r.id) ?? []} />
      <Async
        resource={queue}
        isEmpty={(q) => q.referrals.length === 0}
        empty={<Empty title={emptyTitle}>{emptyBody}</Empty>}
      >
        {(q) => (
          <ul class="admin-queue">
            {groupByCluster(q).map((group) =>
              group.cluster ? (
                <ClusterGroup
                  key={group.cluster.id}
                  cluster={group.cluster}
                  listed={group.referrals}
                  onDecided={decided}
                  onConflict={conflicts.onConflict(group.cluster.id, `The cluster of ${group.cluster.referrerEmail}`)}
                >
                  {group.referrals.map(item)}
                </ClusterGroup>
              ) : (
                group.referrals.map(item)
              ),
            )}
          </ul>
        )}
      </Async>
    </section>
  );
}

/**
 * The listed referrals in their order (oldest first), a cluster's together where its first one
 * comes.
 */
function groupByCluster(q: ReferralQueue): { cluster: ReferralCluster | null; referrals: FlaggedReferral[] }[] {
  const clusters = new Map(q.clusters.map((c) => [c.id, c]));
  const groups: { cluster: ReferralCluster | null; referrals: FlaggedReferral[] }[] = [];
  const placed = new Map<string, FlaggedReferral[]>();
  for (const r of q.referrals) {
    const cluster = r.clusterId ? clusters.get(r.clusterId) : undefined;
    if (!cluster) {
      groups.push({ cluster: null, referrals: [r] });
      continue;
    }
    const members = placed.get(cluster.id);
    if (members) members.push(r);
    else {
      const group = { cluster, referrals: [r] };
      placed.set(cluster.id, group.referrals);
      groups.push(group);
    }
  }
  return groups;
}

function ReferralItem({
  referral: r,
  onUpdated,
  onConflict,
}: {
  referral: FlaggedReferral;
  onUpdated: (r: FlaggedReferral) => void;
  onConflict: (message: string) => void;
}) {
  const action = useRowAction<'approve' | 'reject'>(onConflict);
  const me = account.value?.id;
  const own = r.referrerId === me || r.refereeId === me;
  const review = REVIEW[r.review];
  const onHold = euros(r.onHoldCents);
  const titleId = `referral-${r.id}`;
  const params = { id: r.id };

  const approve = () =>
    action.run(
      () => api.post('/api/admin/referrals/{id}/approve', { params }),
      (answer) => {
        onUpdated(answer);
        return r.onHoldCents
          ? `Approved. The ${onHold} on hold now follows the usual hold before it becomes available.`
          : 'Approved. Its earnings now follow the usual hold.';
      },
    );
  const reject = (reason: string) =>
    action.run(
      () => api.post('/api/admin/referrals/{id}/reject', { params, body: reason ? { reason } : {} }),
      (answer) => {
        onUpdated(answer);
        return r.onHoldCents
          ? `Rejected. The ${onHold} on hold was reversed; the referral earns nothing more.`
          : 'Rejected. The referral earns nothing.';
      },
      true,
    );

  return (
    <li class={`admin-item${r.review === 'flagged' ? ' admin-item-flag' : ''}`} aria-labelledby={titleId}>
      <div class="admin-item-head">
        <h3 id={titleId} class="admin-who">
          {r.referrerEmail} <span class="muted">referred</span> {r.refereeEmail}
        </h3>
        {r.review !== 'none' && <Badge tone={review.tone}>{review.label}</Badge>}
      </div>
      <p class="admin-why">
        <strong>Why it was flagged:</strong> {flagReason(r.flaggedReason, r.refereeEmail)}
      </p>
      <dl class="admin-facts">
        <Fact term="On hold">
          {r.onHoldCents || r.onHoldEntries ? (
            <>
              <strong>{onHold}</strong> in {plural(r.onHoldEntries, 'earning')}
            </>
          ) : r.review === 'flagged' ? (
            'Nothing yet'
          ) : (
            'Nothing'
          )}
        </Fact>
        <Fact term="Signed up">
          <When at={r.createdAt} />
        </Fact>
        {r.reviewedAt && (
          <Fact term={r.review === 'rejected' ? 'Rejected' : 'Reviewed'}>
            <When at={r.reviewedAt} />
            {r.reviewNote && <>: “{r.reviewNote}”</>}
          </Fact>
        )}
      </dl>
      <h4 class="admin-evidence-title">Evidence</h4>
      <Evidence referral={r} />
      <RowOutcome outcome={action.outcome} outcomeRef={action.outcomeRef} />
      {r.review === 'flagged' &&
        (own ? (
          <p class="muted">Your own account is part of this referral: another operator reviews it.</p>
        ) : (
          <div class="row admin-actions">
            <button type="button" class="btn btn-primary" onClick={() => action.open('approve')}>
              Approve…
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => action.open('reject')}>
              Reject…
            </button>
          </div>
        ))}

      <ActionDialog
        open={action.dialog === 'approve'}
        title="Approve this referral?"
        confirmLabel="Approve referral"
        onConfirm={approve}
        onClose={action.close}
      >
        <p>
          {r.refereeEmail} stays a referral of {r.referrerEmail}.{' '}
          {r.onHoldCents
            ? `The ${onHold} on hold follows the usual hold, then becomes available to the referrer.`
            : 'Whatever it earns follows the usual hold, then becomes available to the referrer.'}
        </p>
      </ActionDialog>
      <ActionDialog
        open={action.dialog === 'reject'}
        title="Reject this referral?"
        confirmLabel="Reject referral"
        danger
        input={REJECT_REASON}
        onConfirm={reject}
        onClose={action.close}
      >
        <p>
          {r.onHoldCents ? `The ${onHold} on hold is reversed` : 'Nothing is paid'}, and the referral earns nothing
          more: {r.referrerEmail} is not paid for {r.refereeEmail}.
        </p>
      </ActionDialog>
    </li>
  );
}
