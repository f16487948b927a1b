import { useLocation } from 'preact-iso';
import { api } from '../../api/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { Async, Empty } from '../../components/States.tsx';
import { duration, plural } from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { Fact, oneOf, QueueFilter, useMinute, When } from './parts.tsx';
import { LeftQueue, RowOutcome, useConflicts, useRowAction } from './row-action.tsx';
import { AFFILIATE_STATUS, type AffiliateRequest, hours } from './words.ts';

const FILTERS = [
  { value: 'requested', label: 'Waiting' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'withdrawn', label: 'Withdrawn' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];

const EMPTY: Record<Filter, [string, string]> = {
  requested: ['Nothing waits for you', 'Ambassadors who ask for the affiliate platform appear here, oldest first.'],
  approved: ['No approved affiliates', 'Ambassadors you let into the affiliate platform are listed here.'],
  rejected: ['No rejected requests', 'Requests you turn down are listed here with the reason.'],
  withdrawn: ['No access withdrawn', 'Affiliates whose access you withdraw are listed here with the reason.'],
};

/** The affiliate access queue: who asked, when, and how long they have waited against the promise. */
export function AffiliateSection({ onChanged }: { onChanged: () => void }) {
  const { query } = useLocation();
  const status = oneOf(
    query.status,
    FILTERS.map((f) => f.value),
  );
  const queue = useResource(
    (signal) => api.get('/api/admin/affiliate/requests', { query: { status }, signal }),
    [status],
  );
  const updated = (changed: Partial<AffiliateRequest> & { accountId: string }) => {
    const data = queue.data.value;
    if (!data) return;
    queue.set({
      ...data,
      requests: data.requests.map((r) => (r.accountId === changed.accountId ? { ...r, ...changed } : r)),
    });
    onChanged();
  };
  const conflicts = useConflicts(status, queue.reload, onChanged);
  const now = useMinute();
  const [emptyTitle, emptyBody] = EMPTY[status];
  return (
    <section class="card admin-section" aria-labelledby="admin-affiliate">
      <div class="card-header">
        <h2 id="admin-affiliate">Affiliate access requests</h2>
      </div>
      {queue.data.value && (
        <p class="muted">
          Oldest first. The platform promises a decision within {hours(queue.data.value.promiseHours)} of a request.
          Approved affiliates get advanced statistics, banners and API keys.
        </p>
      )}
      <QueueFilter label="Show requests" name="status" value={status} options={FILTERS} />
      <LeftQueue conflict={conflicts.last} listed={queue.data.value?.requests.map((r) => r.accountId) ?? []} />
      <Async
        resource={queue}
        isEmpty={(d) => d.requests.length === 0}
        empty={<Empty title={emptyTitle}>{emptyBody}</Empty>}
      >
        {(d) => (
          <ul class="admin-queue">
            {d.requests.map((r) => (
              <RequestItem
                key={r.accountId}
                request={r}
                promiseHours={d.promiseHours}
                onUpdated={updated}
                onConflict={conflicts.onConflict(r.accountId, r.email ?? r.accountId)}
                now={now}
              />
            ))}
          </ul>
        )}
      </Async>
    </section>
  );
}

const HOUR_MS = 3_600_000;

/**
 * Where a request stands at `now`: the server's word when the list loaded, moved on by the
 * clock for a request still waiting (it is overdue once the server's due time has passed).
 */
function standing(r: AffiliateRequest, now: number): { promise: AffiliateRequest['promise']; waitedHours: number } {
  if (r.promise === 'met' || r.promise === 'missed') return r;
  const due = new Date(r.reviewDueAt).getTime();
  const waitedHours = Math.max(r.waitedHours, Math.floor((now - new Date(r.requestedAt).getTime()) / HOUR_MS));
  return { promise: now > due ? 'breached' : r.promise, waitedHours };
}

/** How the request stands against the review promise, in words (never by colour alone). */
function ReviewPromise({
  request: r,
  promiseHours,
  now,
}: {
  request: AffiliateRequest;
  promiseHours: number;
  now: number;
}) {
  const due = new Date(r.reviewDueAt).getTime();
  const { promise, waitedHours } = standing(r, now);
  const waited = waitedHours ? hours(waitedHours) : 'under 1\u00a0h';
  const promised = hours(promiseHours);
  switch (promise) {
    case 'breached':
      return (
        <>
          <Badge tone="danger">⚠ Overdue by {duration(now - due)}</Badge> Waited {waited}; a decision was promised
          within {promised}.
        </>
      );
    case 'due_soon':
      return (
        <>
          <Badge tone="warning">Due in {duration(due - now)}</Badge> Waited {waited} of {promised}.
        </>
      );
    case 'on_time':
      return (
        <>
          Waited {waited} of {promised}: due in {duration(due - now)}.
        </>
      );
    case 'met':
      return (
        <>
          Decided after {waited}, within the {promised} promised.
        </>
      );
    case 'missed':
      return (
        <>
          Decided after {waited}, later than the {promised} promised.
        </>
      );
  }
}

function RequestItem({
  request: r,
  promiseHours,
  onUpdated,
  onConflict,
  now,
}: {
  request: AffiliateRequest;
  promiseHours: number;
  now: number;
  onUpdated: (r: Partial<AffiliateRequest> & { accountId: string }) => void;
  onConflict: (message: string) => void;
}) {
  const action = useRowAction<'approve' | 'reject' | 'withdraw'>(onConflict);
  const status = AFFILIATE_STATUS[r.status];
  const who = r.email ?? r.accountId;
  const overdue = standing(r, now).promise === 'breached';
  const titleId = `affiliate-${r.accountId}`;
  const params = { accountId: r.accountId };

  const approve = () =>
    action.run(
      () => api.post('/api/admin/affiliate/requests/{accountId}/approve', { params }),
      (answer) => {
        onUpdated(answer);
        return `Approved. ${who} can now open the affiliate platform and create API keys.`;
      },
    );
  const reject = (reason: string) =>
    action.run(
      () => api.post('/api/admin/affiliate/requests/{accountId}/reject', { params, body: { reason } }),
      (answer) => {
        onUpdated(answer);
        return `Rejected. ${who} is shown your reason and may ask again.`;
      },
      true,
    );
  const withdraw = (reason: string) =>
    action.run(
      () => api.post('/api/admin/affiliate/requests/{accountId}/withdraw', { params, body: { reason } }),
      ({ keysRevoked, ...answer }) => {
        onUpdated(answer);
        return `Access withdrawn. ${keysRevoked ? `${plural(keysRevoked, 'API key')} stopped working.` : 'They had no API key in use.'}`;
      },
      true,
    );

  return (
    <li class={`admin-item${overdue ? ' admin-item-overdue' : ''}`} aria-labelledby={titleId}>
      <div class="admin-item-head">
        <h3 id={titleId} class="admin-who">
          {who}
        </h3>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <dl class="admin-facts">
        <Fact term="Asked">
          <When at={r.requestedAt} />
        </Fact>
        <Fact term="Waiting time">
          <ReviewPromise request={r} promiseHours={promiseHours} now={now} />
        </Fact>
        <Fact term="Their note">{r.message ? `“${r.message}”` : <span class="muted">No note</span>}</Fact>
        {r.decidedAt && r.status !== 'requested' && (
          <Fact term={r.status === 'rejected' ? 'Rejected' : 'Approved'}>
            <When at={r.decidedAt} />
            {r.rejectReason && <>: “{r.rejectReason}”</>}
          </Fact>
        )}
        {r.withdrawnAt && (
          <Fact term="Withdrawn">
            <When at={r.withdrawnAt} />
            {r.withdrawReason && <>: “{r.withdrawReason}”</>}
          </Fact>
        )}
      </dl>
      <RowOutcome outcome={action.outcome} outcomeRef={action.outcomeRef} />
      {r.status === 'requested' && (
        <div class="row admin-actions">
          <button type="button" class="btn btn-primary" onClick={() => action.open('approve')}>
            Approve…
          </button>
          <button type="button" class="btn btn-secondary" onClick={() => action.open('reject')}>
            Reject…
          </button>
        </div>
      )}
      {r.status === 'approved' && (
        <div class="row admin-actions">
          <button type="button" class="btn btn-secondary" onClick={() => action.open('withdraw')}>
            Withdraw access…
          </button>
        </div>
      )}

      <ActionDialog
        open={action.dialog === 'approve'}
        title="Approve affiliate access?"
        confirmLabel="Approve access"
        onConfirm={approve}
        onClose={action.close}
      >
        <p>{who} gets the affiliate platform: advanced statistics, banners, and API keys they create themselves.</p>
      </ActionDialog>
      <ActionDialog
        open={action.dialog === 'reject'}
        title="Reject this request?"
        confirmLabel="Reject request"
        danger
        input={{
          label: 'Reason',
          hint: `Shown to ${who}. They may ask again later.`,
          required: 'Say why the request is rejected: the ambassador is shown it',
          maxLength: 1000,
          multiline: true,
        }}
        onConfirm={reject}
        onClose={action.close}
      >
        <p>{who} keeps their Rewards; only the affiliate platform stays closed to them.</p>
      </ActionDialog>
      <ActionDialog
        open={action.dialog === 'withdraw'}
        title="Withdraw affiliate access?"
        confirmLabel="Withdraw access"
        danger
        input={{
          label: 'Reason',
          hint: `Shown to ${who}. They may ask again later.`,
          required: 'Say why the access is withdrawn: the ambassador is shown it',
          maxLength: 1000,
          multiline: true,
        }}
        onConfirm={withdraw}
        onClose={action.close}
      >
        <p>
          Their API keys stop working at once and the affiliate platform closes to them. Their Rewards are not touched.
        </p>
      </ActionDialog>
    </li>
  );
}
