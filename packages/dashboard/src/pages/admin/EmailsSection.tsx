import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../api/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { Async, Empty } from '../../components/States.tsx';
import { dateTime, relative } from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import { EmailView, RetryDialog } from './EmailView.tsx';
import {
  deliveryWords,
  EMAIL_STATUS,
  type EmailList,
  type EmailSummary,
  emailKind,
  subjectOf,
  transportWords,
} from './email-words.ts';
import { oneOf, QueueFilter } from './parts.tsx';
import { programmeNow } from './programme-clock.ts';
import { LeftQueue, RowOutcome, useConflicts, useRowAction } from './row-action.tsx';

const FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'queued', label: 'Queued' },
  { value: 'sent', label: 'Sent' },
  { value: 'outbox', label: 'Outbox' },
  { value: 'failed', label: 'Failed' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];

const EMPTY: Record<Filter, [string, string]> = {
  all: [
    'No e-mail yet',
    'What the platform writes to people (address confirmations, password resets, payout news) is listed here, newest first.',
  ],
  queued: ['Nothing waits to be sent', 'New messages and those to be tried again wait here for the mail queue.'],
  sent: ['Nothing sent through SMTP', 'Messages the SMTP server accepted are listed here.'],
  outbox: ['The outbox is empty', 'Without SMTP_URL, messages are kept here instead of being sent.'],
  failed: ['No failed messages', 'A message the SMTP server refused after every try is listed here, to try again.'],
};

/** Messages a page shows; one more is asked for, to know whether there are older ones. */
const PAGE = 25;
const ID = /^[0-9]{1,18}$/;

