import { useState } from 'preact/hooks';
import { ApiError, api, type ResponseOf } from '../../api/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { duration, euros, PAYOUT_METHOD, PAYOUT_METHOD_IN_TEXT } from '../../format.ts';
import { account } from '../../state/session.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { Fact, When } from './parts.tsx';
import { RowOutcome, useRowAction } from './row-action.tsx';
import { PAYOUT_STATUS, type QueuedPayout } from './words.ts';

export const isOpen = (p: Pick<QueuedPayout, 'status'>) => p.status === 'requested' || p.status === 'approved';
const spacedIban = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim();

/** Whether the row offers a box to put it into a batch, and whether it is ticked. */
export interface RowSelection {
  checked: boolean;
  onToggle: (checked: boolean) => void;
}

/** One payout of the queue: where it stands, and the operator's decisions on it. */
export function PayoutItem({
  payout: p,
  selection,
  onUpdated,
  onConflict,
}: {
  payout: QueuedPayout;
  selection?: RowSelection | undefined;
  onUpdated: (p: Partial<QueuedPayout> & { id: string }) => void;
  onConflict: (message: string) => void;
}) {
  const action = useRowAction<'approve' | 'paid' | 'reject' | 'return'>(onConflict);
  const own = p.accountId === account.value?.id;
  const status = PAYOUT_STATUS[p.status];
  const amount = euros(p.amountCents);
  const how = `${PAYOUT_METHOD_IN_TEXT[p.method]} (${p.detailsHint})`;
  const titleId = `payout-${p.id}`;
  const params = { id: p.id };
  // A payout in a batch is paid or cancelled with its batch, below.
  const inBatch = p.batchId !== null && isOpen(p);

  const approve = () =>
    action.run(
      () => api.post('/api/admin/payouts/{id}/approve', { params }),
      (answer) => {
        onUpdated(answer);
        return `Approved. Now send ${amount} by ${how}, alone or in a batch, then mark it paid.`;
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
  const markReturned = (reason: string) =>
    action.run(
      () => api.post('/api/admin/payouts/{id}/return', { params, body: { reason } }),
      (answer) => {
        onUpdated(answer);
        return `Marked returned. ${amount} is available to the ambassador again, and they are asked by e-mail to correct their payout details.`;
      },
      true,
    );

  return (
    <li class={`admin-item${p.warning ? ' admin-item-flag' : ''}`} aria-labelledby={titleId}>
      {selection && (
        <label class="batch-select">
          <input
            type="checkbox"
            checked={selection.checked}
            onChange={(e) => selection.onToggle(e.currentTarget.checked)}
          />{' '}
          Select for a batch
          <span class="visually-hidden">
            : {amount} for {p.email}
          </span>
        </label>
      )}
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
        {p.batchId && (
          <Fact term={inBatch ? 'In batch' : 'Paid in batch'}>
            <span class="mono">{p.batchId}</span>
          </Fact>
        )}
        {(p.status === 'paid' || p.status === 'returned') && (
          <>
            <Fact term="Paid">
              {p.paidAt && <When at={p.paidAt} />}, {duration(p.waitingSeconds * 1000)} after the request
            </Fact>
            <Fact term="Transfer reference">
              <span class="mono">{p.reference}</span>
            </Fact>
          </>
        )}
        {p.status === 'returned' && (
          <Fact term="Returned">
            {p.returnedAt && <When at={p.returnedAt} />}: “{p.returnReason}”
          </Fact>
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
      {!p.detailsReadable && isOpen(p) && (
        <div class="alert alert-warning">
          <p>
            <strong>⚠ Payment details unreadable:</strong> they were altered or encrypted with another key. Reject this
            payout and ask the ambassador to request it again.
          </p>
        </div>
      )}
      <RowOutcome outcome={action.outcome} outcomeRef={action.outcomeRef} />
      {(isOpen(p) || p.status === 'paid') &&
        (own ? (
          <p class="muted">This is your own payout: another operator decides it.</p>
        ) : inBatch ? (
          <p class="muted">
            It is paid with its batch: mark the batch paid below, or cancel the batch to decide it alone.
          </p>
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
            {isOpen(p) && (
              <button type="button" class="btn btn-secondary" onClick={() => action.open('reject')}>
                Reject…
              </button>
            )}
            {p.status === 'paid' && (
              <button type="button" class="btn btn-secondary" onClick={() => action.open('return')}>
                Mark returned…
              </button>
            )}
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
      <ActionDialog
        open={action.dialog === 'return'}
        title="Mark this payout returned?"
        confirmLabel={`Mark ${amount} returned`}
        danger
        input={{
          label: 'Why it came back',
          hint: 'The bank’s or PayPal’s reason (a closed account, a wrong name, unclaimed). The ambassador is shown it.',
          required: 'Say why the payout came back: the ambassador is asked to correct their details with it',
          maxLength: 500,
          multiline: true,
        }}
        onConfirm={markReturned}
        onClose={action.close}
      >
        <p>
          Only when the money has come back to you: {amount} for {p.email} becomes available to them again, and they are
          asked by e-mail to correct their payout details and request it anew.
        </p>
      </ActionDialog>
    </li>
  );
}

type Revealed = ResponseOf<'/api/admin/payouts/{id}/details', 'post'>;

/**
 * Where the money goes: masked until the operator asks, since each reveal is an action of its
 * own that the audit log records; then in full, as the bank's or PayPal's form wants it.
 */
function PaymentDetails({ payout: p }: { payout: QueuedPayout }) {
  const [shown, setShown] = useState<Revealed | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!p.detailsReadable) {
    return (
      <p class="field-error">
        The payment details cannot be read. Do not send anything: reject the payout and ask for a new request.
      </p>
    );
  }
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setShown(await api.post('/api/admin/payouts/{id}/details', { params: { id: p.id } }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The details could not be loaded. Try again.');
    } finally {
      setBusy(false);
    }
  };
  if (!shown) {
    return (
      <div class="admin-details">
        <dl>
          <Fact term={p.method === 'paypal' ? 'PayPal address' : 'IBAN'}>
            <span class="mono">{p.detailsHint}</span>
          </Fact>
          <Fact term="Amount">{euros(p.amountCents)}</Fact>
        </dl>
        <p class="hint">Showing the full details is recorded in the audit log.</p>
        <button type="button" class="btn btn-secondary btn-small" onClick={reveal} disabled={busy}>
          {busy ? 'Showing…' : 'Show the full details'}
        </button>
        {error && (
          <p class="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <dl class="admin-details">
      {shown.holderName && <Fact term="Account holder">{shown.holderName}</Fact>}
      {shown.iban && (
        <Fact term="IBAN">
          <span class="mono">{spacedIban(shown.iban)}</span>{' '}
          <CopyButton text={shown.iban} label="Copy IBAN" class="btn-small" />
        </Fact>
      )}
      {shown.email && (
        <Fact term="PayPal address">
          <span class="mono">{shown.email}</span>{' '}
          <CopyButton text={shown.email} label="Copy address" class="btn-small" />
        </Fact>
      )}
      <Fact term="Amount">{euros(p.amountCents)}</Fact>
    </dl>
  );
}
