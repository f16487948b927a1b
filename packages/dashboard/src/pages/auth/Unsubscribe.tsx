import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError, api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { ErrorState } from '../../components/States.tsx';
import { messageOf, useResource } from '../../state/resource.ts';
import { AuthCard, Waiting } from './AuthCard.tsx';

/** What the e-mails are, as the setting on the Rewards page words it. */
const WHAT = 'a daily digest of new earnings, and a note when money becomes available';

/** Where the setting lives, for someone who changes their mind or whose link failed. */
function TurnBackOn({ lead }: { lead: string }) {
  return (
    <p>
      {lead} <a href="/app/rewards">your Rewards page</a>, under <span class="nowrap">“E-mail updates”</span> (you may
      be asked to log in).
    </p>
  );
}

function BadLink({ message }: { message: string }) {
  return (
    <AuthCard title="This link did not work" step="bad" icon="problem">
      <Alert kind="error">{message}</Alert>
      <TurnBackOn lead="You can turn these e-mails off yourself from" />
    </AuthCard>
  );
}

/**
 * /app/unsubscribe?token=…, the link at the foot of the rewards e-mails. Opening it changes
 * nothing (mail scanners open links too): it shows whom the link is for and whether they get
 * the e-mails, and only the button stops them. No session needed: the token decides.
 */
export default function Unsubscribe() {
  const { query } = useLocation();
  const token = query.token ?? '';
  const current = useResource(
    (signal) => (token ? api.get('/api/email/unsubscribe', { query: { token }, signal }) : Promise.resolve(null)),
    [token],
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The server refused the token when the button was pressed (it is checked again then).
  const [refused, setRefused] = useState<string | null>(null);

  const stop = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const answer = await api.post('/api/email/unsubscribe', { body: { token } });
      setDone(answer.email);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 400 || err.status === 404)) setRefused(err.message);
      else setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  if (!token) {
    return (
      <AuthCard title="This link is incomplete" icon="problem">
        <p>
          The unsubscribe link is missing its code. Open it from the e-mail again, or copy the whole address into your
          browser.
        </p>
        <TurnBackOn lead="You can also turn these e-mails off yourself from" />
      </AuthCard>
    );
  }
  if (done) {
    return (
      <AuthCard title="You are unsubscribed" step="done" icon="done">
        <p>
          We will not send e-mails about your rewards to <strong>{done}</strong> any more. E-mails you ask for, such as
          a password reset, still arrive.
        </p>
        <TurnBackOn lead="Changed your mind? Turn them back on from" />
      </AuthCard>
    );
  }
  if (refused) return <BadLink message={refused} />;
  const error = current.error.value;
  if (error?.status === 400 || error?.status === 404) return <BadLink message={error.message} />;
  const data = current.data.value;
  if (error && !data) {
    return (
      <AuthCard title="E-mails about your rewards" step="error">
        <ErrorState message={error.message} onRetry={current.reload} />
      </AuthCard>
    );
  }
  if (!data) {
    return (
      <AuthCard title="E-mails about your rewards">
        <Waiting label="Checking your link…" />
      </AuthCard>
    );
  }
  if (!data.earnings) {
    return (
      <AuthCard title="You are unsubscribed" step="off" icon="done">
        <p>
          <strong>{data.email}</strong> gets no e-mails about your rewards now: nothing more to do.
        </p>
        <TurnBackOn lead="To get them again, turn them back on from" />
      </AuthCard>
    );
  }
  return (
    <AuthCard title="E-mails about your rewards" step="on">
      <p>
        This link is for <strong>{data.email}</strong>. That address gets e-mails about your Callbell rewards: {WHAT}.
      </p>
      {failure && <Alert kind="error">{failure}</Alert>}
      <p class="auth-actions">
        <button type="button" class="btn btn-primary" aria-disabled={busy ? true : undefined} onClick={stop}>
          {busy ? 'Stopping…' : 'Stop these e-mails'}
        </button>
      </p>
      <p class="hint">E-mails you ask for, such as a password reset, still arrive.</p>
    </AuthCard>
  );
}
