import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { euros } from '../../format.ts';
import { messageOf } from '../../state/resource.ts';
import { type PayoutBatch, payoutsOf, selectionOf } from './batch-words.ts';
import type { QueuedPayout } from './words.ts';

type Outcome = { kind: 'success' | 'error'; text: string };

/**
 * The selection of approved payouts that becomes a batch: what is selected and its total, a
 * quick way to select every payout of one method, and the button that makes the batch. A batch
 * holds one method, so a mixed selection says so instead of offering it.
 */
export function BatchBuilder({
  choosable,
  chosen,
  onSelect,
  onCreated,
}: {
  /** The approved payouts listed that no batch holds. */
  choosable: readonly QueuedPayout[];
  chosen: readonly QueuedPayout[];
  onSelect: (ids: string[]) => void;
  onCreated: (batch: PayoutBatch) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  const selection = selectionOf(chosen);
  const bank = choosable.filter((p) => p.method === 'bank_transfer');
  const paypal = choosable.filter((p) => p.method === 'paypal');

  const create = async () => {
    if (busy || !selection.method) return;
    setBusy(true);
    try {
      const batch = await api.post('/api/admin/payout-batches', { body: { payoutIds: chosen.map((p) => p.id) } });
      setOutcome({
        kind: 'success',
        text: `Batch ${batch.id} made: ${payoutsOf(batch.payoutCount, batch.method)}, ${euros(batch.totalCents)}. Download its file under Payout batches.`,
      });
      onCreated(batch);
    } catch (err) {
      setOutcome({ kind: 'error', text: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset class="batch-builder">
      <legend>Pay approved payouts together</legend>
      <p class="batch-summary" aria-live="polite">
        {selection.words}
      </p>
      <div class="row batch-builder-actions">
        {bank.length > 0 && (
          <button type="button" class="btn btn-secondary btn-small" onClick={() => onSelect(bank.map((p) => p.id))}>
            Select all {payoutsOf(bank.length, 'bank_transfer')}
          </button>
        )}
        {paypal.length > 0 && (
          <button type="button" class="btn btn-secondary btn-small" onClick={() => onSelect(paypal.map((p) => p.id))}>
            Select all {payoutsOf(paypal.length, 'paypal')}
          </button>
        )}
        {chosen.length > 0 && (
          <button type="button" class="btn btn-ghost btn-small" onClick={() => onSelect([])}>
            Clear selection
          </button>
        )}
        <button
          type="button"
          class="btn btn-primary"
          disabled={busy || !selection.method}
          aria-describedby="batch-builder-hint"
          onClick={create}
        >
          {busy
            ? 'Making the batch…'
            : selection.method
              ? `Make a batch of ${euros(selection.totalCents)}`
              : 'Make a batch'}
        </button>
      </div>
      <p id="batch-builder-hint" class={chosen.length && !selection.method ? 'field-error' : 'hint'}>
        {chosen.length && !selection.method
          ? 'A batch holds payouts of one method: select only bank transfers, or only PayPal payouts.'
          : chosen.length
            ? 'The batch holds exactly these payouts; nothing leaves until you pay it from its file.'
            : choosable.length
              ? 'Tick the approved payouts to pay together; bank transfers make a SEPA file, PayPal payouts a PayPal batch.'
              : 'Every approved payout listed is in a batch already.'}
      </p>
      {outcome && (
        <div
          ref={outcomeRef}
          tabIndex={-1}
          class={`alert alert-${outcome.kind} admin-outcome`}
          role={outcome.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{outcome.text}</p>
        </div>
      )}
    </fieldset>
  );
}
