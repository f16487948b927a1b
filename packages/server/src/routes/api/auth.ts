import { REFERRAL_CODE_RE } from '@callbell/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findLogin, findReferrer } from '../../db/queries/accounts.ts';
import { EMAIL_MAX, normaliseEmail, PASSWORD_MAX, passwordProblem } from '../../domain/accounts.ts';
import {
  ATTRIBUTION_COOKIE,
  type AttributionSeal,
  attributionSeal,
  type CookieAttribution,
  chooseAttribution,
} from '../../domain/attribution.ts';
import { addDays } from '../../domain/clock.ts';
import { evidenceNetworks } from '../../domain/network.ts';
import { maskEmail } from '../../domain/rewards-text.ts';
import { dummyPasswordHash, ipHasher, verifyPassword } from '../../domain/secrets.ts';
import { HttpError } from '../../errors.ts';
import { enforceLimits, rateLimit } from '../../rate-limit.ts';
import { loggedInFrom } from '../../services/network-clusters.ts';
import { signup } from '../../services/signup.ts';
import { accountSchema, dateTimeSchema, errors } from './schemas.ts';

interface Credentials {
  email: string;
  password: string;
  ref?: string;
}

const credentials = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', maxLength: EMAIL_MAX },
    password: { type: 'string', maxLength: PASSWORD_MAX },
    ref: { type: 'string', maxLength: 64, description: 'the referral code from the landing page, if any' },
  },
} as const;

/** What the attribution rule reads from a request: the /r cookie (its seal checked) and a ref. */
function attributionInput(
  req: FastifyRequest,
  ref: string | undefined,
  sealed: AttributionSeal,
): { cookie: CookieAttribution | null; refParam: string | null } {
  const value = req.cookies[ATTRIBUTION_COOKIE];
  const code = ref?.trim().toLowerCase();
  return {
    cookie: value ? sealed.open(value, (v) => req.unsignCookie(v)) : null,
    refParam: code && REFERRAL_CODE_RE.test(code) ? code : null,
  };
}

export const sessionResponse = {
  type: 'object',
  required: ['account', 'csrfToken'],
  properties: {
    account: accountSchema,
    csrfToken: { type: 'string' },
    referred: { type: 'boolean' },
    demo: { type: 'boolean', description: 'this server runs the demo (CALLBELL_DEMO): demo sites, the demo console' },
  },
} as const;

/**
 * /api/auth: sign up, log in, log out, and who am I. Signup binds the referral from the
 * attribution cookie (or the `ref` the landing page passes on) and starts a session.
 */
