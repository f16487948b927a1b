import { useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { Empty } from '../../components/States.tsx';
import { date, euros } from '../../format.ts';
import { ActionDialog } from './ActionDialog.tsx';
import {
  canRefund,
  centsOf,
  commissionBadge,
  type DemoInvoice,
  type DisputeStep,
  disputeBadge,
  disputeSteps,
  leftCents,
  typedEuros,
} from './demo-words.ts';
import { StripeNote } from './parts.tsx';
import { RowOutcome, useRowAction } from './row-action.tsx';

const STEP_BUTTON: Record<DisputeStep, string> = {
  open: 'Open dispute…',
  won: 'Close as won…',
  lost: 'Close as lost…',
};

/** The paid invoices, newest first, with what was taken back and the referrer's commission; refunds and disputes. */
export function InvoicesCard({
  invoices,
  billing,
  onChanged,
}: {
  invoices: DemoInvoice[];
  billing: boolean;
  onChanged: () => void;
}) {
  const action = useRowAction<'refund' | DisputeStep>(onChanged);
  const [target, setTarget] = useState<DemoInvoice | null>(null);
  const start = (step: 'refund' | DisputeStep, invoice: DemoInvoice) => {
    setTarget(invoice);
    action.open(step);
  };
  const i = target;
  const left = i ? leftCents(i) : 0;
  const paid = i ? `${i.email}’s payment of ${euros(i.amountPaidCents)} on ${date(i.paidAt)}` : '';
  const params = { id: i?.id ?? '' };

  const refund = (typed: string) => {
    const cents = centsOf(typed) ?? 0;
    return action.run(
      () => api.post('/api/admin/demo/invoices/{id}/refund', { params, body: { amountCents: cents } }),
      (answer) => {
        onChanged();
        return `Refunded ${euros(cents)} of ${answer.email}’s payment: ${euros(answer.refundedCents)} of ${euros(answer.amountPaidCents)} refunded in all.`;
      },
      true,
    );
  };
  const dispute = (step: DisputeStep) =>
    action.run(
      () => api.post('/api/admin/demo/invoices/{id}/dispute', { params, body: { step } }),
      (answer) => {
        onChanged();
        if (step === 'open')
          return `Dispute opened on ${answer.email}’s payment: the money is withdrawn while it lasts.`;
        if (step === 'won')
          return `Dispute closed as won: ${answer.email}’s payment stands, and so does the commission.`;
        return `Dispute closed as lost: ${answer.email}’s bank keeps the money, and the commission stays taken back.`;
      },
    );

  return (
    <section class="card admin-section" aria-labelledby="admin-demo-invoices">
      <div class="card-header">
        <h2 id="admin-demo-invoices">Paid invoices</h2>
      </div>
      <p class="muted">
        Newest first, with the commission each payment earned its account’s referrer. Refund or dispute a payment as the
        billing provider would: each is a signed event through the real webhook, and the commission follows the
        programme’s rules. An open dispute withdraws the money until it is won or lost.
      </p>
      {!billing && <StripeNote />}
      <RowOutcome outcome={action.outcome} outcomeRef={action.outcomeRef} />
      {invoices.length === 0 ? (
        <Empty title="No paid invoices yet">
          An account that upgrades on its Plan page pays through the demo checkout (no money moves); its invoice is
          listed here.
        </Empty>
      ) : (
        <ScrollTable label="Table of paid invoices" class="admin-table">
          <table class="admin-stack">
            <thead>
              <tr>
                <th scope="col">Paid by</th>
                <th scope="col" class="num">
                  Amount
                </th>
                <th scope="col">Paid on</th>
                <th scope="col" class="num">
                  Refunded
                </th>
                <th scope="col">Dispute</th>
                <th scope="col">Commission</th>
                {billing && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {invoices.map((inv) => (
                <InvoiceRow key={inv.id} invoice={inv} billing={billing} onStart={start} />
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {i && (
        <>
          <ActionDialog
            open={action.dialog === 'refund'}
            title="Refund this payment?"
            confirmLabel="Refund"
            input={{
              label: 'Amount to refund, in euros',
              hint: `Up to ${euros(left)}: what is not refunded yet.`,
              required: 'Enter the amount to refund, in euros',
              maxLength: 12,
              initial: typedEuros(left),
              inputMode: 'decimal',
              validate: (typed) => {
                const cents = centsOf(typed);
                if (cents === null) return 'Enter an amount in euros, like 12.50';
                if (cents === 0) return 'Refund at least €0.01';
                if (cents > left) return `Only ${euros(left)} of this payment is left to refund`;
                return null;
              },
            }}
            onConfirm={refund}
            onClose={action.close}
          >
            <p>
              {paid}
              {i.refundedCents ? `, of which ${euros(i.refundedCents)} is refunded already` : ''}.
            </p>
            <p>
              Inside the hold, the referrer’s commission shrinks in proportion; after it, the same share is taken back
              from their later earnings.
            </p>
          </ActionDialog>
          <ActionDialog
            open={action.dialog === 'open'}
            title="Open a dispute on this payment?"
            confirmLabel="Open dispute"
            danger
            onConfirm={() => dispute('open')}
            onClose={action.close}
          >
            <p>
              The customer’s bank disputes {euros(left)} of {paid}.
            </p>
            <p>While it is open, the money is withdrawn and the referrer’s commission on it is taken back.</p>
          </ActionDialog>
          <ActionDialog
            open={action.dialog === 'won'}
            title="Close the dispute as won?"
            confirmLabel="Close as won"
            onConfirm={() => dispute('won')}
            onClose={action.close}
          >
            <p>
              The dispute on {paid} is decided for the merchant: the money comes back, and so does the referrer’s
              commission.
            </p>
          </ActionDialog>
          <ActionDialog
            open={action.dialog === 'lost'}
            title="Close the dispute as lost?"
            confirmLabel="Close as lost"
            danger
            onConfirm={() => dispute('lost')}
            onClose={action.close}
          >
            <p>
              The dispute on {paid} is decided for the customer: their bank keeps the money, and the referrer’s
              commission stays taken back.
            </p>
          </ActionDialog>
        </>
      )}
    </section>
  );
}

function InvoiceRow({
  invoice: i,
  billing,
  onStart,
}: {
  invoice: DemoInvoice;
  billing: boolean;
  onStart: (step: 'refund' | DisputeStep, invoice: DemoInvoice) => void;
}) {
  const dispute = disputeBadge(i.disputeStatus);
  const commission = commissionBadge(i.commissionState);
  const steps = disputeSteps(i);
  const refundable = canRefund(i);
  // Each row's buttons say whose payment they act on, for a screen reader's list of buttons.
  const whose = (
    <>
      {' '}
      <span class="visually-hidden">
        ({i.email}, {date(i.paidAt)})
      </span>
    </>
  );
  return (
    <tr>
      <th scope="row" data-label="Paid by">
        {i.email}
      </th>
      <td class="num" data-label="Amount">
        {euros(i.amountPaidCents)}
      </td>
      <td data-label="Paid on">
        <time dateTime={i.paidAt}>{date(i.paidAt)}</time>
      </td>
      <td class="num" data-label="Refunded">
        {i.refundedCents ? (
          <>
            {euros(i.refundedCents)}
            {leftCents(i) === 0 && <span class="muted"> (all)</span>}
          </>
        ) : (
          <span class="muted">{euros(0)}</span>
        )}
      </td>
      <td data-label="Dispute">
        {dispute ? <Badge tone={dispute.tone}>{dispute.label}</Badge> : <span class="muted">None</span>}
      </td>
      <td data-label="Commission">
        {i.commissionCents === null ? (
          <span class="muted">None: no referrer</span>
        ) : (
          <span class="admin-commission">
            {euros(i.commissionCents)} <Badge tone={commission.tone}>{commission.label}</Badge>
          </span>
        )}
      </td>
      {billing && (
        <td data-label="Actions" class="admin-actions-cell">
          <div class="admin-row-actions">
            {refundable && (
              <button type="button" class="btn btn-secondary btn-small" onClick={() => onStart('refund', i)}>
                Refund…{whose}
              </button>
            )}
            {steps.map((step) => (
              <button
                key={step}
                type="button"
                class={`btn btn-small ${step === 'won' ? 'btn-secondary' : ''}`}
                onClick={() => onStart(step, i)}
              >
                {STEP_BUTTON[step]}
                {whose}
              </button>
            ))}
            {!refundable && steps.length === 0 && (
              <span class="muted">{leftCents(i) === 0 ? 'Refunded in full' : 'Dispute closed'}</span>
            )}
          </div>
        </td>
      )}
    </tr>
  );
}
