import fc from 'fast-check';
import { checksumIBAN } from 'sepa';
import { describe, expect, it } from 'vitest';
import { centsDecimal } from '../../src/domain/money.ts';
import { paypalCsv, paypalPayoutRequest } from '../../src/domain/paypal-batch.ts';
import {
  parseSepaDebtor,
  type SepaDebtor,
  SepaFileError,
  sepaCreditTransfer,
  sepaId,
  sepaText,
} from '../../src/domain/sepa-transfer.ts';
import { decimal, readPaypalCsv, readSepa } from '../payout-files.ts';
import { propertyRuns } from '../property-runs.ts';

const RUNS = propertyRuns(process.env.FC_RUNS);
const DEBTOR: SepaDebtor = { name: 'Callbell Test Ltd', iban: 'DE02120300000000202051', bic: 'BYLADEM1001' };
const AT = new Date('2026-03-04T22:30:05Z');

/** A valid German IBAN from 18 digits. */
const iban = (digits: string) => checksumIBAN(`DE00${digits.padStart(18, '0')}`);

describe('centsDecimal', () => {
  it('writes cents as the decimal a payment file carries, from the integer', () => {
    expect([0, 1, 5, 10, 99, 100, 6010, 123456789].map(centsDecimal)).toEqual([
      '0.00',
      '0.01',
      '0.05',
      '0.10',
      '0.99',
      '1.00',
      '60.10',
      '1234567.89',
    ]);
    expect(centsDecimal(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    for (const bad of [-1, 1.5, Number.NaN]) expect(() => centsDecimal(bad)).toThrow(RangeError);
  });
});

describe('sepaText', () => {
  it.each([
    ['Ana López', 'Ana Lopez'],
    ['Jürgen Weiß', 'Jurgen Weiss'],
    ['Søren Ærø', 'Soren AEro'],
    ['ACME GmbH & Co. KG', 'ACME GmbH + Co. KG'],
    ['O’Brien  (Ltd.)', "O'Brien (Ltd.)"],
    ['Łukasz Żółć', 'Lukasz Zolc'],
    ['Иван', ''],
    ['a<b>"c"', 'a b c'],
  ])('%s → %s', (from, to) => {
    expect(sepaText(from, 70)).toBe(to);
  });

  it('cuts to the length a field holds, never ending in a space', () => {
    expect(sepaText('ab cd', 3)).toBe('ab');
    expect(sepaText('x'.repeat(80), 70)).toHaveLength(70);
  });
});

describe('parseSepaDebtor', () => {
  it('accepts a name, an IBAN with spaces and a BIC of the same country', () => {
    expect(
      parseSepaDebtor({ name: ' Callbell S.L. ', iban: 'de02 1203 0000 0000 2020 51', bic: 'byladem1001' }),
    ).toEqual({
      debtor: { name: 'Callbell S.L.', iban: 'DE02120300000000202051', bic: 'BYLADEM1001' },
    });
    expect(parseSepaDebtor({ name: 'X', iban: DEBTOR.iban, bic: '' })).toEqual({
      debtor: { name: 'X', iban: DEBTOR.iban, bic: null },
    });
  });

  it('says what is wrong with each part', () => {
    const result = parseSepaDebtor({ name: 'Иван', iban: 'DE02120300000000202052', bic: 'NOTABIC' });
    expect(result).toEqual({
      problems: [
        { field: 'name', problem: 'expected the account holder’s name in Latin letters' },
        { field: 'iban', problem: expect.stringContaining('check digits') },
        { field: 'bic', problem: 'expected a BIC of 8 or 11 letters and digits' },
      ],
    });
    expect(parseSepaDebtor({ name: 'X', iban: DEBTOR.iban, bic: 'BNPAFRPP' })).toEqual({
      problems: [{ field: 'bic', problem: 'the BIC is of FR, the IBAN of DE' }],
    });
  });
});

describe('sepaCreditTransfer', () => {
  it('writes a pain.001.001.03 transfer from the debtor to each payee, with the exact cents', () => {
    const xml = sepaCreditTransfer({
      messageId: sepaId('pb_abcdefghijkmnpqrstuv'),
      at: AT,
      debtor: DEBTOR,
      transfers: [
        { endToEndId: 'po-one', name: 'Ana López', iban: iban('1'), amountCents: 6010, remittance: 'Payout po-one' },
        { endToEndId: 'po-two', name: 'Ben', iban: iban('2'), amountCents: 5, remittance: 'Payout po-two' },
      ],
    });
    const file = readSepa(xml);
    expect(file.namespace).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    expect(file).toMatchObject({
      messageId: 'pb-abcdefghijkmnpqrstuv',
      createdAt: '2026-03-04T22:30:05',
      group: { count: '2', controlSum: '60.15', initiator: 'Callbell Test Ltd' },
      info: {
        method: 'TRF',
        batchBooking: 'true',
        count: '2',
        controlSum: '60.15',
        executionDate: '2026-03-04',
        debtor: { name: 'Callbell Test Ltd', iban: DEBTOR.iban, bic: 'BYLADEM1001' },
      },
    });
    expect(file.transfers).toEqual([
      {
        endToEndId: 'po-one',
        amount: '60.10',
        currency: 'EUR',
        name: 'Ana Lopez',
        iban: iban('1'),
        remittance: 'Payout po-one',
      },
      {
        endToEndId: 'po-two',
        amount: '0.05',
        currency: 'EUR',
        name: 'Ben',
        iban: iban('2'),
        remittance: 'Payout po-two',
      },
    ]);
  });

  it('says NOTPROVIDED for a debtor without a BIC', () => {
    const xml = sepaCreditTransfer({
      messageId: 'pb-x',
      at: AT,
      debtor: { ...DEBTOR, bic: null },
      transfers: [{ endToEndId: 'po-1', name: 'Ana', iban: iban('1'), amountCents: 100, remittance: 'r' }],
    });
    expect(readSepa(xml).info.debtor.bic).toBeNull();
    expect(xml).toContain('<DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>');
  });

  it('refuses an empty file and a name with nothing to write', () => {
    expect(() => sepaCreditTransfer({ messageId: 'm', at: AT, debtor: DEBTOR, transfers: [] })).toThrow(SepaFileError);
    expect(() =>
      sepaCreditTransfer({
        messageId: 'm',
        at: AT,
        debtor: DEBTOR,
        transfers: [{ endToEndId: 'po-1', name: 'Иван', iban: iban('1'), amountCents: 100, remittance: 'r' }],
      }),
    ).toThrow(/no Latin letters/);
  });

  // The `sepa` package takes amounts as numbers and sums them as floats: the file must still
  // carry exactly the cents, each and in total, whatever they are.
  it('carries every amount and the control sum to the cent, for any amounts (property)', () => {
    const amounts = fc.array(
      fc.oneof(
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 99_999_999_999 }),
      ),
      { minLength: 1, maxLength: 60 },
    );
    fc.assert(
      fc.property(amounts, (cents) => {
        const transfers = cents.map((amountCents, i) => ({
          endToEndId: `po-${i}`,
          name: `Payee ${i}`,
          iban: iban(String(i + 1)),
          amountCents,
          remittance: `Payout ${i}`,
        }));
        const file = readSepa(sepaCreditTransfer({ messageId: 'pb-prop', at: AT, debtor: DEBTOR, transfers }));
        const total = cents.reduce((a, b) => a + b, 0);
        expect(file.transfers.map((t) => t.amount)).toEqual(cents.map(decimal));
        expect([file.group.controlSum, file.info.controlSum]).toEqual([decimal(total), decimal(total)]);
        expect([file.group.count, file.info.count]).toEqual([String(cents.length), String(cents.length)]);
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it('sums amounts whose floats drift (0.1 + 0.2) to the exact cent', () => {
    const cents = [10, 20, ...Array.from({ length: 100 }, () => 1)];
    const transfers = cents.map((amountCents, i) => ({
      endToEndId: `po-${i}`,
      name: 'P',
      iban: iban('9'),
      amountCents,
      remittance: 'r',
    }));
    expect(readSepa(sepaCreditTransfer({ messageId: 'm', at: AT, debtor: DEBTOR, transfers })).group.controlSum).toBe(
      '1.30',
    );
  });
});

describe('PayPal batches', () => {
  const items = [
    { payoutId: 'po_one', email: 'ana@example.com', amountCents: 6010 },
    { payoutId: 'po_two', email: 'o"brien,jr@example.com', amountCents: 5 },
  ];

  it('writes the bulk-upload CSV with exact amounts, quoting what needs it', () => {
    const csv = paypalCsv(items);
    expect(csv.split('\r\n')[0]).toBe('ana@example.com,60.10,EUR,po_one,Callbell rewards payout po_one,PAYPAL');
    expect(readPaypalCsv(csv)).toEqual([
      {
        email: 'ana@example.com',
        amount: '60.10',
        currency: 'EUR',
        customerId: 'po_one',
        note: 'Callbell rewards payout po_one',
        wallet: 'PAYPAL',
      },
      {
        email: 'o"brien,jr@example.com',
        amount: '0.05',
        currency: 'EUR',
        customerId: 'po_two',
        note: 'Callbell rewards payout po_two',
        wallet: 'PAYPAL',
      },
    ]);
  });

  it('builds the Payouts API body with string amounts and the batch as sender_batch_id', () => {
    const body = paypalPayoutRequest('pb_x', items);
    expect(body.sender_batch_header).toMatchObject({ sender_batch_id: 'pb_x', recipient_type: 'EMAIL' });
    expect(body.items).toEqual([
      {
        recipient_type: 'EMAIL',
        amount: { value: '60.10', currency: 'EUR' },
        receiver: 'ana@example.com',
        note: 'Callbell rewards payout po_one',
        sender_item_id: 'po_one',
      },
      {
        recipient_type: 'EMAIL',
        amount: { value: '0.05', currency: 'EUR' },
        receiver: 'o"brien,jr@example.com',
        note: 'Callbell rewards payout po_two',
        sender_item_id: 'po_two',
      },
    ]);
  });
});