export default async function authRoutes(app: FastifyInstance) {
  const { config, db, clock } = app;
  const hashIp = ipHasher(config.cookieSecret);
  const sealed = attributionSeal(config.cookieSecret);
  // Made now, so the first log-in to an unknown address takes no longer than any other.
  void dummyPasswordHash();
  // Per address and per e-mail: a guessing run is slowed whether it spreads over accounts or
  // over addresses. Counters are shared through Redis when it is configured.
  const loginPerIp = rateLimit(app, { max: 30, timeWindow: 15 * 60_000, keyGenerator: (r) => `login-ip:${r.ip}` });
  const loginPerEmail = rateLimit(app, {
    max: 10,
    timeWindow: 15 * 60_000,
    keyGenerator: (r) =>
      `login-email:${String((r.body as Credentials).email)
        .trim()
        .toLowerCase()}`,
  });
  const signupPerIp = rateLimit(app, { max: 20, timeWindow: 60 * 60_000, keyGenerator: (r) => `signup:${r.ip}` });
  // Codes are public (every free widget's footer shows one): looking them up is paced per address.
  const invitationPerIp = rateLimit(app, { max: 60, timeWindow: 60_000, keyGenerator: (r) => `invitation:${r.ip}` });
  app.post<{ Body: Credentials }>(
    '/api/auth/signup',
    {
      schema: {
        summary: 'Create an account (with its referral code and first widget) and log in',
        tags: ['auth'],
        body: credentials,
        response: { 201: sessionResponse, ...errors(400, 409, 429) },
      },
      preHandler: enforceLimits('Too many signups from this address; try again later', signupPerIp),
    },
    async (req, reply) => {
      const email = normaliseEmail(req.body.email);
      if (!email) throw new HttpError(400, 'invalid_email', 'Enter a valid e-mail address');
      // The operator's address is reserved for the start-up bootstrap (services/operator.ts):
      // whoever signed up with it first would otherwise be a candidate for the admin role.
      if (email === config.adminEmail) {
        throw new HttpError(409, 'email_taken', 'An account with this e-mail already exists');
      }
      const problem = passwordProblem(req.body.password);
      if (problem) throw new HttpError(400, 'weak_password', problem);
      const result = await signup(db, config, {
        email,
        password: req.body.password,
        ipHash: hashIp(req.ip),
        network: evidenceNetworks(req.ip, hashIp),
        ...attributionInput(req, req.body.ref, sealed),
        now: clock.now(),
      });
      req.log.info({ accountId: result.account.id, referred: result.referred }, 'account created');
      const csrfToken = await app.sessions.start(reply, result.account.id);
      return reply.code(201).send({ account: result.account, csrfToken, referred: result.referred, demo: config.demo });
    },
  );

  app.get<{ Querystring: { ref?: string } }>(
    '/api/auth/invitation',
    {
      schema: {
        summary: 'Who a signup from this browser would be referred by, as signup would decide it',
        tags: ['auth'],
        querystring: {
          type: 'object',
          properties: { ref: { type: 'string', maxLength: 64, description: 'the `ref` the landing page got' } },
        },
        response: {
          200: {
            type: 'object',
            required: ['invitation'],
            properties: {
              invitation: {
                type: ['object', 'null'],
                required: ['referralCode', 'referrer', 'via', 'validUntil'],
                properties: {
                  referralCode: { type: 'string' },
                  referrer: { type: 'string', description: 'the ambassador, masked: an***@example.com' },
                  via: { type: 'string', enum: ['cookie', 'param'] },
                  validUntil: { ...dateTimeSchema, type: ['string', 'null'], description: 'when the cookie expires' },
                },
              },
            },
          },
          ...errors(400, 429),
        },
      },
      preHandler: enforceLimits('Too many look-ups from this address; try again in a minute', invitationPerIp),
    },
    async (req) => {
      const { cookie, refParam } = attributionInput(req, req.query.ref, sealed);
      const windowDays = config.programme.attributionWindowDays;
      const chosen = chooseAttribution({ cookie, param: refParam, now: clock.now(), windowDays });
      const referrer = chosen ? await findReferrer(db, chosen.code) : null;
      if (!chosen || !referrer) return { invitation: null };
      const validUntil = chosen.via === 'cookie' && cookie ? addDays(new Date(cookie.at * 1000), windowDays) : null;
      return {
        invitation: { referralCode: chosen.code, referrer: maskEmail(referrer.email), via: chosen.via, validUntil },
      };
    },
  );

  app.post<{ Body: Credentials }>(
    '/api/auth/login',
    {
      schema: {
        summary: 'Log in',
        tags: ['auth'],
        body: credentials,
        response: { 200: sessionResponse, ...errors(400, 401, 429) },
      },
      preHandler: enforceLimits('Too many attempts; try again later', loginPerIp, loginPerEmail),
    },
    async (req, reply) => {
      const found = await findLogin(db, req.body.email.trim());
      // The same work whether or not the account exists, so timing does not tell.
      const ok = await verifyPassword(req.body.password, found?.passwordHash ?? (await dummyPasswordHash()));
      if (!found?.passwordHash || !ok) throw new HttpError(401, 'bad_credentials', 'Wrong e-mail or password');
      const { passwordHash: _, ...account } = found;
      // Evidence for the fraud checks: a network new to the account may link it to others.
      await loggedInFrom(db, account.id, evidenceNetworks(req.ip, hashIp), clock.now());
      const csrfToken = await app.sessions.start(reply, account.id);
      return { account, csrfToken, demo: config.demo };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { summary: 'Log out', tags: ['auth'], response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      // No CSRF check: the worst a forged logout does is log someone out.
      await app.sessions.end(req, reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: { summary: 'The signed-in account', tags: ['auth'], response: { 200: sessionResponse, ...errors(401) } },
    },
    async (req) => {
      const session = await app.sessions.read(req);
      if (!session) throw new HttpError(401, 'unauthenticated', 'Log in to continue');
      return session;
    },
  );
}
