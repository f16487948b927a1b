import type { FastifyInstance } from 'fastify';
import { findAccount } from '../../db/queries/accounts.ts';
import { EMAIL_MAX, normaliseEmail, PASSWORD_MAX, passwordProblem } from '../../domain/accounts.ts';
import { maskEmail } from '../../domain/rewards-text.ts';
import { readUnsubscribeToken } from '../../domain/secrets.ts';
import { HttpError } from '../../errors.ts';
import { signedIn } from '../../plugins/auth.ts';
import { enforceLimits, rateLimit } from '../../rate-limit.ts';
import { requestPasswordReset, resetPassword, sendVerification, verifyEmail } from '../../services/account-email.ts';
import { sessionResponse } from './auth.ts';
import { errors } from './schemas.ts';

const tokenField = { type: 'string', minLength: 1, maxLength: 200 } as const;
const tokenBody = {
  type: 'object',
  required: ['token'],
  additionalProperties: false,
  properties: { token: tokenField },
} as const;
const preferences = {
  type: 'object',
  required: ['earnings'],
  additionalProperties: false,
  properties: {
    earnings: {
      type: 'boolean',
      description: 'a daily digest of new earnings, and a note when money becomes available',
    },
  },
} as const;
const unsubscribed = {
  type: 'object',
  required: ['email', 'earnings'],
  properties: { email: { type: 'string', description: 'masked' }, earnings: { type: 'boolean' } },
} as const;

/**
 * The account's address and e-mail: confirming the address, recovering a forgotten password,
 * and which programme news it gets (the unsubscribe link works without logging in).
 */
