/**
 * The payout details checked in the browser before they are sent, by the same rules the server
 * applies (server/src/domain/payout-details.ts), so a typo is caught beside its field at once.
 * The server checks again; its answer wins. Pure.
 */

/** The SWIFT IBAN registry's length per country (release 98, 2024), as the server has it. */
// biome-ignore format: a table reads better packed
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

/** ISO 13616 mod-97 over the rearranged IBAN (letters count as 10..35), a character at a time. */
function mod97(iban: string): number {
  let rest = 0;
  for (const ch of iban.slice(4) + iban.slice(0, 4)) {
    const value = Number.parseInt(ch, 36);
    rest = value < 10 ? (rest * 10 + value) % 97 : (rest * 100 + value) % 97;
  }
  return rest;
}

export type Checked<K extends string> = ({ ok: true } & Record<K, string>) | { ok: false; problem: string };

/**
 * An IBAN as typed (spaces and lower case allowed), checked for its country's length and its
 * mod-97 check digits; `iban` is its electronic form (upper case, no spaces).
 */
export function checkIban(raw: string): Checked<'iban'> {
  const iban = raw.replace(/[\s\u00a0]+/g, '').toUpperCase();
  if (!iban) return { ok: false, problem: 'Enter the IBAN of the account to pay into' };
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) {
    return {
      ok: false,
      problem: 'An IBAN starts with a country code and two check digits, then letters and digits only',
    };
  }
  const country = iban.slice(0, 2);
  const length = IBAN_LENGTHS[country];
  if (!length) return { ok: false, problem: `${country} is not a country that uses IBANs` };
  if (iban.length !== length) {
    return { ok: false, problem: `An IBAN from ${country} has ${length} characters; this one has ${iban.length}` };
  }
  // 00, 01 and 99 are never issued (99 would pass the checksum as 02 does).
  const check = iban.slice(2, 4);
  if (check === '00' || check === '01' || check === '99' || mod97(iban) !== 1) {
    return { ok: false, problem: 'This IBAN’s check digits do not match: please check it for a typo' };
  }
  return { ok: true, iban };
}

/** "DE89370400440532013000" → "DE89 3704 0044 0532 0130 00", as banks print it. */
export const formatIban = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ');

/** An IBAN with only its country, check digits and last four shown: "DE89 •••• 3000". */
export const maskIban = (iban: string): string => `${iban.slice(0, 4)} •••• ${iban.slice(-4)}`;

const HOLDER_NAME_MAX = 70;

/** The account holder's name, trimmed, with single spaces. */
export function checkHolderName(raw: string): Checked<'holderName'> {
  const holderName = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!holderName) return { ok: false, problem: 'Enter the name of the account holder' };
  if (holderName.length > HOLDER_NAME_MAX) {
    return { ok: false, problem: `The holder’s name can have at most ${HOLDER_NAME_MAX} characters` };
  }
  if (!/^[\p{L}\p{M}\p{N} .,'’&()/-]+$/u.test(holderName) || !/\p{L}/u.test(holderName)) {
    return { ok: false, problem: "The holder’s name can have letters, digits, spaces and . , ' & ( ) / - only" };
  }
  return { ok: true, holderName };
}

const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]+\.[^\s@.]{2,}$/;

/** A PayPal account's e-mail address, trimmed and in lower case. */
export function checkPaypalEmail(raw: string): Checked<'email'> {
  const email = raw.trim().toLowerCase();
  if (!email) return { ok: false, problem: 'Enter the e-mail address of your PayPal account' };
  if (email.length > 254 || !EMAIL_RE.test(email)) {
    return { ok: false, problem: 'This does not look like an e-mail address: check it for a typo' };
  }
  return { ok: true, email };
}

/** "ana@example.com" → "a•••@example.com", as the server hints a PayPal address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  return `${local.length > 1 ? local[0] : ''}•••${email.slice(at)}`;
}

export type PayoutMethod = 'paypal' | 'bank_transfer';

export interface PayoutInput {
  method: PayoutMethod | null;
  email: string;
  iban: string;
  holderName: string;
}

export type PayoutField = 'method' | 'email' | 'iban' | 'holderName';

/** What goes to POST /api/payouts, and where it goes in words (masked) for the confirmation. */
export type PayoutRequest =
  | { body: { method: 'paypal'; email: string }; destination: string }
  | { body: { method: 'bank_transfer'; iban: string; holderName: string }; destination: string };

/**
 * The payout form checked as a whole: the request to send, or each field's problem (in the
 * order of the form, so the first can take the focus).
 */
export function checkPayout(input: PayoutInput): PayoutRequest | { errors: Partial<Record<PayoutField, string>> } {
  if (input.method === 'paypal') {
    const email = checkPaypalEmail(input.email);
    if (!email.ok) return { errors: { email: email.problem } };
    return { body: { method: 'paypal', email: email.email }, destination: `PayPal account ${maskEmail(email.email)}` };
  }
  if (input.method === 'bank_transfer') {
    const iban = checkIban(input.iban);
    const holder = checkHolderName(input.holderName);
    if (!iban.ok || !holder.ok) {
      return {
        errors: {
          ...(iban.ok ? {} : { iban: iban.problem }),
          ...(holder.ok ? {} : { holderName: holder.problem }),
        },
      };
    }
    return {
      body: { method: 'bank_transfer', iban: iban.iban, holderName: holder.holderName },
      destination: `bank account ${maskIban(iban.iban)} (${holder.holderName})`,
    };
  }
  return { errors: { method: 'Choose how you want to be paid' } };
}
