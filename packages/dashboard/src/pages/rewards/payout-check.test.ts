import { maskPaypalEmail, parseHolderName, parseIban, parsePaypalEmail } from '@callbell/protocol';
import { describe, expect, it } from 'vitest';
import { checkPayout, fieldProblem, formatIban, maskIban } from './payout-check.ts';

// The rules are protocol's, shared with the server: these hold the form to them.
describe('parseIban', () => {
  it.each([
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432'],
    ['fr14 2004 1010 0505 0001 3m02 606', 'FR1420041010050500013M02606'],
    ['NL91ABNA0417164300', 'NL91ABNA0417164300'],
    ['ES91 2100 0418 4502 0005 1332', 'ES9121000418450200051332'],
    ['BE68 5390 0754 7034', 'BE68539007547034'],
    ['IT60 X054 2811 1010 0000 0123 456', 'IT60X0542811101000000123456'],
    ['NO93 8601 1117 947', 'NO9386011117947'],
    ['MT84 MALT 0110 0001 2345 MTLC AST0 01S', 'MT84MALT011000012345MTLCAST001S'],
    ['CH93\u00a00076 2011 6238 5295 7', 'CH9300762011623852957'],
    ['  AT61 1904 3002 3457 3201  ', 'AT611904300234573201'],
    ['AT61\t1904\u202f3002\n3457 3201', 'AT611904300234573201'],
  ])('accepts %s', (raw, iban) => {
    expect(parseIban(raw)).toEqual({ iban });
  });

  it.each([
    ['', 'Enter the IBAN of the account to pay into'],
    ['3704 0044 0532 0130 00', 'An IBAN starts with a country code and two check digits, then letters and digits only'],
    ['DE89-3704-0044', 'An IBAN starts with a country code and two check digits, then letters and digits only'],
    ['US12 3456 7890 1234', 'US is not a country that uses IBANs'],
    ['DE89 3704 0044 0532 0130 0', 'An IBAN from DE has 22 characters; this one has 21'],
    ['NL91 ABNA 0417 1643 001', 'An IBAN from NL has 18 characters; this one has 19'],
    // One digit changed, two digits swapped: the checksum catches both.
    ['DE88 3704 0044 0532 0130 00', 'This IBAN’s check digits do not match: please check it for a typo'],
    ['GB82 WEST 1234 5698 7654 23', 'This IBAN’s check digits do not match: please check it for a typo'],
    ['FR14 2004 1010 0505 0001 3M02 607', 'This IBAN’s check digits do not match: please check it for a typo'],
    // Check digits never issued, even where the sum would pass.
    ['DE00 3704 0044 0532 0130 00', 'This IBAN’s check digits do not match: please check it for a typo'],
  ])('refuses %j', (raw, problem) => {
    expect(parseIban(raw)).toEqual({ problem });
  });

  it('formats and masks an IBAN', () => {
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(formatIban('NO9386011117947')).toBe('NO93 8601 1117 947');
    expect(maskIban('DE89370400440532013000')).toBe('DE89 •••• 3000');
  });
});

describe('parseHolderName', () => {
  it('trims and joins spaces; accepts people and companies', () => {
    expect(parseHolderName('  Ana   López ')).toEqual({ holderName: 'Ana López' });
    expect(parseHolderName('ACME GmbH & Co. KG')).toEqual({ holderName: 'ACME GmbH & Co. KG' });
  });
  it.each([
    ['   ', 'Enter the name of the account holder'],
    ['x'.repeat(71), 'The holder’s name can have at most 70 characters'],
    ['<b>Ana</b>', "The holder’s name can have letters, digits, spaces and . , ' & ( ) / - only"],
    ['12345', "The holder’s name can have letters, digits, spaces and . , ' & ( ) / - only"],
  ])('refuses %j', (raw, problem) => {
    expect(parseHolderName(raw)).toEqual({ problem });
  });
});

describe('parsePaypalEmail', () => {
  it('accepts an address, trimmed and in lower case', () => {
    expect(parsePaypalEmail(' Ana.Lopez@Example.com ')).toEqual({ email: 'ana.lopez@example.com' });
  });
  it('asks for an address when there is none', () => {
    expect(parsePaypalEmail('  ')).toEqual({ problem: 'Enter the e-mail address of your PayPal account' });
  });
  it.each(['ana@', 'ana@example', 'ana lopez@example.com', '@example.com'])('refuses %j', (raw) => {
    expect(parsePaypalEmail(raw)).toEqual({
      problem: 'This does not look like an e-mail address: check it for a typo',
    });
  });
  it('masks an address as the server hints it', () => {
    expect(maskPaypalEmail('ana@example.com')).toBe('a•••@example.com');
    expect(maskPaypalEmail('a@example.com')).toBe('•••@example.com');
  });
});

describe('fieldProblem', () => {
  it('checks one field as it is corrected', () => {
    expect(fieldProblem('iban', 'DE89 3704')).toBe('An IBAN from DE has 22 characters; this one has 8');
    expect(fieldProblem('iban', 'DE89 3704 0044 0532 0130 00')).toBeUndefined();
    expect(fieldProblem('email', 'ana@')).toBe('This does not look like an e-mail address: check it for a typo');
    expect(fieldProblem('holderName', 'Ana')).toBeUndefined();
  });
});

describe('checkPayout', () => {
  it('asks for a method first', () => {
    expect(checkPayout({ method: null, email: '', iban: '', holderName: '' })).toEqual({
      errors: { method: 'Choose how you want to be paid' },
    });
  });
  it('gives the body to send and where the money goes, masked', () => {
    expect(checkPayout({ method: 'paypal', email: 'Ana@Example.com', iban: 'junk', holderName: '' })).toEqual({
      body: { method: 'paypal', email: 'ana@example.com' },
      destination: 'PayPal account a•••@example.com',
    });
    expect(
      checkPayout({ method: 'bank_transfer', email: 'junk', iban: 'de89 3704 0044 0532 0130 00', holderName: ' Ana ' }),
    ).toEqual({
      body: { method: 'bank_transfer', iban: 'DE89370400440532013000', holderName: 'Ana' },
      destination: 'bank account DE89 •••• 3000 (Ana)',
    });
  });
  it('reports every bank field at fault at once', () => {
    expect(checkPayout({ method: 'bank_transfer', email: '', iban: 'DE89 3704', holderName: '' })).toEqual({
      errors: {
        iban: 'An IBAN from DE has 22 characters; this one has 8',
        holderName: 'Enter the name of the account holder',
      },
    });
  });
});
