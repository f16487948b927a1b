import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { logFailure } from '../db/outage.ts';
import {
  deleteSession,
  findSession,
  insertSession,
  pruneSessions,
  type SessionAccount,
} from '../db/queries/accounts.ts';
import { addDays } from '../domain/clock.ts';
import { randomToken, safeEqual, sha256Hex } from '../domain/secrets.ts';
import { HttpError } from '../errors.ts';

export const SESSION_COOKIE = 'cb_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account; set by `requireUser` and `requireAdmin`. */
    account: SessionAccount | null;
  }
  interface FastifyInstance {
    /** preHandler: 401 without a live session; 403 on a state-changing request without its CSRF token. */
    requireUser(req: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** preHandler: as requireUser, and 403 unless the account is the operator. */
    requireAdmin(req: FastifyRequest, reply: FastifyReply): Promise<void>;
    sessions: {
      /** Starts a session for the account and sets its cookie; returns the CSRF token. */
      start(reply: FastifyReply, accountId: string): Promise<string>;
      /** Ends the request's session, if any, and clears its cookie. */
      end(req: FastifyRequest, reply: FastifyReply): Promise<void>;
      /** The request's live session, if any. */
      read(req: FastifyRequest): Promise<{ account: SessionAccount; csrfToken: string; demo: boolean } | null>;
    };
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * The signed-in account of a route behind `requireUser` or `requireAdmin`. Those have set it;
 * a route that forgot them answers 401 here rather than act for nobody.
 */
export function signedIn(req: FastifyRequest): SessionAccount {
  if (!req.account) throw new HttpError(401, 'unauthenticated', 'Log in to continue');
  return req.account;
}

/**
 * Sessions and authorisation. The cookie carries a random token (httpOnly, SameSite=Lax,
 * Secure on https); the database keeps only its hash. State-changing requests need the
 * session's CSRF token in a header, which another site cannot read or set; login and signup,
 * which have no session yet, take only JSON, which a cross-site form cannot send without a
 * CORS preflight the API never grants.
 */
export default fp(
  async (app) => {
    const { db, config, clock } = app;
    const secure = config.publicOrigin.startsWith('https:');
    app.decorateRequest('account', null);

    const read = async (req: FastifyRequest) => {
      const token = req.cookies[SESSION_COOKIE];
      if (!token || token.length > 100) return null;
      const session = await findSession(db, sha256Hex(token), clock.now());
      return session && { ...session, demo: config.demo };
    };

    const requireUser = async (req: FastifyRequest) => {
      const session = await read(req);
      if (!session) throw new HttpError(401, 'unauthenticated', 'Log in to continue');
      if (!SAFE_METHODS.has(req.method)) {
        const sent = req.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
          throw new HttpError(403, 'csrf', `This request needs the session's ${CSRF_HEADER} header`);
        }
      }
      req.account = session.account;
    };

    app.decorate('requireUser', requireUser);
    app.decorate('requireAdmin', async (req: FastifyRequest) => {
      await requireUser(req);
      if (req.account?.role !== 'admin') throw new HttpError(403, 'forbidden', 'Only the operator can do this');
    });
    app.decorate('sessions', {
      read,
      async start(reply: FastifyReply, accountId: string) {
        const token = randomToken();
        const csrfToken = randomToken(24);
        const now = clock.now();
        await insertSession(db, {
          tokenHash: sha256Hex(token),
          accountId,
          csrfToken,
          createdAt: now,
          expiresAt: addDays(now, config.sessionDays),
        });
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'lax',
          secure,
          path: '/',
          maxAge: config.sessionDays * 86_400,
        });
        return csrfToken;
      },
      async end(req: FastifyRequest, reply: FastifyReply) {
        const token = req.cookies[SESSION_COOKIE];
        if (token) await deleteSession(db, sha256Hex(token));
        reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
      },
    });

    const prune = setInterval(() => {
      pruneSessions(db, clock.now()).catch((err) => logFailure(app.log, err, 'pruning sessions failed'));
    }, PRUNE_EVERY_MS);
    prune.unref();
    app.addHook('onClose', async () => clearInterval(prune));
  },
  { name: 'auth', dependencies: ['db'] },
);
