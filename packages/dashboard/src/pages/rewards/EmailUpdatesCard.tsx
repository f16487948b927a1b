import { useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { ErrorState, Loading } from '../../components/States.tsx';
import { messageOf, useResource } from '../../state/resource.ts';
import { account } from '../../state/session.ts';

/**
 * Whether the programme e-mails the ambassador about their rewards: a daily digest of new
 * earnings and a note when money becomes available. The box shows the choice at once; the
 * server's answer confirms it, or the box goes back and says why.
 */
export function EmailUpdatesCard() {
  const setting = useResource((signal) => api.get('/api/account/notifications', { signal }));
  const [wanted, setWanted] = useState<boolean | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string>('');
  const saving = wanted !== null;

  const change = async (on: boolean) => {
    setWanted(on);
    setFailure(null);
    setSaved('');
    try {
      setting.set(await api.patch('/api/account/notifications', { body: { earnings: on } }));
      setSaved(on ? 'Saved: we will e-mail you about your rewards.' : 'Saved: no more e-mails about your rewards.');
    } catch (err) {
      setFailure(`Your choice was not saved. ${messageOf(err)}`);
    } finally {
      setWanted(null);
    }
  };

  const data = setting.data.value;
  const error = setting.error.value;
  return (
    <section class="card rw-email-updates" aria-labelledby="rw-email-updates">
      <h2 id="rw-email-updates">E-mail updates</h2>
      {error && !data ? (
        <ErrorState message={`Your e-mail setting could not be loaded. ${error.message}`} onRetry={setting.reload} />
      ) : !data ? (
        <Loading label="Loading your e-mail setting…" lines={1} />
      ) : (
        <>
          <label class="check rw-email-toggle">
            <input
              type="checkbox"
              checked={wanted ?? data.earnings}
              aria-describedby="rw-email-updates-hint"
              // Not `disabled`: that would drop the keyboard's focus while the change is saved.
              aria-disabled={saving ? true : undefined}
              onClick={(e) => {
                if (saving) e.preventDefault();
              }}
              onChange={(e) => change(e.currentTarget.checked)}
            />
            E-mail me about my rewards
          </label>
          <p class="hint" id="rw-email-updates-hint">
            A daily digest of new earnings, and a note when money becomes available
            {account.value ? (
              <>
                , sent to <strong>{account.value.email}</strong>
              </>
            ) : null}
            . Every e-mail has a link to stop them.
          </p>
          {failure && <Alert kind="error">{failure}</Alert>}
        </>
      )}
      <p class="hint rw-email-status" role="status">
        {saving ? 'Saving…' : saved}
      </p>
    </section>
  );
}
