import fc from 'fast-check';
import { expect, it } from 'vitest';
import { boolArray, textArray } from '../../src/db/array-literal.ts';
import { describeEachDb } from '../databases.ts';
import { propertyRuns } from '../property-runs.ts';

// Postgres text cannot hold NUL; everything else must come back exactly as sent. Any Unicode,
// and strings made of the characters array syntax gives meaning to (which Unicode alone would
// almost never pick).
const syntax = fc.constantFrom('"', '\\', ',', '{', '}', ' ', '\n', 'N', 'U', 'L', 'a');
const textArb = fc.oneof(
  fc.string({ unit: syntax, maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000')),
);
const tricky = ['', 'NULL', 'null', 'a,b', '{x}', '{', '}', ' lead', 'trail ', '"', '\\', '\\"', 'é😀', '\t\n', "'"];

describeEachDb('array literals', (db) => {
  const roundTrip = async (literal: string, type: 'text' | 'bool') =>
    (await db().query<{ a: unknown[] }>(`select $1::${type}[] as a`, [literal])).rows[0]?.a;

  it('reads back the exact strings, nulls and awkward values included', async () => {
    const values = [...tricky, null, 'plain'];
    expect(await roundTrip(textArray(values), 'text')).toEqual(values);
    expect(await roundTrip(textArray([]), 'text')).toEqual([]);
  });

  it('reads back any string (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(textArb, { nil: null }), { maxLength: 12 }), async (values) => {
        expect(await roundTrip(textArray(values), 'text')).toEqual(values);
      }),
      { numRuns: propertyRuns(process.env.FC_RUNS, 100) },
    );
  });

  it('reads back booleans, null as NULL', async () => {
    const values = [true, false, null, false, true];
    expect(await roundTrip(boolArray(values), 'bool')).toEqual(values);
    expect(await roundTrip(boolArray([]), 'bool')).toEqual([]);
  });
});
