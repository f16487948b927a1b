import fp from 'fastify-plugin';
import { logFailure } from '../db/outage.ts';
import { type ClaimedEmail, claimDueEmails, markAttemptFailed, markDelivered } from '../db/queries/emails.ts';
import { renderEmail, retryDelayMs, UNSUBSCRIBABLE } from '../domain/email-messages.ts';
import { unsubscribeToken } from '../domain/secrets.ts';

declare module 'fastify' {
  interface FastifyInstance {
    mail: {
      /** Where messages go: an SMTP server, or the outbox table (no SMTP_URL). */
      readonly transport: 'smtp' | 'outbox';
      /**
       * Something was queued outside a request (a request through /api kicks by itself once
       * answered): deliver it soon, without making the caller wait.
       */
      kick(): void;
      /** Delivers everything due now, waiting for a delivery already under way; tests await it. */
      drain(): Promise<DeliverySummary>;
    };
  }
}

export interface DeliverySummary {
  delivered: number;
  failed: number;
}

/**
 * Taken at a time. Each send may take up to the transport's time-outs (about 50 s), so a batch
 * ends well inside its lease.
 */
const BATCH = 5;
/** A message taken by an instance that dies (or stalls) is tried again after this long. */
const LEASE_MS = 5 * 60_000;
/** Retries, and messages other instances queued, are looked for this often. */
const POLL_MS = 30_000;

/**
 * The e-mail worker. Messages are queued in the database by whatever causes them (in the same
 * transaction) and delivered here, never on the request's path: through nodemailer to SMTP_URL,
 * or, without one, kept in the outbox for the operator to read. A failed send is tried again
 * with growing waits (domain/email-messages.ts retryDelayMs), then shown to the operator as
 * failed. Several instances share the work: each takes its rows with `skip locked`.
 */
export default fp(
  async (app) => {
    const { db, config, clock } = app;
    // Loaded only when configured: without SMTP_URL, e-mail stays in the outbox.
    const smtp = config.mail.smtpUrl
      ? (await import('nodemailer')).default.createTransport({
          url: config.mail.smtpUrl,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        })
      : null;
    if (!smtp) app.log.info('e-mail is kept in the outbox (no SMTP_URL): the operator can read it under E-mail');

    /** The account's unsubscribe address at `path`: the page the body links to, or the one-click API. */
    const unsubscribeAt = (path: string, accountId: string) =>
      `${config.publicOrigin}${path}?token=${encodeURIComponent(unsubscribeToken(config.cookieSecret, accountId))}`;

    const deliver = async (e: ClaimedEmail): Promise<boolean> => {
      const unsubscribes = UNSUBSCRIBABLE.has(e.kind);
      const rendered = renderEmail(e.message, {
        origin: config.publicOrigin,
        unsubscribeUrl: unsubscribes ? unsubscribeAt('/app/unsubscribe', e.accountId) : null,
      });
      const now = clock.now();
      if (!smtp) {
        await markDelivered(db, e.id, { status: 'outbox', attempt: e.attempts, to: e.to, rendered, now });
        app.log.info({ emailId: e.id, kind: e.kind }, 'e-mail kept in the outbox');
        return true;
      }
      try {
        await smtp.sendMail({
          from: config.mail.from,
          to: e.to,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          ...(unsubscribes
            ? {
                list: {
                  unsubscribe: {
                    url: unsubscribeAt('/api/email/unsubscribe', e.accountId),
                    comment: 'Stop these e-mails',
                  },
                },
                headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
              }
            : {}),
        });
      } catch (err) {
        const wait = retryDelayMs(e.attempts);
        const retryAt = wait === null ? null : new Date(now.getTime() + wait);
        const error = err instanceof Error ? err.message : String(err);
        await markAttemptFailed(db, e.id, { error, attempt: e.attempts, retryAt, to: e.to, subject: rendered.subject });
        app.log.warn(
          { emailId: e.id, kind: e.kind, attempt: e.attempts, retryAt, err: error },
          'sending an e-mail failed',
        );
        return false;
      }
      await markDelivered(db, e.id, { status: 'sent', attempt: e.attempts, to: e.to, rendered, now: clock.now() });
      app.log.info({ emailId: e.id, kind: e.kind }, 'e-mail sent');
      return true;
    };

    /** Delivers batches until none is due. */
    const pass = async (): Promise<DeliverySummary> => {
      const total = { delivered: 0, failed: 0 };
      for (;;) {
        const now = clock.now();
        const batch = await claimDueEmails(db, now, new Date(now.getTime() + LEASE_MS), BATCH);
        // In the order they were queued (an update's RETURNING keeps none): "requested" before "paid".
        batch.sort((a, b) => Number(a.id) - Number(b.id));
        for (const e of batch) {
          if (await deliver(e)) total.delivered++;
          else total.failed++;
        }
        if (batch.length < BATCH) return total;
      }
    };

    // One delivery at a time in this instance; a kick during one runs another pass after it.
    let running: Promise<DeliverySummary> | null = null;
    let again = false;
    let closed = false;
    const run = (): Promise<DeliverySummary> => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        const total = { delivered: 0, failed: 0 };
        try {
          do {
            again = false;
            const done = await pass();
            total.delivered += done.delivered;
            total.failed += done.failed;
          } while (again && !closed);
        } catch (err) {
          logFailure(app.log, err, 'e-mail delivery failed; tried again shortly');
        } finally {
          running = null;
        }
        return total;
      })();
      return running;
    };

    // A change made through the API may have queued a message (in its own transaction, now
    // committed): deliver it now rather than at the next poll.
    app.addHook('onResponse', async (req, reply) => {
      if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400 && req.url.startsWith('/api/')) {
        if (!closed) void run();
      }
    });

    const poll = setInterval(() => void run(), POLL_MS);
    poll.unref();
    app.addHook('onReady', async () => void run());
    app.addHook('onClose', async () => {
      closed = true;
      clearInterval(poll);
      await running;
      smtp?.close();
    });

    app.decorate('mail', {
      transport: smtp ? 'smtp' : 'outbox',
      kick: () => {
        if (!closed) void run();
      },
      drain: async () => {
        await running;
        return run();
      },
    });
  },
  { name: 'mail', dependencies: ['db'] },
);
