import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords, tokens and hashes. Pure functions over node:crypto: nothing here knows about
 * requests or the database.
 */

interface ScryptCost {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/** What every password is hashed with: about 50 ms and 16 MB per hash. */
export const PASSWORD_COST: Readonly<ScryptCost> = Object.freeze({ N: 16_384, r: 8, p: 1, keyLength: 32 });

let SCRYPT: Readonly<ScryptCost> = PASSWORD_COST;

/**
 * Tests only: hashes new passwords at the lowest scrypt cost, so the thousands of sign-ups in
 * the test suite do not spend minutes hashing. Refused under NODE_ENV=production; the built
 * server never calls it (test/built-server.test.ts reads a stored hash to check).
 */
export function useTestPasswordCost(): void {
  if (process.env.NODE_ENV === 'production') throw new Error('useTestPasswordCost() is for tests only');
  SCRYPT = { N: 2, r: 1, p: 1, keyLength: PASSWORD_COST.keyLength };
}

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, length, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** A password hash: `scrypt$N$r$p$salt$key`, parameters stored so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), +n, +r, +p, expected.length);
  return timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;
/**
 * A hash to compare against when the account does not exist, so timing reveals nothing; made
 * at first use, at the cost new passwords get.
 */
export const dummyPasswordHash = (): Promise<string> => {
  dummy ??= hashPassword('not-a-real-password');
  return dummy;
};

/** A random token, URL-safe. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** sha256, hex: how tokens and API key secrets are stored. */
export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Compares two strings in constant time (for tokens the client sends back). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const CODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'; // no 0/o, 1/l: codes are read aloud and retyped

/** A random string over an alphabet, without modulo bias (the alphabet has 32 letters). */
export function randomCode(length: number, alphabet = CODE_ALPHABET): string {
  if (256 % alphabet.length !== 0) throw new Error('alphabet length must divide 256');
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

/**
 * A salted hash of an IP address: what clicks and signups keep instead of the address, so the
 * fraud checks can compare two visits without the platform storing where anyone was.
 */
export function ipHasher(secret: string): (ip: string) => string {
  const salt = createHash('sha256').update(`ip-hash:${secret}`).digest('hex');
  return (ip: string) => createHash('sha256').update(`${salt}:${ip}`).digest('hex').slice(0, 32);
}

const unsubscribeMac = (secret: string, accountId: string) =>
  createHmac('sha256', secret).update(`unsubscribe:${accountId}`).digest('base64url').slice(0, 32);

/**
 * The token of an account's unsubscribe link: its id and an HMAC of it, so the link works from
 * any mail client without a session, for good, and names no one else's account.
 */
export const unsubscribeToken = (secret: string, accountId: string): string =>
  `${accountId}.${unsubscribeMac(secret, accountId)}`;

/** The account an unsubscribe token names, or null if it was not made with this secret. */
export function readUnsubscribeToken(secret: string, token: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const accountId = token.slice(0, dot);
  return safeEqual(token.slice(dot + 1), unsubscribeMac(secret, accountId)) ? accountId : null;
}
