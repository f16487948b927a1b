import { useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { Badge } from '../../components/Badge.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { TextField } from '../../components/Field.tsx';
import { Empty } from '../../components/States.tsx';
import { dateTime, relative } from '../../format.ts';
import { messageOf } from '../../state/resource.ts';
import type { ApiKey } from './types.ts';

/** The part of a key that is not secret: how lists and logs name it. */
export const keyPrefix = (id: string) => `cbk_${id}_…`;
const keyName = (k: ApiKey) => k.name ?? 'Unnamed key';

function RevokeDialog({
  target,
  onClose,
  onRevoked,
}: {
  target: ApiKey | null;
  onClose: () => void;
  onRevoked: (key: ApiKey) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const revoke = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      onRevoked(await api.delete('/api/affiliate/keys/{id}', { params: { id: target.id } }));
      close();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={target !== null} title={`Revoke “${target ? keyName(target) : ''}”?`} onClose={close}>
      <p>
        Anything that reads your statistics with the key <code>{target ? keyPrefix(target.id) : ''}</code> stops working
        at once. A revoked key cannot be turned back on; you can create a new one.
      </p>
      {error && <Alert kind="error">{error}</Alert>}
      <div class="row af-dialog-actions">
        <button type="button" class="btn btn-danger" onClick={revoke} disabled={busy}>
          {busy ? 'Revoking…' : 'Revoke key'}
        </button>
        <button type="button" class="btn" onClick={close}>
          Keep it
        </button>
      </div>
    </Dialog>
  );
}

function KeyList({ label, keys, onRevoke }: { label: string; keys: ApiKey[]; onRevoke: (key: ApiKey) => void }) {
  return (
    <ul class="af-keys" aria-label={label}>
      {keys.map((k) => (
        <li key={k.id} class={`af-key${k.revokedAt ? ' af-revoked' : ''}`} aria-label={keyName(k)}>
          <div class="af-key-main">
            <p class="af-key-title">
              {k.name ?? <span class="muted">Unnamed key</span>} <code>{keyPrefix(k.id)}</code>
            </p>
            <p class="hint">
              Created {dateTime(k.createdAt)} · Last used{' '}
              {k.lastUsedAt ? <span title={dateTime(k.lastUsedAt)}>{relative(k.lastUsedAt)}</span> : 'never'}
            </p>
          </div>
          {k.revokedAt ? (
            <Badge>Revoked {dateTime(k.revokedAt)}</Badge>
          ) : (
            <button
              type="button"
              class="btn btn-small btn-ghost af-revoke"
              aria-label={`Revoke ${keyName(k)}`}
              onClick={() => onRevoke(k)}
            >
              Revoke
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * A key just created: its secret, shown this once. Not a live region: a screen reader would
 * read the secret aloud; the page announces the key's creation without it.
 */
function NewKey({ secret, name, onDone }: { secret: string; name: string; onDone: () => void }) {
  return (
    <div class="alert alert-warning af-new-key">
      <p>
        <strong>Your new key “{name}”.</strong> Copy it now and keep it somewhere safe: this is the only time it is
        shown. If you lose it, revoke it and create another.
      </p>
      <code class="code-block">{secret}</code>
      <div class="row">
        <CopyButton text={secret} label="Copy key" />
        <button type="button" class="btn btn-small btn-ghost" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </div>
  );
}

/**
 * API keys for reading the statistics from a script or a spreadsheet: created (the secret
 * shown once), listed with when each was last used, and revoked after a confirmation.
 */
export function ApiKeys({ keys, onChange }: { keys: ApiKey[]; onChange: (keys: ApiKey[]) => void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ secret: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const trimmed = name.trim();
      const { key, ...issued } = await api.post('/api/affiliate/keys', { body: trimmed ? { name: trimmed } : {} });
      onChange([{ name: null, revokedAt: null, lastUsedAt: null, ...issued }, ...keys]);
      setCreated({ secret: key, name: issued.name ?? 'Unnamed key' });
      setName('');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const origin = location.origin;
  // Keys that still work, then (folded away) the revoked ones; newest first, as the server lists them.
  const active = keys.filter((k) => !k.revokedAt);
  const revoked = keys.filter((k) => k.revokedAt);

  return (
    <section class="card" aria-labelledby="af-keys">
      <h2 id="af-keys">API keys</h2>
      <p class="muted">
        A key lets a script or a spreadsheet read the same statistics, by day, as JSON or CSV. Send it in a header:
      </p>
      <code class="code-block">
        {`curl -H "Authorization: Bearer YOUR_KEY" "${origin}/api/affiliate/v1/stats?days=30&format=csv"`}
      </code>
      <p class="hint">
        Add <code>groupBy=source</code>, <code>campaign</code> or <code>widget</code> to split the numbers, or{' '}
        <code>from=YYYY-MM-DD&amp;to=YYYY-MM-DD</code> for other dates.
      </p>

      <p class="visually-hidden" role="status">
        {created ? `Key “${created.name}” created. Copy it now: it is shown only this once.` : ''}
      </p>
      {created && <NewKey secret={created.secret} name={created.name} onDone={() => setCreated(null)} />}

      <form class="af-key-form" onSubmit={create}>
        <TextField
          label="Name of the new key"
          hint="Where you will use it, so you can tell your keys apart: “Google Sheets”, “weekly report”."
          value={name}
          onValue={setName}
          maxLength={60}
          error={error}
          class="af-key-name"
        />
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </form>

      {keys.length === 0 ? (
        <Empty title="No keys yet">
          <p>Create one when you want to read your statistics from outside the dashboard.</p>
        </Empty>
      ) : (
        <>
          {active.length > 0 ? (
            <KeyList label="Your API keys" keys={active} onRevoke={setRevoking} />
          ) : (
            <p class="muted af-no-active">No key works right now: create one above.</p>
          )}
          {revoked.length > 0 && (
            <details class="af-revoked-keys">
              <summary>Revoked keys ({revoked.length})</summary>
              <KeyList label="Revoked API keys" keys={revoked} onRevoke={setRevoking} />
            </details>
          )}
        </>
      )}
      <RevokeDialog
        target={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(revoked) => onChange(keys.map((k) => (k.id === revoked.id ? { ...k, ...revoked } : k)))}
      />
    </section>
  );
}
