import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { api } from '../../api/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { Async, Empty } from '../../components/States.tsx';
import { count, date, euros, PLAN_NAME, plural, relative } from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import { account } from '../../state/session.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { Fact, oneOf, QueueFilter, When } from './parts.tsx';
import { LeftQueue, RowOutcome, useConflicts, useRowAction } from './row-action.tsx';
import { type FlaggedReferral, flagReason, REVIEW, SOURCE } from './words.ts';

const FILTERS = [
  { value: 'flagged', label: 'Waiting for review' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];

const EMPTY: Record<Filter, [string, string]> = {
  flagged: [
    'Nothing waits for you',
    'Referrals that look suspicious at sign-up (same address as the referrer, a throwaway e-mail address) appear here, with what they earned on hold.',
  ],
  approved: ['No referrals approved yet', 'Referrals you clear after review are listed here.'],
  rejected: ['No referrals rejected yet', 'Referrals you reject after review are listed here.'],
};

/** Flagged referrals: who referred whom, why it looks wrong, the evidence, and the money waiting. */
export function ReferralsSection({ onChanged }: { onChanged: () => void }) {
  const { query } = useLocation();
  const review = oneOf(
    query.review,
    FILTERS.map((f) => f.value),
  );
  const referrals = useResource(
    (signal) => api.get('/api/admin/referrals', { query: { review }, signal }).then((r) => r.referrals),
    [review],
  );
  const updated = (changed: FlaggedReferral) => {
    referrals.set((referrals.data.value ?? []).map((r) => (r.id === changed.id ? changed : r)));
    onChanged();
  };
  const conflicts = useConflicts(review, referrals.reload, onChanged);
  const [emptyTitle, emptyBody] = EMPTY[review];
  return (
    <section class="card admin-section" aria-labelledby="admin-referrals">
      <div class="card-header">
        <h2 id="admin-referrals">Flagged referrals</h2>
      </div>
      <p class="muted">
        Oldest first. What a flagged referral earns waits on hold until you decide: approve it and the money follows the
        usual hold; reject it and the money is reversed.
      </p>
      {referrals.data.value?.length ? (
        <p class="hint admin-address-note">
          Sign-ups and clicks are compared by their exact internet address. One household can show several: phones and
          computers on IPv6 change their address often (privacy addresses), so “another address” does not prove another
          person.
        </p>
      ) : null}
      <QueueFilter label="Show referrals" name="review" value={review} options={FILTERS} />
      <LeftQueue conflict={conflicts.last} listed={referrals.data.value?.map((r) => r.id) ?? []} />
      <Async
        resource={referrals}
        isEmpty={(list) => list.length === 0}
        empty={<Empty title={emptyTitle}>{emptyBody}</Empty>}
      >
        {(list) => (
          <ul class="admin-queue">
            {list.map((r) => (
              <ReferralItem
                key={r.id}
                referral={r}
                onUpdated={updated}
                onConflict={conflicts.onConflict(r.id, `${r.referrerEmail} referred ${r.refereeEmail}`)}
              />
            ))}
          </ul>
        )}
      </Async>
    </section>
  );
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
        input={{
          label: 'Reason (optional)',
          hint: 'Shown to the referrer with the reversed earnings.',
          maxLength: 500,
          multiline: true,
        }}
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

/** One fact of the evidence; `risk` marks what points to a second account of the referrer (⚠, and in words). */
function Clue({ risk, children }: { risk?: boolean; children: ComponentChildren }) {
  return (
    <li class={risk ? 'admin-risk' : undefined}>
      {risk && <span class="visually-hidden">Warning: </span>}
      {children}
    </li>
  );
}

/** What the platform knows about the referral, in sentences. */
function Evidence({ referral: r }: { referral: FlaggedReferral }) {
  const e = r.evidence;
  const { click } = e;
  const { install } = e.referee;
  return (
    <ul class="admin-evidence">
      <Clue risk={e.referrerSameAddress === true}>
        {e.referrerSameAddress === null
          ? 'The referrer’s sign-up address is not on record, so it cannot be compared.'
          : e.referrerSameAddress
            ? 'Signed up from the same address as the referrer’s own sign-up.'
            : 'Signed up from another address than the referrer’s own sign-up.'}
      </Clue>
      <Clue risk={e.clickFromRefereeAddress === true && e.referrerSameAddress === true}>
        {click ? (
          <>
            Came through {SOURCE[r.source]} <When at={click.at} />
            {click.referringHost && <>, from a page on {click.referringHost}</>}
            {click.campaign && <>, campaign “{click.campaign}”</>}.
            {e.clickFromRefereeAddress === true && ' The click came from the address the account then signed up from.'}
            {e.clickFromRefereeAddress === false && ' The click came from another address than the sign-up.'}
          </>
        ) : (
          'No click on record: the referral code came in the sign-up link itself.'
        )}
      </Clue>
      <Clue risk={e.otherRefereesSameAddress > 0}>
        {e.otherRefereesSameAddress
          ? `${plural(e.otherRefereesSameAddress, 'other account')} this referrer brought signed up from the same address.`
          : 'No other account this referrer brought signed up from this address.'}
      </Clue>
      <Clue risk={e.referrer.rejected > 0}>
        The referrer has {plural(e.referrer.referrals, 'referral')} in all: {count(e.referrer.flagged)} waiting for
        review, {count(e.referrer.rejected)} rejected.
      </Clue>
      <Clue>
        The referred account is on the {PLAN_NAME[e.referee.plan]} plan.{' '}
        {install ? (
          <>
            Its widget counts as installed on {install.origin ?? 'a public site'} since {date(install.qualifiedAt)},
            with visitors from {plural(install.networks, 'network')}
            {install.lastPublicPingAt ? `; last seen ${relative(install.lastPublicPingAt)}` : ''}.
          </>
        ) : (
          'It has not installed a widget yet.'
        )}
      </Clue>
    </ul>
  );
}
