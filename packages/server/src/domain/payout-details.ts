import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { maskPaypalEmail, parseHolderName, parseIban, parsePaypalEmail } from '@callbell/protocol';

/**
 * How an ambassador is paid: a PayPal address, or an IBAN and its holder. Validated by the
 * rules the dashboard checks them with (protocol's payout-rules), then kept only encrypted
 * (AES-256-GCM) with a hint that is safe to show. Pure: node:crypto only.
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

/**
 * Validates what a client sent for its method; extra fields of the other method are ignored.
 * Returns the details in canonical form, or the field at fault and why.
 */
export function parsePayoutDetails(
  input: PayoutDetailsInput,
): { details: PayoutDetails } | { field: 'email' | 'iban' | 'holderName'; problem: string } {
  if (input.method === 'paypal') {
    const email = parsePaypalEmail(input.email);
    if ('problem' in email) return { field: 'email', problem: email.problem };
    return { details: { method: 'paypal', email: email.email } };
  }
  const iban = parseIban(input.iban);
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
  return details.method === 'bank_transfer' ? `•••• ${details.iban.slice(-4)}` : maskPaypalEmail(details.email);
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
