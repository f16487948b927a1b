import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { Badge } from '../../components/Badge.tsx';
import { Field } from '../../components/Field.tsx';
import { date, dateTime, duration } from '../../format.ts';
import { messageOf } from '../../state/resource.ts';
import type { Access } from './types.ts';

const NOTE_MAX = 2000;
const HOUR_MS = 3_600_000;

/** What the platform gives, for someone deciding whether to ask. */
function WhatYouGet({ promiseHours }: { promiseHours: number }) {
  return (
    <>
      <ul class="af-gets">
        <li>
          Charts, day by day, of your clicks, unique visitors, sign-ups, installs, paying customers and commissions
        </li>
        <li>Breakdowns by source (widget footer, link, banner), by campaign and by widget, with CSV downloads</li>
        <li>Banners in four sizes, with the code to paste, linked to your referral link</li>
        <li>API keys, to pull your numbers into a spreadsheet or a script</li>
      </ul>
      <p class="muted">
        Same referral link, same commissions as in Rewards: the platform adds the tools to follow them closely. A person
        reviews each request, within {promiseHours} hours.
      </p>
    </>
  );
}

/** The request, with an optional note for the reviewer. */
function RequestForm({
  submitLabel,
  onFiled,
  onConflict,
}: {
  submitLabel: string;
  onFiled: (access: Access) => void;
  onConflict: () => void;
}) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: boolean; message: string } | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const message = note.trim();
      onFiled(await api.post('/api/affiliate/request', { body: message ? { message } : {} }));
    } catch (err) {
      const status = (err as { status?: number }).status;
      setError({ field: status === 400, message: messageOf(err) });
      if (status === 409) onConflict();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} class="af-request">
      <Field
        label="A note for the reviewer (optional)"
        hint={`Your site or audience, and how you will share Callbell. Up to ${NOTE_MAX.toLocaleString('en-IE')} characters.`}
        error={error?.field ? error.message : null}
      >
        {(ids) => (
          <textarea
            {...ids}
            value={note}
            maxLength={NOTE_MAX}
            rows={3}
            onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      {error && !error.field && <Alert kind="error">{error.message}</Alert>}
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {busy ? 'Sending…' : submitLabel}
      </button>
    </form>
  );
}

/** How often a pending request asks the server for its answer, while the tab is visible. */
export const POLL_MS = 30_000;

/**
 * Calls `run` every `ms` while the page is visible, and at once when it becomes visible again:
 * a hidden tab asks nothing.
 */
function useWhileVisible(ms: number, run: () => void) {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const stop = () => {
      clearInterval(timer);
      timer = undefined;
    };
    const start = () => {
      stop();
      timer = setInterval(() => latest.current(), ms);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        latest.current();
        start();
      } else stop();
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [ms]);
}

/**
 * A pending request: how long it has waited against the review promise (the server's due
 * time), ticking by the minute, and asking the server for the answer every 30 seconds.
 */
function Waiting({
  access,
  onAnswer,
  onCheck,
}: {
  access: Access;
  onAnswer: (access: Access) => void;
  onCheck: () => void;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  // A quiet check: a failed one is tried again at the next, and "Check for an answer" shows errors.
  const polling = useRef<AbortController | null>(null);
  useEffect(() => () => polling.current?.abort(), []);
  useWhileVisible(POLL_MS, () => {
    polling.current?.abort();
    const abort = new AbortController();
    polling.current = abort;
    api
      .get('/api/affiliate', { signal: abort.signal })
      .then((next) => {
        if (!abort.signal.aborted && next.status !== 'requested') onAnswer(next);
      })
      .catch(() => {});
  });

  const requestedAt = access.requestedAt ? new Date(access.requestedAt) : new Date(now);
  const dueAt = access.reviewDueAt
    ? new Date(access.reviewDueAt)
    : new Date(requestedAt.getTime() + access.promiseHours * HOUR_MS);
  const waited = Math.max(0, now - requestedAt.getTime());
  const promiseMs = Math.max(1, dueAt.getTime() - requestedAt.getTime());
  const late = now > dueAt.getTime();
  const share = Math.min(100, Math.round((waited / promiseMs) * 100));
  return (
    <section class="card" aria-labelledby="af-waiting">
      <div class="card-header">
        <h2 id="af-waiting">Your request is being reviewed</h2>
        <Badge tone={late ? 'warning' : 'info'}>{late ? 'Taking longer' : 'Waiting'}</Badge>
      </div>
      <p>
        You asked on {dateTime(requestedAt)}. We promise an answer within {access.promiseHours} hours
        {late ? '' : `, so by ${dateTime(dueAt)}`}.
      </p>
      <p class="af-waited" id="af-waited">
        Waited {duration(waited)} of the {access.promiseHours}-hour promise
      </p>
      <div
        class={`progress${late ? ' af-late' : ''}`}
        role="progressbar"
        aria-labelledby="af-waited"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={share}
      >
        <span style={{ width: `${share}%` }} />
      </div>
      {late && (
        <p class="af-late-note">
          This is taking longer than we promised, sorry. Your request is marked overdue for the team.
        </p>
      )}
      {access.message && (
        <p class="muted af-sent-note">
          Your note: <q>{access.message}</q>
        </p>
      )}
      <p class="hint">This page checks for the answer every 30 seconds while it is open, and shows it at once.</p>
      <button type="button" class="btn btn-secondary btn-small af-check" onClick={onCheck}>
        Check for an answer
      </button>
    </section>
  );
}

/** Every state before access: never asked, waiting, not approved, withdrawn. */
export function AccessRequest({
  access,
  onChange,
  onReload,
}: {
  access: Access;
  onChange: (access: Access) => void;
  onReload: () => void;
}) {
  if (access.status === 'requested') return <Waiting access={access} onAnswer={onChange} onCheck={onReload} />;
  const form = (label: string) => <RequestForm submitLabel={label} onFiled={onChange} onConflict={onReload} />;
  if (access.status === 'rejected') {
    return (
      <section class="card" aria-labelledby="af-rejected">
        <h2 id="af-rejected">Your request was not approved</h2>
        <p>
          {access.decidedAt ? `The team decided on ${date(access.decidedAt)}` : 'The team decided'}
          {access.rejectReason ? ', and said:' : '.'}
        </p>
        {access.rejectReason && <blockquote class="af-reason">{access.rejectReason}</blockquote>}
        <p>You can ask again, for example with more about your site or audience. Your Rewards are not affected.</p>
        {form('Ask again')}
      </section>
    );
  }
  if (access.status === 'withdrawn') {
    return (
      <section class="card" aria-labelledby="af-withdrawn">
        <h2 id="af-withdrawn">Your access was withdrawn</h2>
        <p>
          {access.withdrawnAt ? `The team withdrew it on ${date(access.withdrawnAt)}` : 'The team withdrew it'}
          {access.withdrawReason ? ', and said:' : '.'}
        </p>
        {access.withdrawReason && <blockquote class="af-reason">{access.withdrawReason}</blockquote>}
        <p>
          Your API keys were revoked. Your referral link and your Rewards keep working. You can ask for access again.
        </p>
        {form('Ask again')}
      </section>
    );
  }
  return (
    <section class="card" aria-labelledby="af-ask">
      <h2 id="af-ask">Get the affiliate platform</h2>
      <WhatYouGet promiseHours={access.promiseHours} />
      {form('Request access')}
    </section>
  );
}
