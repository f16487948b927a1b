import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasLoneSurrogate, MAX_JSON_DEPTH, storableJson, storableText } from '../../src/db/storable-json.ts';
import { propertyRuns } from '../property-runs.ts';

const RUNS = propertyRuns(process.env.FC_RUNS, 200);

/** `{"a":{"a":…"bottom"…}}`, `depth` objects deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('storableText', () => {
  it.each([
    ['plain', 'plain'],
    ['Ana\u0000 López', 'Ana\ufffd López'],
    ['a\ud800b', 'a\ufffdb'],
    ['a\udc00b', 'a\ufffdb'],
    ['\udc00\ud800', '\ufffd\ufffd'], // the wrong order is no pair
    ['\ud83d\ude00 kept', '\ud83d\ude00 kept'],
    ['\ud83d\ude00\ud800', '\ud83d\ude00\ufffd'],
  ])('%j → %j', (text, stored) => {
    expect(storableText(text)).toBe(stored);
    expect(hasLoneSurrogate(stored)).toBe(false);
  });
});

describe('storableJson', () => {
  it('writes what JSON.stringify writes, for JSON without NUL or lone surrogates', () => {
    const text = fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000'));
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'grapheme' }), fc.dictionary(text, text), (value, extra) => {
        expect(storableJson(value)).toBe(JSON.stringify(value));
        expect(storableJson(extra)).toBe(JSON.stringify(extra));
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves out what JSON.stringify leaves out, and calls toJSON', () => {
    const value = { a: undefined, b: () => 1, c: [undefined, Number.NaN, Infinity], d: new Date(0), e: -0 };
    expect(storableJson(value)).toBe(JSON.stringify(value));
    expect(storableJson(undefined)).toBe('null');
  });

  it('replaces NUL and lone surrogates in keys and values alike', () => {
    const value = { 'k\u0000': ['\ud800', { '\udc00': 'x\u0000' }], ok: '\ud83d\ude00' };
    expect(JSON.parse(storableJson(value))).toEqual({
      'k\ufffd': ['\ufffd', { '\ufffd': 'x\ufffd' }],
      ok: '\ud83d\ude00',
    });
    // Nothing a jsonb column would refuse: no \u0000, no escaped surrogate at all.
    expect(storableJson(value)).not.toMatch(/\\u(0000|d[89a-f])/i);
  });

  it('keeps what is nested deeper than the limit as its JSON text, whatever the depth', () => {
    const deep = nested(MAX_JSON_DEPTH + 5);
    const stored = JSON.parse(storableJson(deep));
    let at = stored;
    for (let i = 0; i < MAX_JSON_DEPTH; i++) at = at.a;
    expect(typeof at).toBe('string');
    expect(JSON.parse(at)).toEqual(nested(5));
    // JSON.stringify's recursion gives up long before this; the stack of its own does not.
    const text = storableJson(nested(100_000));
    expect(text.length).toBeGreaterThan(500_000);
    expect(storableJson(nested(MAX_JSON_DEPTH))).toBe(JSON.stringify(nested(MAX_JSON_DEPTH)));
  });

  it('refuses a circular structure, as JSON.stringify does', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = { loop };
    expect(() => storableJson(loop)).toThrow(TypeError);
    const shared = { x: 1 };
    expect(storableJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });
});
