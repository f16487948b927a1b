import { useEffect, useRef } from 'preact/hooks';
import { api, urlOf } from '../../api/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { Async, Empty } from '../../components/States.tsx';
import { euros, PAYOUT_METHOD } from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { BATCH_STATE, type BatchList, FILE_KIND, nextStep, type PayoutBatch, payoutsOf } from './batch-words.ts';
import { Fact, When } from './parts.tsx';
import { RowOutcome, useRowAction } from './row-action.tsx';
import { PAYOUT_STATUS } from './words.ts';
import './payout-batches.css';

/**
 * The payout batches, newest first: each with its payouts, its file to download, and the
 * operator's steps (send to PayPal, mark paid, cancel). `changes` counts changes made elsewhere
 * (a batch made, a payout returned) after which the list loads again; `onChanged` tells the
 * queue that payouts moved.
 */
export function PayoutBatches({ changes, onChanged }: { changes: number; onChanged: () => void }) {
  const batches = useResource((signal) => api.get('/api/admin/payout-batches', { signal }));
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else batches.reload();
  }, [changes]);
  const updated = (batch: PayoutBatch) => {
    const list = batches.data.value;
    if (list) batches.set({ ...list, batches: list.batches.map((b) => (b.id === batch.id ? batch : b)) });
    onChanged();
  };
  const refused = () => {
    batches.reload();
    onChanged();
  };
  return (
    <section class="card admin-section" aria-labelledby="admin-batches">
      <div class="card-header">
        <h2 id="admin-batches">Payout batches</h2>
      </div>
      <Async
        resource={batches}
        loading={<p class="muted">Loading the payout batches…</p>}
        isEmpty={(list) => list.batches.length === 0}
        empty={
          <>
            <HowTheyPay list={batches.data.value} />
            <Empty title="No batches yet">
              Select approved payouts above and make a batch: one SEPA file pays a week of bank transfers at once.
            </Empty>
          </>
        }
      >
        {(list) => (
          <>
            <HowTheyPay list={list} />
            <ul class="admin-queue">
              {list.batches.map((b) => (
                <BatchItem key={b.id} batch={b} paypalApi={list.paypalApi} onUpdated={updated} onConflict={refused} />
              ))}
            </ul>
          </>
        )}
      </Async>
    </section>
  );
}

/** Where the money comes from: the SEPA debtor and whether PayPal's API is set up. */
function HowTheyPay({ list }: { list: BatchList | undefined }) {
  if (!list) return null;
  const { sepa } = list;
  return (
    <>
      {sepa.configured ? (
        <p class="muted">
          SEPA files pay from {sepa.debtorName} <span class="mono">{sepa.debtorIbanHint}</span>
          {sepa.demo ? ' (the demo’s made-up account: its files are for looking at, not for a bank).' : '.'}{' '}
          {list.paypalApi
            ? 'PayPal batches can be sent through the PayPal Payouts API.'
            : 'PayPal batches are paid by uploading their CSV on PayPal’s Payouts page.'}
        </p>
      ) : (
        <div class="alert alert-warning">
          <p>
            <strong>Bank transfers cannot be batched yet:</strong> set SEPA_DEBTOR_NAME and SEPA_DEBTOR_IBAN (and
            SEPA_DEBTOR_BIC if your bank asks for it) to the account that pays, and restart the server.
          </p>
        </div>
      )}
    </>
  );
}

