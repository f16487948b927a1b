import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError, api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { PageHeader } from '../../components/Layout.tsx';
import { Async } from '../../components/States.tsx';
import { euros } from '../../format.ts';
import { messageOf, useResource } from '../../state/resource.ts';
import { planChanged } from '../../state/session.ts';
import { leave } from './leave.ts';
import { PLAN_NAME, type PlanId, type PlanView, subscriptionInWords } from './words.ts';

/** How long, after a checkout, the page waits for the billing webhook to change the plan. */
const WAIT_MS = 8000;
const POLL_MS = 1000;

/** Sends the person to what a POST answered (checkout or the billing portal). */
async function go(path: '/api/plan/checkout' | '/api/plan/portal', plan?: PlanId): Promise<void> {
  const { url } =
    path === '/api/plan/checkout'
      ? await api.post('/api/plan/checkout', { body: { plan: plan ?? 'pro' } })
      : await api.post('/api/plan/portal');
  leave.to(url);
}

/** A failed checkout or portal request, in words; the client hides 5xx messages, so these are told here. */
function problemOf(err: unknown): string {
  if (err instanceof ApiError && err.status === 503) {
    return 'Plans cannot be bought here yet: billing has not been set up on this server. Please tell the team.';
  }
  if (err instanceof ApiError && err.status === 502) {
    return 'The payment provider did not answer just now. Nothing was charged; try again in a minute.';
  }
  return messageOf(err);
}

/** The current plan, the plans side by side, upgrade and manage billing. */
export function PlanOverview() {
  const { query } = useLocation();
  const outcome = query.checkout === 'done' || query.checkout === 'cancelled' ? query.checkout : null;
  const plan = useResource((signal) => api.get('/api/plan', { signal }));
  const current = plan.data.value?.plan;
  useEffect(() => {
    if (current) planChanged(current);
  }, [current]);
  return (
    <>
      <PageHeader title="Plan">Free shows “⚡ by Callbell” under your widget; a paid plan lets you hide it.</PageHeader>
      <Async resource={plan} loading={<PlanSkeleton />}>
        {(data) => (
          <>
            {outcome && <Outcome outcome={outcome} data={data} reload={plan.reload} />}
            <CurrentPlan data={data} />
            <Plans data={data} />
          </>
        )}
      </Async>
    </>
  );
}

function PlanSkeleton() {
  return (
    <section class="card" aria-busy="true">
      <div class="loading">
        <span class="visually-hidden" role="status">
          Loading your plan…
        </span>
        <div class="skeleton" style={{ width: '60%' }} />
        <div class="skeleton" style={{ width: '40%' }} />
      </div>
    </section>
  );
}

/** What became of a checkout: the webhook may take a moment, so the plan is asked again until it changes. */
function Outcome({ outcome, data, reload }: { outcome: 'done' | 'cancelled'; data: PlanView; reload: () => void }) {
  const [started] = useState(() => Date.now());
  const [gaveUp, setGaveUp] = useState(false);
  const waiting = outcome === 'done' && data.plan === 'free' && !gaveUp;
  useEffect(() => {
    if (!waiting) return;
    const t = setTimeout(() => (Date.now() - started >= WAIT_MS ? setGaveUp(true) : reload()), POLL_MS);
    return () => clearTimeout(t);
  }, [waiting, data]);
  if (outcome === 'cancelled') {
    return <Alert kind="info">You left the checkout: nothing was charged and your plan is unchanged.</Alert>;
  }
  if (data.plan !== 'free') {
    return (
      <Alert kind="success">
        Payment confirmed: you are on {PLAN_NAME[data.plan]}. You can now hide the footer in your widget’s settings.
      </Alert>
    );
  }
  if (waiting) return <Alert kind="info">Thank you! Waiting for the payment to be confirmed…</Alert>;
  return (
    <Alert kind="warning">
      The payment has not been confirmed yet. It can take a minute: reload this page shortly. If you were charged and
      nothing changes, contact support.
    </Alert>
  );
}

