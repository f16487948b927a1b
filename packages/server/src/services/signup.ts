import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { emailTaken, findReferrer, insertAccount, type Role, type SessionAccount } from '../db/queries/accounts.ts';
import { queueEmail } from '../db/queries/emails.ts';
import { recordAccountNetwork } from '../db/queries/network-evidence.ts';
import { holdClusters } from '../db/queries/referral-holds.ts';
import { findClick, insertReferral } from '../db/queries/referrals.ts';
import { canonicalEmail, isDisposableEmail } from '../domain/accounts.ts';
import { type CookieAttribution, chooseAttribution, suspicion } from '../domain/attribution.ts';
import { DEFAULT_WIDGET_SETTINGS } from '../domain/default-widget.ts';
import type { EvidenceNetwork } from '../domain/network.ts';
import { maskEmail } from '../domain/rewards-text.ts';
import { hashPassword, randomCode, randomToken } from '../domain/secrets.ts';
import { HttpError } from '../errors.ts';
import { sendVerification } from './account-email.ts';

export interface SignupInput {
  email: string;
  /** Only the operator's start-up bootstrap passes 'admin'; signup through the API never does. */
  role?: Role;
  password: string;
  /** `password` already hashed (hashPassword): the demo seed hashes its accounts' ahead, in parallel. */
  passwordHash?: string;
  /** The address needs no confirmation (the operator's, which comes from configuration). */
  emailVerified?: boolean;
  ipHash: string;
  /** The network signed up from, hashed (domain/network.ts evidenceNetworks); null if unknown. */
  network?: EvidenceNetwork | null;
  cookie: CookieAttribution | null;
  refParam: string | null;
  now: Date;
}

export interface SignupResult {
  account: SessionAccount;
  widgetId: string;
  /** Whether the account was bound to a referrer (flagged or not: that is the operator's business). */
  referred: boolean;
}

const CODE_LENGTH = 8; // 32^8 ≈ 1.1 × 10^12 codes: short enough to type, too many to guess

/**
 * Creates an account with its referral code and first widget, and binds it to its referrer
 * with the programme's terms of today, all in one transaction: a failure leaves nothing.
 * Self-referral binds nothing; suspicious referrals bind flagged, for the operator.
 */
export async function signup(db: Db, config: Config, input: SignupInput): Promise<SignupResult> {
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
  const role = input.role ?? 'user';
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = await db.transaction(async (tx) => {
      const account = await insertAccount(tx, {
        id: `acc_${randomToken(12)}`,
        email: input.email,
        passwordHash,
        role,
        referralCode: randomCode(CODE_LENGTH),
        signupIpHash: input.ipHash,
        createdAt: input.now,
        emailVerifiedAt: input.emailVerified ? input.now : null,
      });
      if (!account) return null; // the e-mail (checked below) or, rarely, the code was taken
      if (!account.emailVerified) await sendVerification(tx, account, input.now);
      const widgetId = `wdg_${randomToken(12)}`;
      await tx.query(
        `insert into widgets (id, account_id, settings, created_at, updated_at) values ($1, $2, $3, $4, $4)`,
        [widgetId, account.id, JSON.stringify(DEFAULT_WIDGET_SETTINGS), input.now],
      );
      if (input.network) await recordAccountNetwork(tx, account.id, input.network, 'signup', input.now);
      const referred = await bindReferral(tx, config, account, input);
      return { account, widgetId, referred };
    });
    if (result) return result;
    if (await emailTaken(db, input.email))
      throw new HttpError(409, 'email_taken', 'An account with this e-mail already exists');
  }
  throw new Error('could not allocate a unique referral code');
}

async function bindReferral(db: Db, config: Config, account: SessionAccount, input: SignupInput): Promise<boolean> {
  const { programme } = config;
  const chosen = chooseAttribution({
    cookie: input.cookie,
    param: input.refParam,
    now: input.now,
    windowDays: programme.attributionWindowDays,
  });
  if (!chosen) return false;
  const referrer = await findReferrer(db, chosen.code);
  if (!referrer || referrer.id === account.id) return false;
  if (canonicalEmail(referrer.email) === canonicalEmail(account.email)) return false; // self-referral
  const click = chosen.clickId ? await findClick(db, chosen.clickId, referrer.id) : null;
  const flag = suspicion({
    refereeEmail: account.email,
    refereeIpHash: input.ipHash,
    referrerIpHash: referrer.signupIpHash,
    isDisposable: isDisposableEmail,
  });
  const id = await insertReferral(db, {
    referrerId: referrer.id,
    refereeId: account.id,
    clickId: click?.id ?? null,
    source: click?.source ?? 'param',
    campaign: click?.campaign ?? null,
    widgetId: click?.widgetId ?? null,
    installBountyCents: programme.installBountyCents,
    commissionRateBps: programme.commissionRateBps,
    holdDays: programme.holdDays,
    flaggedReason: flag,
    createdAt: input.now,
  });
  // The new referee may share networks with the referrer or its other referees: a cluster,
  // held for the operator (with its referrer told, as below).
  if (id !== null) await holdClusters(db, referrer.id, input.now);
  if (id !== null && flag) {
    // The ambassador hears that this one waits for a person, not why: the checks stay private.
    await queueEmail(db, {
      accountId: referrer.id,
      message: { kind: 'referral_held', referee: maskEmail(account.email) },
      dedupeKey: `referral_held:${id}`,
      now: input.now,
    });
  }
  return id !== null;
}
