import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * This package's folder, found by walking up from the running file, so paths are the same
 * from src/ (tests) and from the bundled dist/server.js.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === '@callbell/server') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the @callbell/server package folder');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
export const REPO_ROOT = join(PACKAGE_ROOT, '../..');
export const MIGRATIONS_DIR = join(PACKAGE_ROOT, 'src/db/migrations');
