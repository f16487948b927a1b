// Build step (`pnpm build`): the migrated PGlite data directory a first start loads instead of
// running initdb and the migrations (src/db/pglite-template.ts). Made once per set of
// migrations and PGlite version, kept in node_modules/.cache, and linked into dist/ by every
// build, which empties dist/ first.
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, readMigrations } from '../src/db/migrate.ts';
import { dumpPglite, templateFile, templateKey } from '../src/db/pglite-template.ts';
import { PACKAGE_ROOT } from '../src/paths.ts';

const CACHE = join(PACKAGE_ROOT, 'node_modules/.cache/callbell');

const started = performance.now();
const key = templateKey(readMigrations());
const cached = templateFile(key, CACHE);
const made = !existsSync(cached);
if (made) {
  mkdirSync(CACHE, { recursive: true });
  // Nothing but the migrations: no account, no secret, no row a start writes.
  await dumpPglite(cached, migrate);
  // Templates of other migrations are not loaded again (a build running alongside may make one
  // more; its partial file is left alone).
  for (const name of readdirSync(CACHE)) {
    if (/^pglite-template-[0-9a-f]{16}\.tar$/.test(name) && join(CACHE, name) !== cached) {
      rmSync(join(CACHE, name), { force: true });
    }
  }
}
const target = templateFile(key);
rmSync(target, { force: true });
try {
  linkSync(cached, target);
} catch {
  copyFileSync(cached, target);
}
console.log(
  `PGlite template ${key}: ${made ? 'made' : 'reused from node_modules/.cache'} in ${Math.round(performance.now() - started)} ms`,
);
