import { useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { PageHeader } from '../../components/Layout.tsx';
import { Async, Empty } from '../../components/States.tsx';
import { messageOf, useResource } from '../../state/resource.ts';
import { PLAN_NAME, subscriptionInWords } from './words.ts';

/** /app/plan/portal: the demo provider's billing portal, where a subscription is cancelled. */
export function DemoPortal() {
  const plan = useResource((signal) => api.get('/api/plan', { signal }));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/plan/demo/cancel');
      setDone(true);
      setConfirming(false);
      await plan.reload();
    } catch (err) {
      setError(messageOf(err));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader title="Billing">Demo billing: this page stands in for Stripe’s billing portal.</PageHeader>
      {done && (
        <Alert kind="success">
          Your subscription is cancelled: you are on Free, and the “⚡ by Callbell” footer shows again on your widgets.
        </Alert>
      )}
      <Async
        resource={plan}
        isEmpty={(d) => d.plan === 'free'}
        empty={
          !done && (
            <Empty title="You have no subscription to manage">
              You are on Free. <a href="/app/plan">See the plans</a>.
            </Empty>
          )
        }
      >
        {(d) => (
          <section class="card stack" aria-labelledby="portal-title">
            <h2 id="portal-title">{PLAN_NAME[d.plan]} subscription</h2>
            <p>{subscriptionInWords(d.subscription, d.plan)}</p>
            <div class="plan-actions">
              <button type="button" class="btn btn-danger" onClick={() => setConfirming(true)}>
                Cancel subscription
              </button>
            </div>
            {error && <Alert kind="error">{error}</Alert>}
            <Dialog open={confirming} title="Cancel your subscription?" onClose={() => !busy && setConfirming(false)}>
              <p>It ends now: you go back to Free and the “⚡ by Callbell” footer shows again on all your widgets.</p>
              <div class="plan-actions">
                <button type="button" class="btn btn-danger" onClick={cancel} disabled={busy}>
                  {busy ? 'Cancelling…' : 'Cancel subscription'}
                </button>
                <button type="button" class="btn btn-secondary" onClick={() => setConfirming(false)} disabled={busy}>
                  Keep it
                </button>
              </div>
            </Dialog>
          </section>
        )}
      </Async>
      <p>
        <a href="/app/plan">Back to your plan</a>
      </p>
    </>
  );
}
