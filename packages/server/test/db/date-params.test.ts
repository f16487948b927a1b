import { expect, it } from 'vitest';
import { describeEachDb } from '../databases.ts';

describeEachDb(
  'Date parameters',
  (db) => {
    it.each([
      '-000001-06-15T12:00:00.000Z', // 2 BC
      '0000-01-01T00:00:00.000Z', // 1 BC
      '0001-01-01T00:00:00.000Z',
      '2026-03-10T12:34:56.789Z',
      '9999-12-31T23:59:59.999Z',
      '+010000-01-01T00:00:00.000Z',
      '+200000-07-01T08:00:00.000Z',
    ])('reach the database as the same instant on both engines: %s', async (iso) => {
      const at = new Date(iso);
      const { rows } = await db().query<{ ms: string }>(
        `select (extract(epoch from $1::timestamptz) * 1000)::bigint::text as ms`,
        [at],
      );
      expect(rows).toEqual([{ ms: String(at.getTime()) }]);
    });
  },
  { keep: true },
);