function CurrentPlan({ data }: { data: PlanView }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const paid = data.plan !== 'free';
  const manage = async () => {
    setBusy(true);
    setError(null);
    try {
      await go('/api/plan/portal');
    } catch (err) {
      setError(problemOf(err));
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="plan-current">
      <h2 id="plan-current">Your plan: {PLAN_NAME[data.plan]}</h2>
      <p>{subscriptionInWords(data.subscription, data.plan)}</p>
      <p class="muted">
        {paid
          ? 'If your subscription ends, you go back to Free and the “⚡ by Callbell” footer shows again on all your widgets.'
          : 'The “⚡ by Callbell” footer shows under your widget. It carries your referral code, so it can earn you rewards.'}
      </p>
      {data.provider === 'demo' && <p class="muted">Demo billing: payments here are simulated and no money moves.</p>}
      {data.provider === null && (
        <Alert kind="warning">Plans cannot be bought here yet: billing has not been set up on this server.</Alert>
      )}
      {data.canManageBilling && (paid ? data.provider : data.provider === 'stripe') && (
        <div class="plan-actions">
          <button type="button" class="btn btn-secondary" onClick={manage} disabled={busy}>
            {busy ? 'Opening…' : 'Manage billing'}
          </button>
          <span class="muted">
            {data.provider === 'demo'
              ? 'Cancel your subscription.'
              : 'Change or cancel your plan, update your card, see your invoices.'}
          </span>
        </div>
      )}
      {error && <Alert kind="error">{error}</Alert>}
    </section>
  );
}

function Plans({ data }: { data: PlanView }) {
  return (
    <section aria-labelledby="plan-offers" class="stack">
      <h2 id="plan-offers">Plans</h2>
      <ul class="plan-grid">
        {data.plans.map((p) => (
          <li key={p.id}>
            <PlanCard offer={p} data={data} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function PlanCard({ offer, data }: { offer: PlanView['plans'][number]; data: PlanView }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = offer.id === data.plan;
  const titleId = `plan-${offer.id}`;
  const upgrade = async () => {
    setBusy(true);
    setError(null);
    try {
      await go('/api/plan/checkout', offer.id);
    } catch (err) {
      setError(problemOf(err));
      setBusy(false);
    }
  };
  return (
    <article class={`card plan-card${current ? ' is-current' : ''}`} aria-labelledby={titleId}>
      <div class="card-header">
        <h3 id={titleId}>{offer.name}</h3>
        {current && <span class="badge badge-success">Your plan</span>}
      </div>
      <p class="plan-price">
        {offer.priceCents === null ? (
          <small>Price shown at checkout</small>
        ) : (
          <>
            {euros(offer.priceCents)} <small>a month</small>
          </>
        )}
      </p>
      <ul class="plan-gives">
        {offer.gives.map((g) => (
          <li key={g}>{g}</li>
        ))}
      </ul>
      <Action offer={offer} data={data} current={current} busy={busy} onUpgrade={upgrade} />
      {error && <Alert kind="error">{error}</Alert>}
    </article>
  );
}

function Action({
  offer,
  data,
  current,
  busy,
  onUpgrade,
}: {
  offer: PlanView['plans'][number];
  data: PlanView;
  current: boolean;
  busy: boolean;
  onUpgrade: () => void;
}) {
  if (current) return null;
  if (offer.id === 'free') {
    return <p class="muted">To go back to Free, cancel your subscription under Manage billing.</p>;
  }
  if (data.plan !== 'free') {
    return (
      <p class="muted">
        {data.provider === 'demo'
          ? `To switch to ${offer.name}, cancel your subscription under Manage billing, then upgrade.`
          : `To switch to ${offer.name}, use Manage billing.`}
      </p>
    );
  }
  if (!data.provider) return null;
  return (
    <button type="button" class="btn btn-primary" onClick={onUpgrade} disabled={busy}>
      {busy ? 'Opening checkout…' : `Upgrade to ${offer.name}`}
    </button>
  );
}