export default async function accountRoutes(app: FastifyInstance) {
  const { db, config, clock } = app;
  const resendPerAccount = rateLimit(app, {
    max: 5,
    timeWindow: 60 * 60_000,
    keyGenerator: (req) => `verify-resend:${req.account?.id ?? req.ip}`,
  });
  const forgotPerIp = rateLimit(app, { max: 10, timeWindow: 15 * 60_000, keyGenerator: (r) => `forgot-ip:${r.ip}` });
  const forgotPerEmail = rateLimit(app, {
    max: 3,
    timeWindow: 60 * 60_000,
    keyGenerator: (r) =>
      `forgot-email:${String((r.body as { email?: string }).email ?? '')
        .trim()
        .toLowerCase()}`,
  });
  const tokenPerIp = rateLimit(app, { max: 30, timeWindow: 15 * 60_000, keyGenerator: (r) => `token-ip:${r.ip}` });
  // Not per address: mail providers send every one-click unsubscribe of their users from a
  // few servers of their own. The token is an HMAC nobody can guess; this only stops a loop.
  const unsubscribePerToken = rateLimit(app, {
    max: 30,
    timeWindow: 15 * 60_000,
    keyGenerator: (r) => {
      const q = r.query as { token?: string };
      const b = r.body as { token?: string } | undefined;
      return `unsubscribe:${String(q.token ?? b?.token ?? '').slice(0, 200)}`;
    },
  });

  app.post<{ Body: { token: string } }>(
    '/api/auth/verify',
    {
      schema: {
        summary: 'Confirm the account’s e-mail address with the token its link carries',
        description:
          'No session needed: the link may be opened in another browser. 400 when the link is unknown, used, expired or for an old address.',
        tags: ['auth'],
        body: tokenBody,
        response: {
          200: { type: 'object', required: ['email'], properties: { email: { type: 'string' } } },
          ...errors(400, 429),
        },
      },
      preHandler: enforceLimits('Too many attempts; try again later', tokenPerIp),
    },
    async (req) => {
      const { accountId, email } = await verifyEmail(db, req.body.token, clock.now());
      req.log.info({ accountId }, 'e-mail address confirmed');
      return { email };
    },
  );

  app.post(
    '/api/auth/verify/resend',
    {
      schema: {
        summary: 'Send the confirmation link again (to the account’s address)',
        tags: ['auth'],
        response: {
          202: { type: 'object', required: ['sentTo'], properties: { sentTo: { type: 'string' } } },
          ...errors(401, 403, 409, 429),
        },
      },
      preHandler: [
        app.requireUser,
        enforceLimits('You asked for several links already; try again in an hour', resendPerAccount),
      ],
    },
    async (req, reply) => {
      const account = signedIn(req);
      if (account.emailVerified) throw new HttpError(409, 'already_verified', 'Your address is confirmed already');
      await db.transaction((tx) => sendVerification(tx, account, clock.now()));
      return reply.code(202).send({ sentTo: account.email });
    },
  );

  app.post<{ Body: { email: string } }>(
    '/api/auth/password/forgot',
    {
      schema: {
        summary: 'Send a password reset link to this address, if an account uses it',
        description:
          'Answers 202 whether or not an account uses the address, so it tells no one which addresses have accounts.',
        tags: ['auth'],
        body: {
          type: 'object',
          required: ['email'],
          additionalProperties: false,
          properties: { email: { type: 'string', maxLength: EMAIL_MAX } },
        },
        response: {
          202: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
          ...errors(400, 429),
        },
      },
      preHandler: enforceLimits('Too many reset requests; try again later', forgotPerIp, forgotPerEmail),
    },
    async (req, reply) => {
      const email = normaliseEmail(req.body.email);
      if (!email) throw new HttpError(400, 'invalid_email', 'Enter a valid e-mail address');
      await requestPasswordReset(db, email, clock.now());
      return reply.code(202).send({
        message: `If an account uses ${email}, a link to reset its password is on its way. It works for an hour.`,
      });
    },
  );

  app.post<{ Body: { token: string; password: string } }>(
    '/api/auth/password/reset',
    {
      schema: {
        summary: 'Choose a new password with a reset link’s token; logs in, and out everywhere else',
        tags: ['auth'],
        body: {
          type: 'object',
          required: ['token', 'password'],
          additionalProperties: false,
          properties: { token: tokenField, password: { type: 'string', maxLength: PASSWORD_MAX } },
        },
        response: { 200: sessionResponse, ...errors(400, 429) },
      },
      preHandler: enforceLimits('Too many attempts; try again later', tokenPerIp),
    },
    async (req, reply) => {
      const problem = passwordProblem(req.body.password);
      if (problem) throw new HttpError(400, 'weak_password', problem);
      const accountId = await resetPassword(db, req.body.token, req.body.password, clock.now());
      req.log.info({ accountId }, 'password reset; other sessions ended');
      const csrfToken = await app.sessions.start(reply, accountId);
      const account = await findAccount(db, accountId);
      if (!account) throw new HttpError(400, 'token_unknown', 'This account no longer exists');
      return { account, csrfToken, demo: config.demo };
    },
  );

  app.get(
    '/api/account/notifications',
    {
      schema: {
        summary: 'Which programme news the account gets by e-mail',
        tags: ['account'],
        response: { 200: preferences, ...errors(401) },
      },
      preHandler: app.requireUser,
    },
    async (req) => ({ earnings: await earningsNews(signedIn(req).id) }),
  );

  app.patch<{ Body: { earnings: boolean } }>(
    '/api/account/notifications',
    {
      schema: {
        summary: 'Turn programme news by e-mail on or off',
        tags: ['account'],
        body: preferences,
        response: { 200: preferences, ...errors(400, 401, 403) },
      },
      preHandler: app.requireUser,
    },
    async (req) => ({ earnings: await setEarningsNews(signedIn(req).id, req.body.earnings) }),
  );

  // One-click unsubscribe (RFC 8058): mail clients POST `List-Unsubscribe=One-Click` as a form
  // to the List-Unsubscribe address, the token in its query; the dashboard's page sends JSON.
  app.register(async (scoped) => {
    scoped.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    const unsubscribeQuery = { type: 'object', properties: { token: tokenField } } as const;
    const accountOf = (token: string | undefined) => {
      const accountId = token ? readUnsubscribeToken(config.cookieSecret, token) : null;
      if (!accountId) throw new HttpError(400, 'invalid_token', 'This unsubscribe link is not valid');
      return accountId;
    };

    scoped.get<{ Querystring: { token?: string } }>(
      '/api/email/unsubscribe',
      {
        schema: {
          summary: 'Whom an unsubscribe link is for, and whether it still gets programme news',
          tags: ['account'],
          querystring: unsubscribeQuery,
          response: { 200: unsubscribed, ...errors(400, 404, 429) },
        },
        preHandler: enforceLimits('Too many attempts; try again later', unsubscribePerToken),
      },
      async (req) => {
        const accountId = accountOf(req.query.token);
        const { rows } = await db.query<{ email: string; earnings: boolean }>(
          'select email, notify_earnings as earnings from accounts where id = $1',
          [accountId],
        );
        const row = rows[0];
        if (!row) throw new HttpError(404, 'not_found', 'This account no longer exists');
        return { email: maskEmail(row.email), earnings: row.earnings };
      },
    );

    scoped.post<{ Querystring: { token?: string }; Body: { token?: string } | undefined }>(
      '/api/email/unsubscribe',
      {
        schema: {
          summary: 'Stop the programme news (one click, from the e-mail): no session needed, the token decides',
          tags: ['account'],
          querystring: unsubscribeQuery,
          body: {
            type: 'object',
            properties: { token: tokenField, 'List-Unsubscribe': { type: 'string', maxLength: 50 } },
          },
          response: { 200: unsubscribed, ...errors(400, 404, 415, 429) },
        },
        preHandler: enforceLimits('Too many attempts; try again later', unsubscribePerToken),
      },
      async (req) => {
        const accountId = accountOf(req.query.token ?? req.body?.token);
        const { rows } = await db.query<{ email: string }>(
          'update accounts set notify_earnings = false where id = $1 returning email',
          [accountId],
        );
        const row = rows[0];
        if (!row) throw new HttpError(404, 'not_found', 'This account no longer exists');
        req.log.info({ accountId }, 'unsubscribed from programme news');
        return { email: maskEmail(row.email), earnings: false };
      },
    );
  });

  async function earningsNews(accountId: string): Promise<boolean> {
    const { rows } = await db.query<{ on: boolean }>('select notify_earnings as on from accounts where id = $1', [
      accountId,
    ]);
    return rows[0]?.on ?? false;
  }

  /**
   * Turning the news back on starts from now: what was earned while it was off is not told
   * as if it were new.
   */
  async function setEarningsNews(accountId: string, on: boolean): Promise<boolean> {
    await db.query(
      `update accounts set notify_earnings = $2,
         earnings_told_through = case when $2 and not notify_earnings then $3 else earnings_told_through end,
         available_told_through = case when $2 and not notify_earnings then $3 else available_told_through end
       where id = $1`,
      [accountId, on, clock.now()],
    );
    return on;
  }
}
