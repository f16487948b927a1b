import { useState } from 'preact/hooks';
import { ApiError, api } from '../api/client.ts';
import { messageOf } from '../state/resource.ts';
import { emailVerified } from '../state/session.ts';
import { flash } from './Flash.tsx';

type State =
  | { status: 'idle' | 'sending' }
  | { status: 'sent'; sentTo: string }
  | { status: 'failed'; message: string };

/**
 * Sends the confirmation link again to the signed-in account's address, and says what
 * happened in a status region that is always there, so screen readers hear it. When the
 * server says the address is confirmed already (in another browser), the session follows:
 * what asked for a link goes away, and a confirmation takes its place.
 */
export function ResendLink({
  label,
  prominent = false,
}: {
  label: string /** The page's main action. */;
  prominent?: boolean;
}) {
  const [state, setState] = useState<State>({ status: 'idle' });
  const send = async () => {
    if (state.status === 'sending') return;
    setState({ status: 'sending' });
    try {
      const { sentTo } = await api.post('/api/auth/verify/resend');
      setState({ status: 'sent', sentTo });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_verified') {
        flash(`${err.message}: nothing more to do.`);
        emailVerified();
        return;
      }
      setState({ status: 'failed', message: messageOf(err) });
    }
  };
  return (
    <div class="resend">
      <button
        type="button"
        class={prominent ? 'btn btn-primary' : 'btn btn-secondary btn-small'}
        aria-disabled={state.status === 'sending' ? true : undefined}
        onClick={send}
      >
        {state.status === 'sending' ? 'Sending…' : label}
      </button>
      <p class={`resend-result${state.status === 'failed' ? ' resend-failed' : ''}`} role="status">
        {state.status === 'sent' && (
          <>
            Sent to <strong>{state.sentTo}</strong>. It can take a minute; check your spam folder too.
          </>
        )}
        {state.status === 'failed' && state.message}
      </p>
    </div>
  );
}
