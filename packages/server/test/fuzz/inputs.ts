import fc from 'fast-check';

/**
 * Inputs for the fuzz suite: plausible values drawn from a route's own schema (so a request
 * gets past validation and reaches the database), mixed with adversarial ones (so what gets
 * there is hostile).
 */

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

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', '\ud800', 'a\u0000', '', 'x'.repeat(300));

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

/** The part of a JSON schema the generator reads. */
export interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
  nullable?: boolean;
  default?: unknown;
}

/** Values a route's caller knows (its widget, account, referral code…), by parameter name. */
export type Known = Record<string, readonly string[]>;

/** Strings that are valid for many fields: links, phones, addresses, colours, days. */
const PLAUSIBLE = [
  'https://shop.example.com/products?id=1',
  'shop.example.com',
  '*.example.com',
  '+34 600 123 456',
  'Ana',
  'spring_sale',
  'someone@example.com',
  'Hello there',
  '#1b6ef3',
  '2026-03-01',
  '2026-03-01T10:00:00Z',
  'correct horse battery staple',
  'ES9121000418450200051332',
  'abcdefghij123456',
  '0.1.0',
];

function patternString(pattern: string): fc.Arbitrary<string> | null {
  try {
    const arbitrary = fc.stringMatching(new RegExp(pattern));
    fc.sample(arbitrary, 1);
    return arbitrary;
  } catch {
    return null; // a feature fast-check does not generate from (lookaheads); the plausible ones stand in
  }
}

function plausibleString(schema: Schema, known: readonly string[]): fc.Arbitrary<string> {
  const pattern = schema.pattern ? new RegExp(schema.pattern) : null;
  const fits = (v: string) =>
    (!pattern || pattern.test(v)) && v.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY);
  const fitting = [...known, ...PLAUSIBLE].filter(fits);
  const choices: fc.WeightedArbitrary<string>[] = [];
  if (fitting.length) choices.push({ weight: 4, arbitrary: fc.constantFrom(...fitting) });
  const matching = schema.pattern ? patternString(schema.pattern) : null;
  if (matching) choices.push({ weight: 1, arbitrary: matching });
  if (schema.format === 'date') {
    choices.push({ weight: 2, arbitrary: fc.constantFrom('2026-03-01', '2025-12-31', '0001-01-01', '9999-12-31') });
  }
  if (schema.format === 'date-time') {
    choices.push({ weight: 2, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) });
  }
  if (schema.format === 'email') choices.push({ weight: 2, arbitrary: fc.emailAddress() });
  if (!choices.length) choices.push({ weight: 1, arbitrary: fc.constantFrom(...PLAUSIBLE) });
  return fc.oneof(...choices);
}

/** A value `schema` takes, as far as a generator can tell (no hostility in it). */
export function plausible(schema: Schema, known: Known = {}, name = ''): fc.Arbitrary<unknown> {
  const names = known[name] ?? [];
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length) {
    return fc.oneof(
      ...variants.map((v) => plausible({ ...schema, ...v, oneOf: undefined, anyOf: undefined }, known, name)),
    );
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const type = types.find((t) => t !== 'null') ?? (schema.properties ? 'object' : undefined);
  let value: fc.Arbitrary<unknown>;
  switch (type) {
    case 'string':
      value = plausibleString(schema, names);
      break;
    case 'integer':
    case 'number': {
      const min = Math.ceil(schema.minimum ?? -1000);
      const max = Math.floor(schema.maximum ?? 100_000);
      value = fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
      break;
    }
    case 'boolean':
      value = fc.boolean();
      break;
    case 'array':
      value = fc.array(plausible(schema.items ?? {}, known, name), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
      break;
    case 'object': {
      const properties = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(properties)) record[key] = plausible(sub, known, key);
      // Each optional key a third of the time: the fewer there are, the likelier all are valid.
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(record).map(([key, arbitrary]) =>
        required.has(key)
          ? arbitrary.map((v) => [key, v] as const)
          : fc.oneof(
              { weight: 2, arbitrary: fc.constant(null) },
              { weight: 1, arbitrary: arbitrary.map((v) => [key, v] as const) },
            ),
      );
      value = fc
        .tuple(...entries)
        .map((pairs) => Object.fromEntries(pairs.filter((p): p is readonly [string, unknown] => p !== null)));
      break;
    }
    default:
      value = names.length
        ? fc.constantFrom(...names)
        : fc.oneof(fc.constantFrom(...PLAUSIBLE), fc.integer(), fc.boolean());
  }
  return schema.nullable || types.includes('null')
    ? fc.oneof({ weight: 5, arbitrary: value }, fc.constant(null))
    : value;
}

/** Every place in a JSON value: the path of keys and indexes to it, the value itself first. */
function places(value: unknown): (string | number)[][] {
  const found: (string | number)[][] = [];
  const stack: [unknown, (string | number)[]][] = [[value, []]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [at, path] = next;
    found.push(path);
    if (Array.isArray(at)) {
      for (const [i, v] of at.entries()) stack.push([v, [...path, i]]);
    } else if (at !== null && typeof at === 'object' && !(at instanceof RawJson)) {
      for (const [k, v] of Object.entries(at)) stack.push([v, [...path, k]]);
    }
  }
  return found;
}

/** `value` with the thing at `path` replaced, or, where `add`, a key added to the object there. */
function changedAt(value: unknown, path: (string | number)[], hostile: unknown, add: string | null): unknown {
  if (path.length === 0) {
    if (add !== null && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return Object.defineProperty({ ...value }, add, { value: hostile, enumerable: true, writable: true });
    }
    return hostile;
  }
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? changedAt(v, rest, hostile, add) : v));
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(value as object)) as Record<
    string,
    unknown
  >;
  // Defined, not assigned: assigning `__proto__` would set the prototype instead.
  return Object.defineProperty(copy, head, {
    value: changedAt(copy[head], rest, hostile, add),
    enumerable: true,
    writable: true,
  });
}

/** The value, often with one hostile thing in one place: a value replaced, or a key added. */
export function withOneHostile(value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const added = fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.oneof(hostileKey, fc.constantFrom('extra', 'id', 'accountId')) },
  );
  const changed = fc.tuple(value, fc.nat(), hostileValue, added).map(([v, n, hostile, add]) => {
    const all = places(v);
    return changedAt(v, all[n % all.length] ?? [], hostile, add);
  });
  return fc.oneof({ weight: 1, arbitrary: value }, { weight: 1, arbitrary: changed });
}

/**
 * A value for `schema`, as a fuzzer wants it: plausible as a whole (so it gets past validation
 * and reaches the database), often with one hostile thing in it, now and then hostile through
 * and through.
 */
export const fromSchema = (schema: Schema, known: Known = {}, name = ''): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 8, arbitrary: withOneHostile(plausible(schema, known, name)) },
    { weight: 1, arbitrary: hostileValue },
  );

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
