import { useId, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { Async } from '../../components/States.tsx';
import { count, date, dateTime, plural } from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { InvoicesCard } from './DemoInvoices.tsx';
import { SubscriptionsCard } from './DemoSubscriptions.tsx';
import { clockReport, type DemoConsole, daysOf, MAX_SKIP_DAYS } from './demo-words.ts';
import { programmeTimeIs } from './programme-clock.ts';
import { RowOutcome, useRowAction } from './row-action.tsx';

const DAY_MS = 86_400_000;

/**
 * The demo console (CALLBELL_DEMO only): the programme's clock, moved forward to see holds end,
 * and the billing provider's part after a payment: refunds, disputes and cancellations, each a
 * signed event through the server's real webhook.
 */
export function DemoSection({ onChanged }: { onChanged: () => void }) {
  const demo = useResource((signal) =>
    api.get('/api/admin/demo', { signal }).then((d) => {
      programmeTimeIs(d.clock.now);
      return d;
    }),
  );
  const changed = () => {
    demo.reload();
    onChanged();
  };
  const data = demo.data.value;
  return (
    <>
      <section class="card admin-section" aria-labelledby="admin-demo-clock">
        <div class="card-header">
          <h2 id="admin-demo-clock">The programme’s clock</h2>
        </div>
        <Async resource={demo}>{(d) => <ClockCard console={d} onMoved={changed} />}</Async>
      </section>
      {data && (
        <>
          <InvoicesCard invoices={data.invoices} billing={data.billing} onChanged={changed} />
          <SubscriptionsCard subscriptions={data.subscriptions} billing={data.billing} onChanged={changed} />
        </>
      )}
    </>
  );
}

function ClockCard({ console: d, onMoved }: { console: DemoConsole; onMoved: () => void }) {
  const action = useRowAction<'skip'>(onMoved);
  const [days, setDays] = useState(30);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  const skipped = Math.round(d.clock.skippedDays);
  const now = new Date(d.clock.now);
  const ask = (n: number) => {
    setDays(n);
    action.open('skip');
  };
  const askTyped = (e: Event) => {
    e.preventDefault();
    const n = daysOf(typed);
    setError(n === null ? `Enter a whole number of days, from 1 to ${MAX_SKIP_DAYS}` : null);
    if (n === null) field.current?.focus();
    else ask(n);
  };
  const skip = () =>
    action.run(
      () => api.post('/api/admin/demo/clock', { body: { days } }),
      (moved) => {
        onMoved();
        return `Skipped ${plural(days, 'day')}: it is ${date(moved.now)} by the programme’s clock. ${clockReport(moved)}`;
      },
    );
  return (
    <>
      <dl class="admin-clock">
        <div class="stat">
          <dt class="stat-label">Today, by the programme’s clock</dt>
          <dd class="stat-value">
            <time dateTime={d.clock.now}>{date(now)}</time>
          </dd>
          <dd class="muted admin-clock-time">{dateTime(now)}</dd>
        </div>
        <div class="stat">
          <dt class="stat-label">Days skipped</dt>
          <dd class="stat-value">{count(skipped)}</dd>
          <dd class="muted admin-clock-time">{skipped ? 'ahead of real time' : 'it runs on real time'}</dd>
        </div>
      </dl>
      <p class="muted">
        Skipping days moves the programme’s time forward for good: holds that are over end, making their earnings
        available (or reversing an install bounty whose widget was not seen)
        {d.billing ? ', and running subscriptions renew as they would have meanwhile.' : '; renewals are Stripe’s.'}
      </p>
      <RowOutcome outcome={action.outcome} outcomeRef={action.outcomeRef} />
      <div class="admin-skip">
        <div class="row">
          <button type="button" class="btn btn-primary" onClick={() => ask(30)}>
            Skip 30 days…
          </button>
          <button type="button" class="btn btn-secondary btn-small" onClick={() => ask(7)}>
            Skip 7 days…
          </button>
          <button type="button" class="btn btn-secondary btn-small" onClick={() => ask(1)}>
            Skip 1 day…
          </button>
        </div>
        <form class="admin-skip-form" onSubmit={askTyped} noValidate>
          <label for={`${id}-days`}>Days to skip</label>
          <input
            id={`${id}-days`}
            ref={field}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_SKIP_DAYS}
            step={1}
            value={typed}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
          <button type="submit" class="btn btn-secondary btn-small">
            Skip…
          </button>
          {error && (
            <p class="field-error" id={`${id}-error`}>
              {error}
            </p>
          )}
        </form>
      </div>
      <ActionDialog
        open={action.dialog === 'skip'}
        title={`Skip ${plural(days, 'day')}?`}
        confirmLabel={`Skip ${plural(days, 'day')}`}
        onConfirm={skip}
        onClose={action.close}
      >
        <p>
          The programme’s date moves from <strong>{date(now)}</strong> to{' '}
          <strong>{date(new Date(now.getTime() + days * DAY_MS))}</strong>. It cannot be moved back.
        </p>
        <p>Sessions move with it, so nobody is logged out.</p>
      </ActionDialog>
    </>
  );
}
