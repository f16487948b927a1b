import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError, api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { ResendLink } from '../../components/ResendLink.tsx';
import { messageOf } from '../../state/resource.ts';
import { type Account, emailVerified, session } from '../../state/session.ts';
import { AuthCard, Waiting } from './AuthCard.tsx';

type Outcome =
  | { status: 'checking' }
  | { status: 'confirmed'; email: string }
  | { status: 'failed'; code: string; message: string };

/** Refusals about the link itself: asking again cannot help, a new link can. */
const LINK_REFUSALS = new Set(['token_unknown', 'token_used', 'token_expired', 'token_email_changed']);

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

const LOG_IN = `/app/login?next=${encodeURIComponent('/app/rewards')}`;

/** Where to go from here, for whoever is (or is not) logged in on this browser. */
function Onward({ me }: { me: Account | null }) {
  return (
    <p class="auth-actions">
      {me ? (
        <>
          <a class="btn btn-primary" href="/app/rewards">
            Go to your Rewards
          </a>
          <a class="btn" href="/app/widget">
            Set up your chat widget
          </a>
        </>
      ) : (
        <a class="btn btn-primary" href={LOG_IN}>
          Log in to your dashboard
        </a>
      )}
    </p>
  );
}

/** What a link that did not work leaves to do: a new link, for an owner logged in here. */
function NewLink({ me, anonymous }: { me: Account | null; anonymous: boolean }) {
  if (me && !me.emailVerified) {
    return (
      <div class="auth-next">
        <p>
          We can send a new link to <strong>{me.email}</strong>.
        </p>
        <ResendLink label="Send a new link" prominent />
      </div>
    );
  }
  if (me) {
    return (
      <>
        <p>
          Your address, <strong>{me.email}</strong>, is confirmed already: nothing more to do.
        </p>
        <Onward me={me} />
      </>
    );
  }
  if (!anonymous) return null;
  return (
    <>
      <p>Log in, and ask for a new link from the top of your dashboard.</p>
      <p class="auth-actions">
        <a class="btn btn-primary" href={LOG_IN}>
          Log in to get a new link
        </a>
      </p>
    </>
  );
}

/**
 * /app/verify?token=…, the link in the "confirm your address" e-mail. The address is confirmed
 * as the page opens (a POST: a mail scanner's GET of the link changes nothing); it needs no
 * session, since the link is often opened in another browser. When the account logged in here
 * is the one confirmed, the rest of the dashboard hears of it.
 */
export default function Verify() {
  const { query } = useLocation();
  const token = query.token ?? '';
  const [outcome, setOutcome] = useState<Outcome>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const s = session.value;
  const me = s.status === 'signed-in' ? s.account : null;

  useEffect(() => {
    if (!token) return;
    let live = true;
    setOutcome({ status: 'checking' });
    api.post('/api/auth/verify', { body: { token } }).then(
      ({ email }) => live && setOutcome({ status: 'confirmed', email }),
      (err) =>
        live &&
        setOutcome({ status: 'failed', code: err instanceof ApiError ? err.code : 'client', message: messageOf(err) }),
    );
    return () => {
      live = false;
    };
  }, [token, attempt]);

  // The session may be known only after the answer, and may be another account's.
  const confirmedHere = outcome.status === 'confirmed' && me !== null && sameAddress(me.email, outcome.email);
  useEffect(() => {
    if (confirmedHere) emailVerified();
  }, [confirmedHere]);

  if (!token) {
    return (
      <AuthCard title="This link is incomplete" icon="problem">
        <p>
          The confirmation link is missing its code. Open it from the e-mail again; if your e-mail app split it over two
          lines, copy the whole address into your browser.
        </p>
        <NewLink me={me} anonymous={s.status === 'anonymous'} />
      </AuthCard>
    );
  }
  if (outcome.status === 'checking') {
    return (
      <AuthCard title="Confirming your e-mail address" step="checking">
        <Waiting label="Confirming your e-mail address…" />
      </AuthCard>
    );
  }
  if (outcome.status === 'confirmed') {
    const other = me && !confirmedHere;
    return (
      <AuthCard title="E-mail address confirmed" step="confirmed" icon="done">
        <p>
          <strong>{outcome.email}</strong> is confirmed. Payouts can go to you, and news about your rewards comes here.
        </p>
        {other && (
          <Alert kind="info">
            You are logged in here as {me.email}: the address confirmed belongs to another account.
          </Alert>
        )}
        <Onward me={me} />
      </AuthCard>
    );
  }
  // A second click on the link, once it has worked: nothing went wrong.
  if (outcome.code === 'token_used' && me?.emailVerified) {
    return (
      <AuthCard title="E-mail address confirmed" step="failed" icon="done">
        <p>
          This link has been used already, and your address, <strong>{me.email}</strong>, is confirmed: nothing more to
          do.
        </p>
        <Onward me={me} />
      </AuthCard>
    );
  }
  const linkRefused = LINK_REFUSALS.has(outcome.code);
  return (
    <AuthCard
      title={linkRefused ? 'This link did not work' : 'Your address could not be confirmed'}
      step="failed"
      icon="problem"
    >
      <Alert kind="error">{outcome.message}</Alert>
      {linkRefused ? (
        <NewLink me={me} anonymous={s.status === 'anonymous'} />
      ) : (
        <p class="auth-actions">
          <button type="button" class="btn btn-primary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </p>
      )}
    </AuthCard>
  );
}
