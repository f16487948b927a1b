import { useLocation } from 'preact-iso';
import { api } from '../../api/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Async, Empty } from '../../components/States.tsx';
import { duration, euros, PAYOUT_METHOD, PAYOUT_METHOD_IN_TEXT } from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import { account } from '../../state/session.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { Fact, oneOf, QueueFilter, When } from './parts.tsx';
import { LeftQueue, RowOutcome, useConflicts, useRowAction } from './row-action.tsx';
import { PAYOUT_STATUS, type QueuedPayout } from './words.ts';

const FILTERS = [
  { value: 'open', label: 'Waiting' },
  { value: 'requested', label: 'To approve' },
  { value: 'approved', label: 'To send' },
  { value: 'paid', label: 'Paid' },
  { value: 'rejected', label: 'Rejected' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];

const EMPTY: Record<Filter, [string, string]> = {
  open: ['Nothing waits for you', 'New payout requests appear here, oldest first.'],
  requested: ['Nothing waits for you', 'No payout request is waiting for approval.'],
  approved: ['Nothing waits for you', 'No approved payout is waiting to be sent.'],
  paid: ['No payouts paid yet', 'Payouts you mark paid are listed here with their reference.'],
  rejected: ['No payouts rejected', 'Payouts you reject are listed here with the reason.'],
};

const isOpen = (p: Pick<QueuedPayout, 'status'>) => p.status === 'requested' || p.status === 'approved';
const spacedIban = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim();

/** The payout queue: requests to approve, approved ones to send, and what was paid or rejected. */
export function PayoutsSection({ onChanged }: { onChanged: () => void }) {
  const { query } = useLocation();
  const status = oneOf(
    query.status,
    FILTERS.map((f) => f.value),
  );
  const payouts = useResource(
    (signal) => api.get('/api/admin/payouts', { query: { status }, signal }).then((r) => r.payouts),
    [status],
  );
  const updated = (changed: Partial<QueuedPayout> & { id: string }) => {
    const list = payouts.data.value ?? [];
    payouts.set(
      list.map((p) => {
        if (p.id !== changed.id) return p;
        const next = { ...p, ...changed };
        return isOpen(next) ? next : { ...next, warning: null };
      }),
    );
    onChanged();
  };
  const conflicts = useConflicts(status, payouts.reload, onChanged);
  const [emptyTitle, emptyBody] = EMPTY[status];
  return (
    <section class="card admin-section" aria-labelledby="admin-payouts">
      <div class="card-header">
        <h2 id="admin-payouts">Payout requests</h2>
      </div>
      <p class="muted">
        Oldest first. Approve a request that looks right, send the money yourself, then mark it paid with the transfer’s
        reference. Rejecting gives the money back to the ambassador’s available balance.
      </p>
      <QueueFilter label="Show payouts" name="status" value={status} options={FILTERS} />
      <LeftQueue conflict={conflicts.last} listed={payouts.data.value?.map((p) => p.id) ?? []} />
      <Async
        resource={payouts}
        isEmpty={(list) => list.length === 0}
        empty={<Empty title={emptyTitle}>{emptyBody}</Empty>}
      >
        {(list) => (
          <ul class="admin-queue">
            {list.map((p) => (
              <PayoutItem
                key={p.id}
                payout={p}
                onUpdated={updated}
                onConflict={conflicts.onConflict(p.id, `${euros(p.amountCents)} for ${p.email}`)}
              />
            ))}
          </ul>
        )}
      </Async>
    </section>
  );
}

function PayoutItem({
  payout: p,
  onUpdated,
  onConflict,
}: {
  payout: QueuedPayout;
  onUpdated: (p: Partial<QueuedPayout> & { id: string }) => void;
  onConflict: (message: string) => void;
}) {
  const action = useRowAction<'approve' | 'paid' | 'reject'>(onConflict);
  const own = p.accountId === account.value?.id;
  const status = PAYOUT_STATUS[p.status];
  const amount = euros(p.amountCents);
  const how = `${PAYOUT_METHOD_IN_TEXT[p.method]} (${p.detailsHint})`;
  const titleId = `payout-${p.id}`;
  const params = { id: p.id };

  const approve = () =>
    action.run(
      () => api.post('/api/admin/payouts/{id}/approve', { params }),
      (answer) => {
        onUpdated(answer);
        return `Approved. Now send ${amount} by ${how}, then mark it paid.`;
      },
    );
  const markPaid = (reference: string) =>
    action.run(
      () => api.post('/api/admin/payouts/{id}/paid', { params, body: { reference } }),
      (answer) => {
        onUpdated(answer);
        return `Marked paid, with the reference ${answer.reference ?? reference}. The ambassador sees it in their history.`;
      },
      true,
    );
  const reject = (reason: string) =>
    action.run(
      () => api.post('/api/admin/payouts/{id}/reject', { params, body: { reason } }),
      (answer) => {
        onUpdated(answer);
        return `Rejected. ${amount} is available to the ambassador again; they see your reason.`;
      },
      true,
    );

  return (
    <li class={`admin-item${p.warning ? ' admin-item-flag' : ''}`} aria-labelledby={titleId}>
      <div class="admin-item-head">
        <h3 id={titleId}>
          <span class="admin-amount">{amount}</span> <span class="admin-who">for {p.email}</span>
        </h3>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <dl class="admin-facts">
        <Fact term="Paid by">
          {PAYOUT_METHOD[p.method]} <span class="mono">{p.detailsHint}</span>
        </Fact>
        <Fact term="Requested">
          <When at={p.requestedAt} />
        </Fact>
        {p.status === 'approved' && p.decidedAt && (
          <Fact term="Approved">
            <When at={p.decidedAt} />
          </Fact>
        )}
        {p.status === 'paid' && (
          <>
            <Fact term="Paid">
              {p.paidAt && <When at={p.paidAt} />}, {duration(p.waitingSeconds * 1000)} after the request
            </Fact>
            <Fact term="Transfer reference">
              <span class="mono">{p.reference}</span>
            </Fact>
          </>
        )}
        {p.status === 'rejected' && (
          <Fact term="Rejected">
            {p.decidedAt && <When at={p.decidedAt} />}: “{p.rejectReason}”
          </Fact>
        )}
        {isOpen(p) && p.otherAvailableCents !== 0 && (
          <Fact term="Balance besides this payout">
            {euros(p.otherAvailableCents)}
            {p.otherAvailableCents < 0 ? ' (owed after clawbacks)' : ' (earned since the request)'}
          </Fact>
        )}
      </dl>
      {p.warning && (
        <div class="alert alert-warning">
          <p>
            <strong>⚠ Overpayment:</strong> {p.warning}.
          </p>
        </div>
      )}
      {!p.details && isOpen(p) && (
        <div class="alert alert-warning">
          <p>
            <strong>⚠ Payment details unreadable:</strong> they were altered or encrypted with another key. Reject this
            payout and ask the ambassador to request it again.
          </p>
        </div>
      )}
      <RowOutcome outcome={action.outcome} outcomeRef={action.outcomeRef} />
      {isOpen(p) &&
        (own ? (
          <p class="muted">This is your own payout: another operator decides it.</p>
        ) : (
          <div class="row admin-actions">
            {p.status === 'requested' && (
              <button type="button" class="btn btn-primary" onClick={() => action.open('approve')}>
                Approve…
              </button>
            )}
            {p.status === 'approved' && (
              <button type="button" class="btn btn-primary" onClick={() => action.open('paid')}>
                Mark paid…
              </button>
            )}
            <button type="button" class="btn btn-secondary" onClick={() => action.open('reject')}>
              Reject…
            </button>
          </div>
        ))}

      <ActionDialog
        open={action.dialog === 'approve'}
        title="Approve this payout?"
        confirmLabel={`Approve ${amount}`}
        onConfirm={approve}
        onClose={action.close}
      >
        <p>
          <strong>{amount}</strong> for {p.email}, by {how}.
        </p>
        <p>Approving says this request is right to pay. You then send the money yourself and mark it paid.</p>
        {p.warning && <p class="field-error">⚠ {p.warning}.</p>}
      </ActionDialog>
      <ActionDialog
        open={action.dialog === 'paid'}
        title="Mark this payout paid"
        confirmLabel={`Mark ${amount} paid`}
        input={{
          label: 'Transfer reference',
          hint: 'The bank’s or PayPal’s reference for this transfer. The ambassador sees it.',
          required: 'Enter the transfer’s reference, so the payment can be traced',
          maxLength: 200,
        }}
        onConfirm={markPaid}
        onClose={action.close}
      >
        <p>
          Send <strong>{amount}</strong> by {PAYOUT_METHOD_IN_TEXT[p.method]} to:
        </p>
        <PaymentDetails payout={p} />
      </ActionDialog>
      <ActionDialog
        open={action.dialog === 'reject'}
        title="Reject this payout?"
        confirmLabel="Reject payout"
        danger
        input={{
          label: 'Reason',
          hint: 'Shown to the ambassador.',
          required: 'Say why the payout is rejected: the ambassador is shown it',
          maxLength: 500,
          multiline: true,
        }}
        onConfirm={reject}
        onClose={action.close}
      >
        <p>
          {amount} for {p.email} goes back to their available balance, and they can request a payout again.
        </p>
      </ActionDialog>
    </li>
  );
}

/** Where the money goes, in full: what the operator types into the bank's or PayPal's form. */
function PaymentDetails({ payout: p }: { payout: QueuedPayout }) {
  const d = p.details;
  if (!d) {
    return (
      <p class="field-error">
        The payment details cannot be read. Do not send anything: reject the payout and ask for a new request.
      </p>
    );
  }
  return (
    <dl class="admin-details">
      {d.holderName && <Fact term="Account holder">{d.holderName}</Fact>}
      {d.iban && (
        <Fact term="IBAN">
          <span class="mono">{spacedIban(d.iban)}</span>{' '}
          <CopyButton text={d.iban} label="Copy IBAN" class="btn-small" />
        </Fact>
      )}
      {d.email && (
        <Fact term="PayPal address">
          <span class="mono">{d.email}</span> <CopyButton text={d.email} label="Copy address" class="btn-small" />
        </Fact>
      )}
      <Fact term="Amount">{euros(p.amountCents)}</Fact>
    </dl>
  );
}
