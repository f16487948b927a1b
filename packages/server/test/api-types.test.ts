// The dashboard's API types are generated from the routes' schemas (the OpenAPI document the
// server serves), so the dashboard cannot drift from what the server sends. This test fails
// when they are out of date; `pnpm api-types` writes them anew.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { REPO_ROOT } from '../src/paths.ts';
import { freshDb } from './databases.ts';
import { testApp } from './fixtures.ts';

const TYPES = `${REPO_ROOT}/packages/dashboard/src/api/schema.d.ts`;
const HEADER = '// Generated from the server’s OpenAPI document by `pnpm api-types`; do not edit.\n';

let db: { db: Db; drop(): Promise<void> };
beforeAll(async () => {
  db = await freshDb('pglite');
});
afterAll(() => db.drop());

it('the dashboard’s API types match the server’s routes', async () => {
  const app = await testApp(db.db);
  const doc = (await app.inject('/openapi.json')).json();
  await app.close();
  const generated = HEADER + astToString(await openapiTS(doc, { alphabetize: true }));
  if (process.env.UPDATE_API_TYPES) writeFileSync(TYPES, generated);
  let current = '';
  try {
    current = readFileSync(TYPES, 'utf8');
  } catch {}
  expect(current, 'packages/dashboard/src/api/schema.d.ts is out of date: run `pnpm api-types`').toBe(generated);
});
