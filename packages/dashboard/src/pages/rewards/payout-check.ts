import { maskPaypalEmail, parseHolderName, parseIban, parsePaypalEmail } from '@callbell/protocol';

/**
 * The payout form checked in the browser before it is sent, by the rules the server applies
 * (protocol's payout-rules), so a typo is caught beside its field at once and in the words the
 * server would use. The server checks again; its answer wins. Pure.
 */

/** "DE89370400440532013000" → "DE89 3704 0044 0532 0130 00", as banks print it. */
export const formatIban = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ');

/** An IBAN with only its country, check digits and last four shown: "DE89 •••• 3000". */
export const maskIban = (iban: string): string => `${iban.slice(0, 4)} •••• ${iban.slice(-4)}`;

export type PayoutMethod = 'paypal' | 'bank_transfer';

export interface PayoutInput {
  method: PayoutMethod | null;
  email: string;
  iban: string;
  holderName: string;
}

export type PayoutField = 'method' | 'email' | 'iban' | 'holderName';

/** The rule each typed field is checked by, alone, as it is corrected. */
const FIELD_RULES: Record<Exclude<PayoutField, 'method'>, (raw: string) => { problem: string } | object> = {
  email: parsePaypalEmail,
  iban: parseIban,
  holderName: parseHolderName,
};

/** One field's problem, or undefined once it is right. */
export function fieldProblem(field: Exclude<PayoutField, 'method'>, raw: string): string | undefined {
  const checked = FIELD_RULES[field](raw);
  return 'problem' in checked ? checked.problem : undefined;
}

/**
 * The details to send to POST /api/payouts (the amount confirmed is added when it is sent), and
 * where the money goes in words (masked) for the confirmation.
 */
export type PayoutRequest =
  | { body: { method: 'paypal'; email: string }; destination: string }
  | { body: { method: 'bank_transfer'; iban: string; holderName: string }; destination: string };

/**
 * The payout form checked as a whole: the request to send, or each field's problem (in the
 * order of the form, so the first can take the focus).
 */
export function checkPayout(input: PayoutInput): PayoutRequest | { errors: Partial<Record<PayoutField, string>> } {
  if (input.method === 'paypal') {
    const email = parsePaypalEmail(input.email);
    if ('problem' in email) return { errors: { email: email.problem } };
    return {
      body: { method: 'paypal', email: email.email },
      destination: `PayPal account ${maskPaypalEmail(email.email)}`,
    };
  }
  if (input.method === 'bank_transfer') {
    const iban = parseIban(input.iban);
    const holder = parseHolderName(input.holderName);
    if ('problem' in iban || 'problem' in holder) {
      return {
        errors: {
          ...('problem' in iban ? { iban: iban.problem } : {}),
          ...('problem' in holder ? { holderName: holder.problem } : {}),
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
