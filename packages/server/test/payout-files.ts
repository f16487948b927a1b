import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

/**
 * Reads payout files back with real parsers, as a bank or PayPal would, into plain values:
 * every amount stays the string the file carries, so a test compares cents exactly.
 */

export interface SepaRead {
  namespace: string;
  messageId: string;
  createdAt: string;
  group: { count: string; controlSum: string; initiator: string };
  info: {
    id: string;
    method: string;
    batchBooking: string;
    count: string;
    controlSum: string;
    executionDate: string;
    debtor: { name: string; iban: string; bic: string | null };
  };
  transfers: {
    endToEndId: string;
    amount: string;
    currency: string;
    name: string;
    iban: string;
    remittance: string;
  }[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Amounts, IBANs and ids as written: "60.10", never 60.1.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'PmtInf' || name === 'CdtTrfTxInf',
});

type Node = Record<string, unknown>;
const node = (parent: unknown, ...path: string[]): Node => {
  let at = parent;
  for (const key of path) {
    expect(at, `missing ${path.join('/')}`).toBeTypeOf('object');
    at = (at as Node)[key];
  }
  return at as Node;
};
const text = (parent: unknown, ...path: string[]): string => {
  const value: unknown = node(parent, ...path);
  if (value && typeof value === 'object' && '#text' in value) return String((value as Node)['#text']);
  expect(typeof value, `${path.join('/')} is text`).toBe('string');
  return value as unknown as string;
};

/** A pain.001.001.03 file, read back; fails the test if it is not well-formed XML of that shape. */
export function readSepa(xml: string): SepaRead {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = node(parser.parse(xml), 'Document');
  const root = node(doc, 'CstmrCdtTrfInitn');
  const infos = node(root, 'PmtInf') as unknown as Node[];
  expect(infos).toHaveLength(1);
  const info = infos[0] as Node;
  const bic = (node(info, 'DbtrAgt', 'FinInstnId') as Node).BIC;
  return {
    namespace: String(doc['@_xmlns']),
    messageId: text(root, 'GrpHdr', 'MsgId'),
    createdAt: text(root, 'GrpHdr', 'CreDtTm'),
    group: {
      count: text(root, 'GrpHdr', 'NbOfTxs'),
      controlSum: text(root, 'GrpHdr', 'CtrlSum'),
      initiator: text(root, 'GrpHdr', 'InitgPty', 'Nm'),
    },
    info: {
      id: text(info, 'PmtInfId'),
      method: text(info, 'PmtMtd'),
      batchBooking: text(info, 'BtchBookg'),
      count: text(info, 'NbOfTxs'),
      controlSum: text(info, 'CtrlSum'),
      executionDate: text(info, 'ReqdExctnDt'),
      debtor: {
        name: text(info, 'Dbtr', 'Nm'),
        iban: text(info, 'DbtrAcct', 'Id', 'IBAN'),
        bic: typeof bic === 'string' ? bic : null,
      },
    },
    transfers: (node(info, 'CdtTrfTxInf') as unknown as Node[]).map((tx) => {
      const amount = node(tx, 'Amt', 'InstdAmt');
      return {
        endToEndId: text(tx, 'PmtId', 'EndToEndId'),
        amount: text(tx, 'Amt', 'InstdAmt'),
        currency: String(amount['@_Ccy']),
        name: text(tx, 'Cdtr', 'Nm'),
        iban: text(tx, 'CdtrAcct', 'Id', 'IBAN'),
        remittance: text(tx, 'RmtInf', 'Ustrd'),
      };
    }),
  };
}

export interface PaypalRow {
  email: string;
  amount: string;
  currency: string;
  customerId: string;
  note: string;
  wallet: string;
}

/** PayPal's bulk-upload CSV, read back: six columns, no header line. */
export function readPaypalCsv(csv: string): PaypalRow[] {
  const rows = parse(csv, { relax_column_count: false }) as string[][];
  return rows.map((r) => {
    expect(r).toHaveLength(6);
    const [email, amount, currency, customerId, note, wallet] = r as [string, string, string, string, string, string];
    return { email, amount, currency, customerId, note, wallet };
  });
}

/** Cents written as a file's decimal, the test's own way (BigInt division), never through a float. */
export const decimal = (cents: number): string =>
  `${BigInt(cents) / 100n}.${String(BigInt(cents) % 100n).padStart(2, '0')}`;
