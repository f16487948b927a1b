import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../api/client.ts';
import { Async, Empty } from '../../components/States.tsx';
import { euros } from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import { account } from '../../state/session.ts';
import { BatchBuilder } from './BatchBuilder.tsx';
import { batchable } from './batch-words.ts';
import { PayoutBatches } from './PayoutBatches.tsx';
import { isOpen, PayoutItem } from './PayoutItem.tsx';
import { oneOf, QueueFilter } from './parts.tsx';
import { LeftQueue, useConflicts } from './row-action.tsx';
import type { QueuedPayout } from './words.ts';

const FILTERS = [
  { value: 'open', label: 'Waiting' },
  { value: 'requested', label: 'To approve' },
  { value: 'approved', label: 'To send' },
  { value: 'paid', label: 'Paid' },
  { value: 'returned', label: 'Returned' },
  { value: 'rejected', label: 'Rejected' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];

const EMPTY: Record<Filter, [string, string]> = {
  open: ['Nothing waits for you', 'New payout requests appear here, oldest first.'],
  requested: ['Nothing waits for you', 'No payout request is waiting for approval.'],
  approved: ['Nothing waits for you', 'No approved payout is waiting to be sent.'],
  paid: ['No payouts paid yet', 'Payouts you mark paid are listed here with their reference.'],
  returned: ['No payouts returned', 'A paid payout that the bank or PayPal sends back is marked returned from Paid.'],
  rejected: ['No payouts rejected', 'Payouts you reject are listed here with the reason.'],
};

/**
 * The payout queue (requests to approve, approved ones to send, what was paid, returned or
 * rejected), the selection of approved payouts that makes a batch, and the batches below.
 */
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
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Batches load again after a change to the queue that moves a payout into or out of one.
  const [batchChanges, setBatchChanges] = useState(0);
  useEffect(() => setSelected(new Set()), [status]);

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
  const operatorId = account.value?.id;
  const listed = payouts.data.value ?? [];
  const choosable = listed.filter((p) => batchable(p, operatorId));
  const chosen = choosable.filter((p) => selected.has(p.id));
  const toggle = (id: string) => (checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const batchesChanged = () => {
    setSelected(new Set());
    payouts.reload();
    onChanged();
  };
  const [emptyTitle, emptyBody] = EMPTY[status];
  return (
    <>
      <section class="card admin-section" aria-labelledby="admin-payouts">
        <div class="card-header">
          <h2 id="admin-payouts">Payout requests</h2>
        </div>
        <p class="muted">
          Oldest first. Approve a request that looks right, then pay approved ones together: select them, make a batch
          and pay it from its file (below), or send one yourself and mark it paid with the transfer’s reference.
          Rejecting gives the money back to the ambassador’s available balance.
        </p>
        <QueueFilter label="Show payouts" name="status" value={status} options={FILTERS} />
        <LeftQueue conflict={conflicts.last} listed={listed.map((p) => p.id)} />
        {listed.some((p) => p.status === 'approved' && p.accountId !== operatorId) && (
          <BatchBuilder
            choosable={choosable}
            chosen={chosen}
            onSelect={(ids) => setSelected(new Set(ids))}
            onCreated={() => {
              setBatchChanges((n) => n + 1);
              batchesChanged();
            }}
          />
        )}
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
                  selection={
                    batchable(p, operatorId) ? { checked: selected.has(p.id), onToggle: toggle(p.id) } : undefined
                  }
                  onUpdated={(changed) => {
                    updated(changed);
                    if (changed.status === 'returned') setBatchChanges((n) => n + 1);
                  }}
                  onConflict={conflicts.onConflict(p.id, `${euros(p.amountCents)} for ${p.email}`)}
                />
              ))}
            </ul>
          )}
        </Async>
      </section>
      <PayoutBatches changes={batchChanges} onChanged={batchesChanged} />
    </>
  );
}
