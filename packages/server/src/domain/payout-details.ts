import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { normaliseEmail } from './accounts.ts';

/**
 * How an ambassador is paid: a PayPal address, or an IBAN and its holder. Validated here, then
 * kept only encrypted (AES-256-GCM) with a hint that is safe to show. Pure: node:crypto only.
 */

export const PAYOUT_METHODS = ['paypal', 'bank_transfer'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

export type PayoutDetails =
  | { method: 'paypal'; email: string }
  | { method: 'bank_transfer'; iban: string; holderName: string };

/** What a client sends: the method and the fields it may need, none trusted yet. */
export interface PayoutDetailsInput {
  method: PayoutMethod;
  email?: string;
  iban?: string;
  holderName?: string;
}

/** The SWIFT IBAN registry's length per country (release 98, 2024). */
// biome-ignore format: a table reads better packed
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

/** ISO 13616 mod-97 over the rearranged IBAN (letters as 10..35), one character at a time. */
function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const value = Number.parseInt(ch, 36);
    rest = value < 10 ? (rest * 10 + value) % 97 : (rest * 100 + value) % 97;
  }
  return rest;
}

/**
 * The IBAN in its electronic form (upper case, no spaces), or a sentence saying what is wrong.
 * Spaces are allowed anywhere, as people copy IBANs in groups of four.
 */
export function parseIban(raw: string): { iban: string } | { problem: string } {
  const iban = raw.replace(/[ \u00a0]+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) {
    return { problem: 'An IBAN starts with a country code and two check digits, then letters and digits only' };
  }
  const country = iban.slice(0, 2);
  const length = IBAN_LENGTHS[country];
  if (!length) return { problem: `${country} is not a country that uses IBANs` };
  if (iban.length !== length) {
    return { problem: `An IBAN from ${country} has ${length} characters; this one has ${iban.length}` };
  }
  // 00, 01 and 99 are never issued: 99 ≡ 02 (mod 97) would otherwise pass the checksum.
  const check = iban.slice(2, 4);
  if (check === '00' || check === '01' || check === '99' || ibanMod97(iban) !== 1) {
    return { problem: 'This IBAN’s check digits do not match: please check it for a typo' };
  }
  return { iban };
}

export const HOLDER_NAME_MAX = 70; // what a SEPA credit transfer carries

/** The account holder's name, trimmed and with single spaces, or a sentence saying what is wrong. */
export function parseHolderName(raw: string | undefined): { holderName: string } | { problem: string } {
  const holderName = (raw ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!holderName) return { problem: 'Enter the name of the account holder' };
  if (holderName.length > HOLDER_NAME_MAX) {
    return { problem: `The holder's name can have at most ${HOLDER_NAME_MAX} characters` };
  }
  // Names of people and companies ("ACME GmbH & Co. KG"); no markup, no control characters.
  if (!/^[\p{L}\p{M}\p{N} .,'’&()/-]+$/u.test(holderName) || !/\p{L}/u.test(holderName)) {
    return { problem: "The holder’s name can have letters, digits, spaces and . , ' & ( ) / - only" };
  }
  return { holderName };
}

/**
 * Validates what a client sent for its method; extra fields of the other method are ignored.
 * Returns the details in canonical form, or the field at fault and why.
 */
export function parsePayoutDetails(
  input: PayoutDetailsInput,
): { details: PayoutDetails } | { field: 'email' | 'iban' | 'holderName'; problem: string } {
  if (input.method === 'paypal') {
    const email = normaliseEmail(input.email ?? '');
    if (!email) return { field: 'email', problem: 'Enter the e-mail address of your PayPal account' };
    return { details: { method: 'paypal', email } };
  }
  const iban = parseIban(input.iban ?? '');
  if ('problem' in iban) return { field: 'iban', problem: iban.problem };
  const holder = parseHolderName(input.holderName);
  if ('problem' in holder) return { field: 'holderName', problem: holder.problem };
  return { details: { method: 'bank_transfer', iban: iban.iban, holderName: holder.holderName } };
}

/**
 * What may be shown wherever the details cannot: an IBAN's last four characters, or the PayPal
 * address with all but the first character of its local part masked.
 */
export function detailsHint(details: PayoutDetails): string {
  if (details.method === 'bank_transfer') return `•••• ${details.iban.slice(-4)}`;
  const at = details.email.lastIndexOf('@');
  const local = details.email.slice(0, at);
  return `${local.length > 1 ? local[0] : ''}•••${details.email.slice(at)}`;
}

const VERSION = 'v1';
const IV_BYTES = 12; // GCM's standard nonce; random per encryption, so a key may encrypt ~2^32 times
const TAG_BYTES = 16;

/**
 * The associated data binds a ciphertext to its account: details copied onto another
 * account's payout fail to decrypt instead of paying the wrong person.
 */
const aad = (accountId: string) => Buffer.from(`payout-details:${VERSION}:${accountId}`, 'utf8');

/** Encrypts the details for storage: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function encryptDetails(details: PayoutDetails, key: Buffer, accountId: string): string {
  if (key.length !== 32) throw new RangeError('the payout key must be 32 bytes');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(accountId));
  const body = Buffer.concat([cipher.update(JSON.stringify(details), 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Decrypts stored details; throws if the text was altered, belongs to another account or another key. */
export function decryptDetails(stored: string, key: Buffer, accountId: string): PayoutDetails {
  const [version, iv, tag, body, ...rest] = stored.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined || rest.length) {
    throw new Error('unknown payout details format');
  }
  // Node's decoder skips what is not base64url and trailing bits: only a canonical part is accepted.
  const [ivBytes, tagBytes, bodyBytes] = [iv, tag, body].map((part) => {
    const bytes = Buffer.from(part, 'base64url');
    if (bytes.toString('base64url') !== part) throw new Error('unknown payout details format');
    return bytes;
  }) as [Buffer, Buffer, Buffer];
  const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(accountId));
  decipher.setAuthTag(tagBytes);
  const text = Buffer.concat([decipher.update(bodyBytes), decipher.final()]).toString('utf8');
  return JSON.parse(text) as PayoutDetails;
}
