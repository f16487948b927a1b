import { useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { messageOf } from '../state/resource.ts';
import { account, logOut, resumed, sessionEnded } from '../state/session.ts';
import { Alert } from './Alert.tsx';
import { Dialog } from './Dialog.tsx';
import { TextField } from './Field.tsx';

/**
 * Shown over the page when the session ends while it is open: log in again and carry on,
 * with whatever was typed on the page still there. Another account starts afresh.
 */
export function SessionEnded() {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Closed for a moment (to copy something off the page); a bar brings it back.
  const [dismissed, setDismissed] = useState(false);
  const email = account.value?.email ?? '';
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!password) return setError('Enter your password');
    setBusy(true);
    setError(null);
    try {
      const body = await api.post('/api/auth/login', { body: { email, password } });
      setPassword('');
      if (resumed(body) === 'other-account') location.assign('/app/');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  if (!sessionEnded.value) return null;
  if (dismissed) {
    return (
      <div class="session-bar" role="status">
        Your session has ended.{' '}
        <button type="button" class="btn btn-small btn-primary" onClick={() => setDismissed(false)}>
          Log in again
        </button>
      </div>
    );
  }
  return (
    <Dialog open title="Your session has ended" onClose={() => setDismissed(true)}>
      <p>Log in again to carry on. Nothing on this page is lost: try your last action again afterwards.</p>
      <form onSubmit={submit} noValidate>
        {error && <Alert kind="error">{error}</Alert>}
        <p>
          Logging in as <strong>{email}</strong>
        </p>
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
        />
        <div class="row">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'One moment…' : 'Log in'}
          </button>
          <button
            type="button"
            class="btn btn-ghost"
            onClick={async () => {
              await logOut();
              location.assign('/app/login');
            }}
          >
            Use another account
          </button>
          <button type="button" class="btn btn-ghost" onClick={() => setDismissed(true)}>
            Not now
          </button>
        </div>
      </form>
    </Dialog>
  );
}
