import fc from 'fast-check';
import { hostileKey, hostileValue, RawJson } from './hostile.ts';

/**
 * Inputs drawn from a route's own schema: plausible values (so a request gets past validation
 * and reaches the database) with hostile ones (hostile.ts) put in.
 */

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
