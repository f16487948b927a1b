import fc from 'fast-check';

/** Hostile inputs: strings, numbers, keys and nesting that have broken servers. */

/** JSON text spliced into a body as it is: what JSON.stringify cannot write. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Nesting `depth` levels deep, as text: JSON.stringify's recursion gives up some thousands down. */
export const deepJson = (depth: number, shape: 'object' | 'array') =>
  new RawJson(
    shape === 'object'
      ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
      : `${'['.repeat(depth)}]${']'.repeat(depth - 1)}`,
  );

/** Strings that have broken servers: encodings, limits, keys with meaning, injection. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\ud800',
  'a\udc00b',
  '\ud83d\ude00\ud800',
  '\u0000',
  'a\u0000b',
  '\u0001\u001f\u007f',
  'x'.repeat(10_000),
  '😀'.repeat(2_000),
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'ü ñ 中文 ࿕ العربية',
  '\u202eevil\u202c',
  '\u200b\ufeff',
  'e\u0301',
  "'; drop table accounts; --",
  '" or 1=1 --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00',
  '%ff%fe',
  '\\',
  '\\u0000',
  ['$', '{7*7}{{7*7}}'].join(''), // a template placeholder, for template engines
  '=HYPERLINK("http://evil.test")',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e400',
  '9'.repeat(400),
  '0000-01-01',
  '9999-12-31',
  '2026-02-30',
  '1970-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  'javascript:alert(1)',
  'https://evil.test/',
  'http://localhost/',
  'cbk_x_y',
  'wdg_',
  'a@b',
  'user@example.com',
];

/** Numbers at and past every limit, in JSON text where JSON.stringify cannot write them. */
export const HOSTILE_NUMBERS: readonly (number | RawJson)[] = [
  0,
  -0,
  -1,
  0.5,
  1.5e-300,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  1e21,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson('123456789012345678901234567890'),
  new RawJson('1.00000000000000000000000000001'),
  new RawJson('-0.0'),
];

export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

export const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  '\ud800',
  'a\u0000',
  '',
  'x'.repeat(300),
);

/** A JSON value of any type, hostile at any place. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.constantFrom(null, true, false),
    fc.constantFrom(
      deepJson(10_000, 'object'),
      deepJson(50_000, 'array'),
      deepJson(2_000, 'array'),
      deepJson(200, 'object'),
    ),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/**
 * JSON text of a value that may hold RawJson, with every own key written as it is (`__proto__`
 * included, as JSON.stringify does for parsed objects).
 */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).map(
      (k) => `${JSON.stringify(k)}:${toJsonText((value as Record<string, unknown>)[k])}`,
    );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A string as it goes into a path or query: percent-encoded, or, where it cannot be (half a
 * surrogate pair), as the bytes a broken client sends, and sometimes a broken escape.
 */
export const urlPart = (value: unknown): string => {
  const text = typeof value === 'string' ? value : value instanceof RawJson ? value.text : toJsonText(value);
  try {
    return encodeURIComponent(text);
  } catch {
    return `${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
};
export const brokenUrlPart = fc.constantFrom(
  '%',
  '%zz',
  '%ED%A0%80',
  '%C0%AF',
  '%FF',
  '%00',
  '..%2F..%2F',
  '%E2%80%AE',
);
