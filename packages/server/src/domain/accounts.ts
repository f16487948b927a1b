/**
 * Rules about accounts that need no database: what a valid e-mail and password are, the
 * canonical form of an address (for self-referral checks), disposable domains.
 */

export const EMAIL_MAX = 254;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]+\.[^\s@.]{2,}$/;

/** The address as stored: trimmed, lower-case. Null if it is not an e-mail address. */
export function normaliseEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return email.length <= EMAIL_MAX && EMAIL_RE.test(email) ? email : null;
}

const GMAIL = new Set(['gmail.com', 'googlemail.com']);

/**
 * The form two addresses of one mailbox share: no `+tag`, and for Gmail no dots in the local
 * part. Used to refuse self-referral, never to store or send mail.
 */
export function canonicalEmail(email: string): string {
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at).toLowerCase();
  let domain = email.slice(at + 1).toLowerCase();
  local = local.split('+')[0] ?? local;
  if (GMAIL.has(domain)) {
    domain = 'gmail.com';
    local = local.replaceAll('.', '');
  }
  return `${local}@${domain}`;
}

/** Throwaway-mailbox providers: a referee on one is flagged for the operator, not refused. */
const DISPOSABLE = new Set([
  '10minutemail.com',
  'discard.email',
  'dispostable.com',
  'emailondeck.com',
  'fakeinbox.com',
  'getnada.com',
  'guerrillamail.com',
  'guerrillamail.net',
  'maildrop.cc',
  'mailinator.com',
  'mailnesia.com',
  'mintemail.com',
  'mohmal.com',
  'sharklasers.com',
  'spamgourmet.com',
  'temp-mail.org',
  'tempmail.com',
  'tempmailo.com',
  'throwawaymail.com',
  'trashmail.com',
  'yopmail.com',
]);

/** True when the address is at a known disposable-mailbox domain (or a subdomain of one). */
export function isDisposableEmail(email: string): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  for (let d = domain; d.includes('.'); d = d.slice(d.indexOf('.') + 1)) if (DISPOSABLE.has(d)) return true;
  return false;
}

/** Why a password is refused, or null if it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `The password needs at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `The password can have at most ${PASSWORD_MAX} characters`;
  return null;
}
