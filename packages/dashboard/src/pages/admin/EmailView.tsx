import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { Badge } from '../../components/Badge.tsx';
import { Async } from '../../components/States.tsx';
import { count, plural } from '../../format.ts';
import { useResource } from '../../state/resource.ts';
import { ActionDialog } from './ActionDialog.tsx';
import {
  EMAIL_STATUS,
  type EmailMessage,
  type EmailSummary,
  emailKind,
  subjectOf,
  textWithLinks,
} from './email-words.ts';
import { Fact, When } from './parts.tsx';
import { RowOutcome, useRowAction } from './row-action.tsx';

/**
 * One message, opened from the list (`?message=<id>`): its delivery, its text with each web
 * address a link (in the demo, this is where a person follows the confirmation and reset
 * links), and its HTML in a sandboxed frame that runs no script.
 */
export function EmailView({ id, back, onRetried }: { id: string; back: string; onRetried: () => void }) {
  const message = useResource((signal) => api.get('/api/admin/emails/{id}', { params: { id }, signal }), [id]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [id]);
  const action = useRowAction<'retry'>(() => message.reload());
  const m = message.data.value;

  const retry = () =>
    action.run(
      () => api.post('/api/admin/emails/{id}/retry', { params: { id } }),
      (answer) => {
        const shown = message.data.peek();
        if (shown) message.set({ ...shown, ...answer });
        onRetried();
        return 'Queued again, with its tries counted afresh: the mail queue takes it within a minute.';
      },
    );

  return (
    <section class="card admin-section admin-message" aria-labelledby="admin-message">
      <p class="admin-back">
        <a href={back}>
          <span aria-hidden="true">←</span> All messages
        </a>
      </p>
      <div class="admin-item-head">
        <h2 id="admin-message" tabIndex={-1} ref={heading}>
          {m ? subjectOf(m) : 'Message'}
        </h2>
        {m && <Badge tone={EMAIL_STATUS[m.status].tone}>{EMAIL_STATUS[m.status].label}</Badge>}
      </div>
      <Async resource={message}>
        {(m) => (
          <>
            <dl class="admin-facts">
              <Fact term="To">{m.to}</Fact>
              <Fact term="What it is">{emailKind(m.kind)}</Fact>
              <Fact term="Queued">
                <When at={m.createdAt} />
              </Fact>
              {m.sentAt && (
                <Fact term={m.status === 'outbox' ? 'Kept in the outbox' : 'Sent'}>
                  <When at={m.sentAt} />
                </Fact>
              )}
              {(m.status === 'queued' || m.status === 'failed' || m.attempts > 1) && (
                <Fact term="Tries">{count(m.attempts)}</Fact>
              )}
              {m.nextAttemptAt && (
                <Fact term="Next try">
                  <When at={m.nextAttemptAt} />
                </Fact>
              )}
            </dl>
            {m.lastError && (
              <div class={`alert ${m.status === 'failed' ? 'alert-error' : 'alert-warning'}`}>
                <p>
                  <strong>Last error:</strong> <span class="admin-mail-error">{m.lastError}</span>
                </p>
              </div>
            )}
            <RowOutcome outcome={action.outcome} outcomeRef={action.outcomeRef} />
            {m.status === 'failed' && (
              <div class="row admin-actions">
                <button type="button" class="btn btn-secondary" onClick={() => action.open('retry')}>
                  Try again…
                </button>
              </div>
            )}
            <MessageBody message={m} />
            <RetryDialog email={m} open={action.dialog === 'retry'} onConfirm={retry} onClose={action.close} />
          </>
        )}
      </Async>
    </section>
  );
}

function MessageBody({ message: m }: { message: EmailMessage }) {
  const [html, setHtml] = useState(false);
  if (m.text === null && m.html === null) {
    return (
      <div class="admin-mail-body">
        <p class="muted">
          What this message said is not shown here: where mail is sent through SMTP, or in production, only its delivery
          is, since a message can hold a password reset link.
        </p>
      </div>
    );
  }
  return (
    <div class="admin-mail-body">
      {m.text !== null && (
        <>
          <h3 id="admin-mail-text">The message</h3>
          <div class="admin-mail-text">
            {textWithLinks(m.text).map((part, i) =>
              'url' in part ? (
                <a key={i} href={part.url}>
                  {part.url}
                </a>
              ) : (
                part.text
              ),
            )}
          </div>
        </>
      )}
      {m.html !== null && (
        <>
          <button
            type="button"
            class="btn btn-secondary btn-small admin-mail-toggle"
            aria-expanded={html}
            aria-controls="admin-mail-html"
            onClick={() => setHtml(!html)}
          >
            <span aria-hidden="true">{html ? '▾' : '▸'}</span> The HTML version
          </button>
          <div id="admin-mail-html" hidden={!html}>
            {html && (
              <>
                <p class="hint">
                  As a mail program shows it, with no script run and no link followed from it: follow the links in the
                  text above.
                </p>
                <iframe
                  class="admin-mail-html"
                  title={`The HTML version of “${subjectOf(m)}”`}
                  sandbox=""
                  srcdoc={m.html}
                />
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}

/** The confirmation before a failed message is queued again. */
export function RetryDialog({
  email: e,
  open,
  onConfirm,
  onClose,
}: {
  email: EmailSummary;
  open: boolean;
  onConfirm: () => Promise<string | null>;
  onClose: () => void;
}) {
  return (
    <ActionDialog
      open={open}
      title="Try this message again?"
      confirmLabel="Try again"
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <p>
        “{subjectOf(e)}” to <strong>{e.to}</strong> gave up after {plural(e.attempts, 'try', 'tries')}
        {e.lastError ? `: ${e.lastError.replace(/\.$/, '')}` : ''}.
      </p>
      <p>It goes back into the queue with its tries counted afresh. If the cause is still there, it fails again.</p>
    </ActionDialog>
  );
}
