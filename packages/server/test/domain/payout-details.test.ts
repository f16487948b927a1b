import { randomBytes } from 'node:crypto';
import { IBAN_LENGTHS, parseHolderName, parseIban, parsePaypalEmail } from '@callbell/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decryptDetails,
  detailsHint,
  encryptDetails,
  type PayoutDetails,
  parsePayoutDetails,
} from '../../src/domain/payout-details.ts';

/** Check digits computed independently of the code under test: BigInt over the whole number. */
function withCheckDigits(country: string, bban: string): string {
  const digits = [...`${bban}${country}00`].map((c) => Number.parseInt(c, 36)).join('');
  return `${country}${String(98n - (BigInt(digits) % 97n)).padStart(2, '0')}${bban}`;
}

describe('parseIban', () => {
  it.each([
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['GB29 NWBK 6016 1331 9268 19', 'GB29NWBK60161331926819'],
    ['FR14 2004 1010 0505 0001 3M02 606', 'FR1420041010050500013M02606'],
    ['ES91 2100 0418 4502 0005 1332', 'ES9121000418450200051332'],
    ['NL91 ABNA 0417 1643 00', 'NL91ABNA0417164300'],
    ['IT60 X054 2811 1010 0000 0123 456', 'IT60X0542811101000000123456'],
    ['BE68 5390 0754 7034', 'BE68539007547034'],
    ['NO93 8601 1117 947', 'NO9386011117947'],
    ['CH93 0076 2011 6238 5295 7', 'CH9300762011623852957'],
    ['MT84 MALT 0110 0001 2345 MTLC AST0 01S', 'MT84MALT011000012345MTLCAST001S'],
    ['PT50 0002 0123 1234 5678 9015 4', 'PT50000201231234567890154'],
    ['PL61 1090 1014 0000 0712 1981 2874', 'PL61109010140000071219812874'],
    ['SE45 5000 0000 0583 9825 7466', 'SE4550000000058398257466'],
    // as people paste them: lower case, no spaces, odd spacing, a non-breaking space
    ['de89370400440532013000', 'DE89370400440532013000'],
    ['  gb29 nwbk60161331926819 ', 'GB29NWBK60161331926819'],
    ['DE89\u00a03704 0044 0532 0130 00', 'DE89370400440532013000'],
    // copied from a PDF or a spreadsheet: a narrow no-break space, a tab, a line break
    ['DE89\u202f3704\t0044 0532\n0130 00', 'DE89370400440532013000'],
  ])('accepts %s as %s', (raw, iban) => {
    expect(parseIban(raw)).toEqual({ iban });
  });

  it.each([
    ['a wrong check digit', 'DE88 3704 0044 0532 0130 00', /check digits/],
    ['one changed account digit', 'DE89 3704 0044 0532 0130 01', /check digits/],
    ['two neighbours swapped', 'DE89 3704 0044 0523 0130 00', /check digits/],
    ['a letter typed for a digit', 'GB29 NWBK 6016 1331 9268 1O', /check digits/],
    ['one character too few', 'DE89 3704 0044 0532 0130 0', /DE has 22 characters; this one has 21/],
    ['one character too many', 'NL91 ABNA 0417 1643 000', /NL has 18 characters; this one has 19/],
    ['a country without IBANs', 'US64 SVBK US6S 3300 9673 86', /US is not a country/],
    ['letters as check digits', 'DEAB 3704 0044 0532 0130 00', /starts with a country code/],
    ['punctuation', 'DE89-3704-0044-0532-0130-00', /starts with a country code/],
    ['nothing', '', /^Enter the IBAN of the account to pay into$/],
    ['only spaces', '   ', /^Enter the IBAN of the account to pay into$/],
  ])('refuses %s', (_name, raw, problem) => {
    const result = parseIban(raw);
    expect(result).toHaveProperty('problem');
    expect((result as { problem: string }).problem).toMatch(problem);
  });

  it('refuses check digits 99 even where they pass mod 97 (99 ≡ 02)', () => {
    let iban = '';
    for (let n = 0; !iban.startsWith('DE02'); n++) iban = withCheckDigits('DE', String(n).padStart(18, '0'));
    expect(parseIban(iban)).toEqual({ iban });
    expect(parseIban(`DE99${iban.slice(4)}`)).toHaveProperty('problem');
  });

  // ISO 7064 mod 97-10 catches every substitution of a digit by a digit or a letter by a letter
  // (a letter for a digit changes the number's length, which the scheme does not promise to catch).
  it('accepts every well-formed IBAN of every country, and catches any one character changed in kind', () => {
    const countries = Object.keys(IBAN_LENGTHS);
    const alnum = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    const case_ = fc
      .constantFrom(...countries)
      .chain((country) =>
        fc.tuple(
          fc.constant(country),
          fc.array(alnum, { minLength: (IBAN_LENGTHS[country] ?? 0) - 4, maxLength: (IBAN_LENGTHS[country] ?? 0) - 4 }),
          fc.nat(),
          alnum,
        ),
      );
    fc.assert(
      fc.property(case_, ([country, chars, at, replacement]) => {
        const iban = withCheckDigits(country, chars.join(''));
        fc.pre(!['00', '01', '99'].includes(iban.slice(2, 4)));
        expect(parseIban(iban)).toEqual({ iban });
        const i = 4 + (at % chars.length);
        const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
        fc.pre(iban[i] !== replacement && isDigit(iban[i]) === isDigit(replacement));
        expect(parseIban(iban.slice(0, i) + replacement + iban.slice(i + 1))).toHaveProperty('problem');
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseHolderName', () => {
  it.each([
    ['Ana María López', 'Ana María López'],
    ['  Jean   Dupont ', 'Jean Dupont'],
    ['ACME GmbH & Co. KG', 'ACME GmbH & Co. KG'],
    ["Siobhán O'Brien", "Siobhán O'Brien"],
    ['Zoë Müller-Lüdenscheidt (Praxis)', 'Zoë Müller-Lüdenscheidt (Praxis)'],
  ])('accepts %j', (raw, holderName) => {
    expect(parseHolderName(raw)).toEqual({ holderName });
  });

  it.each([
    ['missing', undefined],
    ['blank', '   '],
    ['markup', '<script>alert(1)</script>'],
    ['digits only', '12345'],
    ['a control character', 'Ana\u0000López'],
    ['too long', 'A'.repeat(71)],
  ])('refuses %s', (_name, raw) => {
    expect(parseHolderName(raw)).toHaveProperty('problem');
  });
});

describe('parsePayoutDetails', () => {
  it.each([
    [' Ana@Example.COM ', 'ana@example.com'],
    ['first.last+payouts@mail.example.co.uk', 'first.last+payouts@mail.example.co.uk'],
  ])('PayPal: accepts %j as %j', (email, expected) => {
    expect(parsePayoutDetails({ method: 'paypal', email })).toEqual({
      details: { method: 'paypal', email: expected },
    });
  });

  it.each([
    ['no e-mail', undefined],
    ['not an e-mail', 'not-an-email'],
    ['no domain', 'ana@'],
    ['a space inside', 'ana lopez@example.com'],
    ['no top-level domain', 'ana@example'],
  ])('PayPal: refuses %s', (_name, email) => {
    expect(parsePayoutDetails({ method: 'paypal', ...(email === undefined ? {} : { email }) })).toMatchObject({
      field: 'email',
    });
  });

  // The dashboard checks with these same rules: a refusal must read the same on both sides.
  it.each([
    ['no e-mail', { method: 'paypal' }, 'email', 'Enter the e-mail address of your PayPal account'],
    [
      'not an e-mail',
      { method: 'paypal', email: 'ana@' },
      'email',
      'This does not look like an e-mail address: check it for a typo',
    ],
    ['no IBAN', { method: 'bank_transfer', holderName: 'Ana' }, 'iban', 'Enter the IBAN of the account to pay into'],
    [
      'a long holder name',
      { method: 'bank_transfer', iban: 'DE89 3704 0044 0532 0130 00', holderName: 'A'.repeat(71) },
      'holderName',
      'The holder’s name can have at most 70 characters',
    ],
  ] as const)('refuses %s in the words the dashboard uses', (_name, input, field, problem) => {
    expect(parsePayoutDetails(input)).toEqual({ field, problem });
    const shared = { email: parsePaypalEmail, iban: parseIban, holderName: parseHolderName }[field];
    expect(shared((input as Record<string, string | undefined>)[field])).toEqual({ problem });
  });

  it('bank transfer: normalises the IBAN and the name, and drops fields of the other method', () => {
    expect(
      parsePayoutDetails({
        method: 'bank_transfer',
        iban: 'de89 3704 0044 0532 0130 00',
        holderName: ' Ana  López ',
        email: 'ignored@example.com',
      }),
    ).toEqual({ details: { method: 'bank_transfer', iban: 'DE89370400440532013000', holderName: 'Ana López' } });
  });

  it.each([
    ['no IBAN', { holderName: 'Ana' }, 'iban'],
    ['a bad IBAN', { iban: 'DE00 3704 0044 0532 0130 00', holderName: 'Ana' }, 'iban'],
    ['no holder', { iban: 'DE89 3704 0044 0532 0130 00' }, 'holderName'],
  ])('bank transfer: refuses %s, naming the field', (_name, fields, field) => {
    expect(parsePayoutDetails({ method: 'bank_transfer', ...fields })).toMatchObject({ field });
  });
});

describe('detailsHint', () => {
  it.each([
    [{ method: 'bank_transfer', iban: 'DE89370400440532013000', holderName: 'Ana' }, '•••• 3000'],
    [{ method: 'paypal', email: 'ana.lopez@example.com' }, 'a•••@example.com'],
    [{ method: 'paypal', email: 'a@example.com' }, '•••@example.com'],
  ] as [PayoutDetails, string][])('%j → %s', (details, hint) => {
    expect(detailsHint(details)).toBe(hint);
  });
});

describe('encryptDetails / decryptDetails (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const bank: PayoutDetails = { method: 'bank_transfer', iban: 'DE89370400440532013000', holderName: 'Ana López' };
  const paypal: PayoutDetails = { method: 'paypal', email: 'ana@example.com' };

  it.each([bank, paypal])('round-trips %j', (details) => {
    const stored = encryptDetails(details, key, 'acc_1');
    expect(stored).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(decryptDetails(stored, key, 'acc_1')).toEqual(details);
  });

  it('never stores the details in the clear, and never the same text twice', () => {
    const a = encryptDetails(bank, key, 'acc_1');
    const b = encryptDetails(bank, key, 'acc_1');
    expect(a).not.toBe(b); // a fresh IV each time
    for (const secret of ['DE89370400440532013000', '3704', 'Ana', 'López']) {
      expect(a).not.toContain(secret);
      expect(Buffer.from(a.split('.')[3] ?? '', 'base64url').toString('latin1')).not.toContain(secret);
    }
    expect(encryptDetails(paypal, key, 'acc_1')).not.toContain('example.com');
  });

  it('detects any altered character, in the IV, the tag or the ciphertext', () => {
    const stored = encryptDetails(bank, key, 'acc_1');
    const parts = stored.split('.');
    for (let p = 1; p <= 3; p++) {
      const part = parts[p] ?? '';
      for (const i of [0, Math.floor(part.length / 2), part.length - 2]) {
        const flipped = part[i] === 'A' ? 'B' : 'A';
        const altered = [...parts];
        altered[p] = part.slice(0, i) + flipped + part.slice(i + 1);
        expect(() => decryptDetails(altered.join('.'), key, 'acc_1')).toThrow();
      }
    }
  });

  it('refuses another account’s details, another key, and an unknown format', () => {
    const stored = encryptDetails(bank, key, 'acc_1');
    expect(() => decryptDetails(stored, key, 'acc_2')).toThrow();
    expect(() => decryptDetails(stored, randomBytes(32), 'acc_1')).toThrow();
    expect(() => decryptDetails(stored.replace(/^v1/, 'v2'), key, 'acc_1')).toThrow(/format/);
    expect(() => decryptDetails('v1.abc', key, 'acc_1')).toThrow(/format/);
    // characters the decoder would silently skip or drop
    expect(() => decryptDetails(`${stored}x`, key, 'acc_1')).toThrow(/format/);
    expect(() => decryptDetails(stored.replace('.', '.!'), key, 'acc_1')).toThrow(/format/);
    expect(() => encryptDetails(bank, randomBytes(16), 'acc_1')).toThrow(/32 bytes/);
  });
});
