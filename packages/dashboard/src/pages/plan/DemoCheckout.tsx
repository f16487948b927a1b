import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { PageHeader } from '../../components/Layout.tsx';
import { Async, Empty } from '../../components/States.tsx';
import { dateTime, euros } from '../../format.ts';
import { messageOf, useResource } from '../../state/resource.ts';

/** /app/plan/checkout?session=…: the demo provider's checkout page (no money moves). */
export function DemoCheckout() {
  const { query, route } = useLocation();
  const token = query.session ?? '';
  const session = useResource(
    async (signal) => (token ? api.get('/api/plan/demo/session', { query: { session: token }, signal }) : null),
    [token],
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/plan/demo/pay', { body: { session: token } });
      route('/app/plan?checkout=done');
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader title="Checkout">
        Demo billing: this page stands in for Stripe’s checkout. No card is asked for.
      </PageHeader>
      <Async
        resource={session}
        isEmpty={(s) => s === null}
        empty={
          <Empty title="This checkout link is incomplete">
            <a href="/app/plan">Choose a plan</a> to start again.
          </Empty>
        }
      >
        {(s) =>
          s && (
            <section class="card stack" aria-labelledby="checkout-title">
              <h2 id="checkout-title">{s.name} plan</h2>
              <p class="plan-price">
                {euros(s.priceCents)} <small>a month</small>
              </p>
              <p class="muted">
                Hides the “⚡ by Callbell” footer if you choose to. This link can be paid until {dateTime(s.expiresAt)}.
              </p>
              <div class="plan-actions">
                <button type="button" class="btn btn-primary" onClick={pay} disabled={busy}>
                  {busy ? 'Paying…' : `Pay ${euros(s.priceCents)} (demo: no money moves)`}
                </button>
                <a class="btn btn-ghost" href="/app/plan?checkout=cancelled">
                  Cancel
                </a>
              </div>
              {error && <Alert kind="error">{error}</Alert>}
            </section>
          )
        }
      </Async>
    </>
  );
}