/** The query string of the list's URL with `changes` applied (undefined leaves a key out). */
function queryWith(query: Record<string, string>, changes: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...changes })) if (v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * The platform's e-mail, newest first: where it goes, each message's delivery, and (where the
 * outbox keeps them) what it said. The status, the page (`before`) and the message open are in
 * the URL.
 */
export function EmailsSection() {
  const { path, query } = useLocation();
  const status = oneOf(
    query.status,
    FILTERS.map((f) => f.value),
  );
  const before = ID.test(query.before ?? '') ? query.before : undefined;
  const open = ID.test(query.message ?? '') ? query.message : undefined;
  const list = useResource(
    (signal) =>
      api.get('/api/admin/emails', {
        query: { status: status === 'all' ? undefined : status, before, limit: PAGE + 1 },
        signal,
      }),
    [status, before],
  );
  // The counts and where mail goes stay shown while another status or page loads.
  const known = useRef<EmailList | null>(null);
  if (list.data.value) known.current = list.data.value;
  const conflicts = useConflicts(`${status}:${before}`, list.reload, () => {});

  // Back from a message, the focus returns to its link in the list.
  const lastOpen = useRef<string | null>(null);
  useEffect(() => {
    if (open) lastOpen.current = open;
    else if (lastOpen.current) {
      const link = document.getElementById(`mail-${lastOpen.current}-link`);
      (link ?? document.getElementById('admin-emails'))?.focus();
      lastOpen.current = null;
    }
  }, [open]);

  if (open) {
    return <EmailView id={open} back={`${path}${queryWith(query, { message: undefined })}`} onRetried={list.reload} />;
  }

  const retried = (answer: EmailSummary) => {
    const data = list.data.value;
    if (!data) return;
    const was = data.emails.find((e) => e.id === answer.id)?.status;
    const counts = { ...data.counts };
    if (was && was !== answer.status) {
      counts[was] = Math.max(0, counts[was] - 1);
      counts[answer.status] += 1;
    }
    list.set({ ...data, counts, emails: data.emails.map((e) => (e.id === answer.id ? answer : e)) });
  };

  const counts = known.current?.counts;
  const options = FILTERS.map((f) => ({
    ...f,
    count: counts
      ? f.value === 'all'
        ? counts.queued + counts.sent + counts.outbox + counts.failed
        : counts[f.value]
      : undefined,
  }));
  const [emptyTitle, emptyBody] = before
    ? ['No older messages', 'Every message in this list is on a newer page.']
    : EMPTY[status];
  return (
    <section class="card admin-section" aria-labelledby="admin-emails">
      <div class="card-header">
        <h2 id="admin-emails" tabIndex={-1}>
          E-mail
        </h2>
      </div>
      {known.current && (
        <div class="alert alert-info admin-transport">
          <p>
            <strong>{known.current.transport === 'smtp' ? 'Sent through SMTP.' : 'Kept in the outbox.'}</strong>{' '}
            {transportWords(known.current)}
          </p>
        </div>
      )}
      <QueueFilter label="Show messages" name="status" value={status} options={options} />
      <LeftQueue conflict={conflicts.last} listed={list.data.value?.emails.map((e) => e.id) ?? []} />
      <Async
        resource={list}
        isEmpty={(d) => d.emails.length === 0}
        empty={<Empty title={emptyTitle}>{emptyBody}</Empty>}
      >
        {(d) => {
          const shown = d.emails.slice(0, PAGE);
          const older = d.emails.length > PAGE ? shown[shown.length - 1]?.id : undefined;
          return (
            <>
              <ul class="admin-mail-list">
                {shown.map((e) => (
                  <EmailItem
                    key={e.id}
                    email={e}
                    href={`${path}${queryWith(query, { message: e.id })}`}
                    onRetried={retried}
                    onConflict={conflicts.onConflict(e.id, `The message to ${e.to}`)}
                  />
                ))}
              </ul>
              {(before || older) && (
                <nav class="row admin-paging" aria-label="Pages of messages">
                  {before && (
                    <a class="btn btn-small" href={`${path}${queryWith(query, { before: undefined })}`}>
                      <span aria-hidden="true">←</span> Newest messages
                    </a>
                  )}
                  {older && (
                    <a class="btn btn-small" href={`${path}${queryWith(query, { before: older })}`}>
                      Older messages <span aria-hidden="true">→</span>
                    </a>
                  )}
                </nav>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}

function EmailItem({
  email: e,
  href,
  onRetried,
  onConflict,
}: {
  email: EmailSummary;
  href: string;
  onRetried: (e: EmailSummary) => void;
  onConflict: (message: string) => void;
}) {
  const action = useRowAction<'retry'>(onConflict);
  const status = EMAIL_STATUS[e.status];
  const titleId = `mail-${e.id}`;
  const delivery = deliveryWords(e);
  const retry = () =>
    action.run(
      () => api.post('/api/admin/emails/{id}/retry', { params: { id: e.id } }),
      (answer) => {
        onRetried(answer);
        return 'Queued again, with its tries counted afresh: the mail queue takes it within a minute.';
      },
    );
  return (
    <li class={`admin-mail admin-mail-${e.status}`} aria-labelledby={titleId}>
      <div class="admin-mail-main">
        <h3 id={titleId} class="admin-mail-subject">
          <a id={`${titleId}-link`} href={href}>
            {subjectOf(e)}
            {/* Many messages share a subject: the link says whose it is. */}{' '}
            <span class="visually-hidden">to {e.to}</span>
          </a>
        </h3>
        <p class="admin-mail-meta">
          To <span class="admin-who">{e.to}</span> · {emailKind(e.kind)}
        </p>
      </div>
      <div class="admin-mail-side">
        <Badge tone={status.tone}>{status.label}</Badge>
        <span class="admin-mail-time">
          Queued <time dateTime={e.createdAt}>{relative(e.createdAt, programmeNow())}</time>
          <span class="muted">
            <span class="visually-hidden">, </span>
            {dateTime(e.createdAt)}
          </span>
        </span>
      </div>
      {(delivery || e.nextAttemptAt || e.lastError) && (
        <p class="admin-mail-delivery">
          {delivery}
          {e.nextAttemptAt && (
            <>
              {delivery ? '; next try ' : 'Next try '}
              <time dateTime={e.nextAttemptAt}>{relative(e.nextAttemptAt, programmeNow())}</time>
            </>
          )}
          {e.lastError && (
            <>
              {delivery || e.nextAttemptAt ? '. ' : ''}
              Last error: <span class="admin-mail-error">{e.lastError}</span>
            </>
          )}
        </p>
      )}
      <RowOutcome outcome={action.outcome} outcomeRef={action.outcomeRef} />
      {e.status === 'failed' && (
        <div class="row admin-actions">
          <button type="button" class="btn btn-secondary btn-small" onClick={() => action.open('retry')}>
            Try again…
          </button>
        </div>
      )}
      <RetryDialog email={e} open={action.dialog === 'retry'} onConfirm={retry} onClose={action.close} />
    </li>
  );
}