function BatchItem({
  batch: b,
  paypalApi,
  onUpdated,
  onConflict,
}: {
  batch: PayoutBatch;
  paypalApi: boolean;
  onUpdated: (b: PayoutBatch) => void;
  onConflict: () => void;
}) {
  const action = useRowAction<'send' | 'paid' | 'cancel'>(onConflict);
  const state = BATCH_STATE[b.state];
  const total = euros(b.totalCents);
  const titleId = `batch-${b.id}`;
  const params = { id: b.id };
  const open = b.state === 'created' || b.state === 'sent';

  const send = () =>
    action.run(
      () => api.post('/api/admin/payout-batches/{id}/send', { params }),
      (answer) => {
        onUpdated(answer);
        return `Sent to PayPal (its batch ${answer.providerBatchId ?? ''}). Mark it paid once PayPal shows it paid.`;
      },
    );
  const markPaid = (reference: string) =>
    action.run(
      () => api.post('/api/admin/payout-batches/{id}/paid', { params, body: { reference } }),
      (answer) => {
        onUpdated(answer);
        return `Marked paid: ${payoutsOf(answer.payoutCount, answer.method)} paid with the reference ${answer.reference ?? reference}. Each ambassador is told.`;
      },
      true,
    );
  const cancel = () =>
    action.run(
      () => api.post('/api/admin/payout-batches/{id}/cancel', { params }),
      (answer) => {
        onUpdated(answer);
        return 'Cancelled. Its payouts are back in the queue, approved, and can go into another batch.';
      },
    );

  return (
    <li class="admin-item batch-item" aria-labelledby={titleId}>
      <div class="admin-item-head">
        <h3 id={titleId}>
          <span class="admin-amount">{total}</span>{' '}
          <span class="admin-who">in {payoutsOf(b.payoutCount, b.method)}</span>
        </h3>
        <Badge tone={state.tone}>{state.label}</Badge>
      </div>
      <p class="admin-why">{nextStep(b, paypalApi)}</p>
      <dl class="admin-facts">
        <Fact term="Batch">
          <span class="mono">{b.id}</span>
        </Fact>
        <Fact term="Made">
          <When at={b.createdAt} /> by {b.createdByEmail}
        </Fact>
        {b.fileDownloadedAt && (
          <Fact term="File first downloaded">
            <When at={b.fileDownloadedAt} />
          </Fact>
        )}
        {b.sentAt && (
          <Fact term="Sent to PayPal">
            <When at={b.sentAt} />, PayPal’s batch <span class="mono">{b.providerBatchId}</span> ({b.providerStatus})
          </Fact>
        )}
        {b.paidAt && (
          <Fact term="Paid">
            <When at={b.paidAt} />, reference <span class="mono">{b.reference}</span>
          </Fact>
        )}
        {b.cancelledAt && (
          <Fact term="Cancelled">
            <When at={b.cancelledAt} />
          </Fact>
        )}
      </dl>
      <details class="batch-payouts">
        <summary>Its {payoutsOf(b.payoutCount, b.method)}</summary>
        <ul>
          {b.payouts.map((p) => (
            <li key={p.id}>
              {euros(p.amountCents)} for {p.email} ({PAYOUT_METHOD[b.method]} <span class="mono">{p.detailsHint}</span>)
              {p.status !== 'approved' && ` — ${PAYOUT_STATUS[p.status].label}`}
            </li>
          ))}
        </ul>
      </details>
      {b.lastError && b.state === 'created' && (
        <div class="alert alert-warning">
          <p>
            <strong>⚠ The last send to PayPal failed:</strong> {b.lastError}
          </p>
        </div>
      )}
      <RowOutcome outcome={action.outcome} outcomeRef={action.outcomeRef} />
      {b.state !== 'cancelled' && (
        <div class="row admin-actions">
          <a
            class="btn btn-secondary"
            href={urlOf('/api/admin/payout-batches/{id}/file', { params })}
            download={b.fileName}
          >
            Download the {FILE_KIND[b.method]}
          </a>
          {b.method === 'paypal' && b.state === 'created' && paypalApi && (
            <button type="button" class="btn btn-primary" onClick={() => action.open('send')}>
              Send with PayPal…
            </button>
          )}
          {open && (
            <button type="button" class="btn btn-primary" onClick={() => action.open('paid')}>
              Mark batch paid…
            </button>
          )}
          {b.state === 'created' && (
            <button type="button" class="btn btn-ghost" onClick={() => action.open('cancel')}>
              Cancel batch…
            </button>
          )}
        </div>
      )}

      <ActionDialog
        open={action.dialog === 'send'}
        title="Send this batch to PayPal?"
        confirmLabel={`Send ${total} with PayPal`}
        onConfirm={send}
        onClose={action.close}
      >
        <p>
          PayPal pays {payoutsOf(b.payoutCount, 'paypal')}, {total} in all, from your PayPal balance. PayPal pays a
          batch once, however often it is sent.
        </p>
      </ActionDialog>
      <ActionDialog
        open={action.dialog === 'paid'}
        title="Mark this batch paid"
        confirmLabel={`Mark ${total} paid`}
        input={{
          label: 'Payment reference',
          hint: 'The bank’s or PayPal’s reference for the batch. Each ambassador sees it.',
          required: 'Enter the batch’s payment reference, so each payout can be traced',
          maxLength: 200,
          initial: b.providerBatchId ?? '',
        }}
        onConfirm={markPaid}
        onClose={action.close}
      >
        <p>
          Only once the money has left: each of its {payoutsOf(b.payoutCount, b.method)} is marked paid, {total} in all,
          and each ambassador is told.
        </p>
      </ActionDialog>
      <ActionDialog
        open={action.dialog === 'cancel'}
        title="Cancel this batch?"
        confirmLabel="Cancel batch"
        dismissLabel="Keep it"
        danger
        onConfirm={cancel}
        onClose={action.close}
      >
        <p>Its payouts go back to the queue, approved, and can go into another batch.</p>
        {b.fileDownloadedAt && (
          <p class="field-error">
            ⚠ Its file was downloaded. If you gave it to your bank or PayPal, do not cancel: the payouts would be paid
            twice. Mark it paid instead.
          </p>
        )}
      </ActionDialog>
    </li>
  );
}
