import { parseIban } from '@callbell/protocol';
import { Document } from 'sepa';
import { centsDecimal } from './money.ts';

/**
 * The SEPA credit transfer file (ISO 20022 pain.001.001.03) a batch of bank-transfer payouts is
 * paid from: one payment information block from the operator's account (the debtor), one
 * transaction per payout. The XML is written by the `sepa` package; this module decides what
 * goes in it and checks what came out. Pure: no clock, no database.
 */

export const SEPA_FORMAT = 'pain.001.001.03';

/** The operator's own account, which the transfers are paid from. */
export interface SepaDebtor {
  name: string;
  iban: string;
  /** Optional since 2016 for SEPA transfers; without it the file says NOTPROVIDED. */
  bic: string | null;
}

export interface SepaTransfer {
  /** Shown on both statements and used to trace a return: the payout's id, in SEPA's characters. */
  endToEndId: string;
  /** The account holder's name, as the ambassador gave it (written in SEPA's characters). */
  name: string;
  iban: string;
  amountCents: number;
  /** What the ambassador's statement shows. */
  remittance: string;
}

/** Raised when the file would not carry exactly the amounts asked for: it is never handed out. */
export class SepaFileError extends Error {}

/** Letters SEPA's Latin set lacks that do not decompose into a letter and an accent. */
const SPELLED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  þ: 'th',
  Þ: 'TH',
  ð: 'd',
  Ð: 'D',
  ı: 'i',
  '&': '+',
  '’': "'",
};

/**
 * Text in the character set every SEPA bank accepts (a–z, A–Z, 0–9, space and / - ? : ( ) . , ' +):
 * accents dropped (López → Lopez), a few letters spelled out (ß → ss), anything else a space,
 * spaces collapsed, cut to `max` characters. Empty when nothing Latin is left.
 */
export function sepaText(text: string, max: number): string {
  const latin = [...text.normalize('NFD')]
    .map((c) => SPELLED[c] ?? c)
    .join('')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9/?:().,'+ -]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return latin.slice(0, max).trim();
}

/** An id in SEPA's characters: `po_abc…` → `po-abc…` (an underscore is not one of them). */
export const sepaId = (publicId: string): string => publicId.replace(/_/g, '-');

const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/**
 * Checks the operator's account from configuration: a name that survives SEPA's characters, a
 * valid IBAN, and a BIC (if any) of the IBAN's country. Returns it in canonical form, or what is
 * wrong with each part.
 */
export function parseSepaDebtor(input: {
  name: string | undefined;
  iban: string | undefined;
  bic: string | undefined;
}): { debtor: SepaDebtor } | { problems: { field: 'name' | 'iban' | 'bic'; problem: string }[] } {
  const problems: { field: 'name' | 'iban' | 'bic'; problem: string }[] = [];
  const name = sepaText(input.name ?? '', 70);
  if (!name) problems.push({ field: 'name', problem: 'expected the account holder’s name in Latin letters' });
  const iban = parseIban(input.iban);
  if ('problem' in iban) problems.push({ field: 'iban', problem: iban.problem });
  const bic = input.bic?.replace(/\s+/g, '').toUpperCase() || null;
  if (bic && !BIC.test(bic)) problems.push({ field: 'bic', problem: 'expected a BIC of 8 or 11 letters and digits' });
  if (bic && 'iban' in iban && bic.slice(4, 6) !== iban.iban.slice(0, 2)) {
    problems.push({ field: 'bic', problem: `the BIC is of ${bic.slice(4, 6)}, the IBAN of ${iban.iban.slice(0, 2)}` });
  }
  if (problems.length || !('iban' in iban)) return { problems };
  return { debtor: { name, iban: iban.iban, bic } };
}

/**
 * A day's date and time as SEPA writes them, in UTC. The `sepa` package writes a Date's local
 * fields, so it is handed a Date whose local fields are the UTC ones.
 */
const utcAsLocal = (at: Date): Date => {
  const local = new Date(at.getTime());
  local.setFullYear(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  local.setHours(at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), 0);
  return local;
};

const all = (xml: string, tag: string): string[] =>
  [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => m[1] ?? '');

/**
 * The pain.001.001.03 file for these transfers, executed on `at`'s day (UTC). The `sepa`
 * package takes amounts as numbers and sums them as floats; each is given as cents / 100, which
 * it prints with toFixed(2). The file is then read back, and refused unless every amount, the
 * number of transactions and both control sums are exactly the cents asked for, as strings.
 */
export function sepaCreditTransfer(input: {
  messageId: string;
  at: Date;
  debtor: SepaDebtor;
  transfers: readonly SepaTransfer[];
}): string {
  const { debtor, transfers } = input;
  if (transfers.length === 0) throw new SepaFileError('a transfer file needs at least one transfer');
  const when = utcAsLocal(input.at);
  const doc = new Document(SEPA_FORMAT);
  doc.grpHdr.id = input.messageId;
  doc.grpHdr.created = when;
  doc.grpHdr.initiatorName = debtor.name;
  const info = doc.createPaymentInfo();
  info.requestedExecutionDate = when;
  info.debtorName = debtor.name;
  info.debtorIBAN = debtor.iban;
  info.debtorBIC = debtor.bic ?? '';
  // One line on the operator's statement for the whole batch.
  info.batchBooking = true;
  doc.addPaymentInfo(info);
  for (const t of transfers) {
    const name = sepaText(t.name, 70);
    if (!name) throw new SepaFileError(`${t.endToEndId}: the holder’s name has no Latin letters to write`);
    const tx = info.createTransaction();
    tx.creditorName = name;
    tx.creditorIBAN = t.iban;
    tx.amount = t.amountCents / 100;
    tx.end2endId = t.endToEndId;
    tx.remittanceInfo = sepaText(t.remittance, 140);
    info.addTransaction(tx);
  }
  const xml = doc.toString();

  const expected = transfers.map((t) => centsDecimal(t.amountCents));
  const total = centsDecimal(transfers.reduce((sum, t) => sum + t.amountCents, 0));
  const amounts = all(xml, 'InstdAmt');
  const count = String(transfers.length);
  if (amounts.length !== expected.length || amounts.some((a, i) => a !== expected[i])) {
    throw new SepaFileError(`the file's amounts [${amounts.join(', ')}] are not [${expected.join(', ')}]`);
  }
  const sums = all(xml, 'CtrlSum');
  const counts = all(xml, 'NbOfTxs');
  if (sums.length !== 2 || sums.some((s) => s !== total) || counts.length !== 2 || counts.some((c) => c !== count)) {
    throw new SepaFileError(`the file's control sums [${sums.join(', ')}] or counts are not ${total} in ${count}`);
  }
  return xml;
}
