/**
 * How payout details are checked: by the dashboard as they are typed, and by the server before
 * they are stored. One set of rules and one set of sentences, so a detail the dashboard accepts
 * is one the server accepts, and a refusal reads the same wherever it comes from. Pure.
 */

/** A value in its canonical form, or a sentence saying what is wrong with it. */
export type Parsed<K extends string> = Record<K, string> | { problem: string };

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

/**
 * An IBAN as typed or pasted, in its electronic form: upper case, without the spaces people
 * group it with (any white space, including the non-breaking and narrow ones PDFs copy).
 */
export const normaliseIban = (raw: string | undefined): string => (raw ?? '').replace(/\s+/g, '').toUpperCase();

/** ISO 13616 mod-97 over the rearranged IBAN (letters as 10..35), one character at a time. */
function ibanMod97(iban: string): number {
  let rest = 0;
  for (const ch of iban.slice(4) + iban.slice(0, 4)) {
    const value = Number.parseInt(ch, 36);
    rest = value < 10 ? (rest * 10 + value) % 97 : (rest * 100 + value) % 97;
  }
  return rest;
}

/** An IBAN checked for its country's length and its mod-97 check digits, in electronic form. */
export function parseIban(raw: string | undefined): Parsed<'iban'> {
  const iban = normaliseIban(raw);
  if (!iban) return { problem: 'Enter the IBAN of the account to pay into' };
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

/** What a SEPA credit transfer carries of the holder's name. */
export const HOLDER_NAME_MAX = 70;

/** The account holder's name, trimmed and with single spaces: a person's or a company's. */
export function parseHolderName(raw: string | undefined): Parsed<'holderName'> {
  const holderName = (raw ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!holderName) return { problem: 'Enter the name of the account holder' };
  if (holderName.length > HOLDER_NAME_MAX) {
    return { problem: `The holder’s name can have at most ${HOLDER_NAME_MAX} characters` };
  }
  // Names of people and companies ("ACME GmbH & Co. KG"); no markup, no control characters.
  if (!/^[\p{L}\p{M}\p{N} .,'’&()/-]+$/u.test(holderName) || !/\p{L}/u.test(holderName)) {
    return { problem: "The holder’s name can have letters, digits, spaces and . , ' & ( ) / - only" };
  }
  return { holderName };
}

/** The longest e-mail address (RFC 5321's path limit less its angle brackets). */
export const PAYPAL_EMAIL_MAX = 254;
const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]+\.[^\s@.]{2,}$/;

/** A PayPal account's e-mail address, trimmed and in lower case. */
export function parsePaypalEmail(raw: string | undefined): Parsed<'email'> {
  const email = (raw ?? '').trim().toLowerCase();
  if (!email) return { problem: 'Enter the e-mail address of your PayPal account' };
  if (email.length > PAYPAL_EMAIL_MAX || !EMAIL_RE.test(email)) {
    return { problem: 'This does not look like an e-mail address: check it for a typo' };
  }
  return { email };
}

/** "ana@example.com" → "a•••@example.com": a PayPal address as it may be shown. */
export function maskPaypalEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  return `${local.length > 1 ? local[0] : ''}•••${email.slice(at)}`;
}
