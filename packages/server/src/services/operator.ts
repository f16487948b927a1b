import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { findLogin } from '../db/queries/accounts.ts';
import { HttpError } from '../errors.ts';
import { signup } from './signup.ts';

export type OperatorOutcome = 'not_configured' | 'exists' | 'created' | 'needs_password' | 'taken_by_user';

/**
 * Makes sure the operator's account exists, from ADMIN_EMAIL and ADMIN_PASSWORD. Nobody becomes
 * the operator by signing up: the API refuses that address, and an account that holds it
 * without the admin role (made before ADMIN_EMAIL was set) is never promoted, since nothing
 * proves its owner reads that mailbox. Safe to run at every start.
 */
export async function ensureOperator(db: Db, config: Config, now: Date): Promise<OperatorOutcome> {
  const email = config.adminEmail;
  if (!email) return 'not_configured';
  const existing = await findLogin(db, email);
  if (existing) return existing.role === 'admin' ? 'exists' : 'taken_by_user';
  if (!config.adminPassword) return 'needs_password';
  try {
    await signup(db, config, {
      email,
      password: config.adminPassword,
      role: 'admin',
      emailVerified: true,
      ipHash: '',
      cookie: null,
      refParam: null,
      now,
    });
  } catch (err) {
    // Another instance starting at the same moment created it first.
    if (err instanceof HttpError && err.code === 'email_taken') return ensureOperator(db, config, now);
    throw err;
  }
  return 'created';
}
