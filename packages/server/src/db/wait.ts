import type { Config } from '../config.ts';
import { type Db, openDb } from './client.ts';
import { isUnavailable } from './sqlstate.ts';

/** A database URL as the log may show it: without its password. */
export function describeDatabase(databaseUrl: string | null, dataDir: string): string {
  if (!databaseUrl) return `PGlite in ${dataDir}`;
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.href;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

export class DatabaseUnreachable extends Error {}

interface WaitOptions {
  /** One line per failed attempt. */
  say: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Opens the configured database and waits for it to answer: a Postgres that is still starting
 * (a container started alongside this one, say) is tried again, with one line per attempt and
 * a growing pause (1, 2, 4, then 5 s), for `dbWaitSeconds`. Then, or at once for an error
 * waiting cannot cure (a wrong password, a missing database), it throws a DatabaseUnreachable
 * that names the database.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbWaitSeconds'>,
  { say, sleep = (ms) => new Promise((r) => setTimeout(r, ms)), now = Date.now }: WaitOptions,
): Promise<Db> {
  const name = describeDatabase(config.databaseUrl, config.dataDir);
  const deadline = now() + config.dbWaitSeconds * 1000;
  const db = await openDb(config);
  for (let attempt = 1; ; attempt++) {
    try {
      await db.query('select 1');
      return db;
    } catch (err) {
      const cause = (err as Error).message || String(err);
      if (!isUnavailable(err)) {
        await db.close().catch(() => {});
        throw new DatabaseUnreachable(`the database ${name} refused the connection: ${cause}`);
      }
      const pause = Math.min(5000, 1000 * 2 ** (attempt - 1));
      if (now() + pause > deadline) {
        await db.close().catch(() => {});
        throw new DatabaseUnreachable(
          `the database ${name} did not answer within ${config.dbWaitSeconds} s (${attempt} attempts): ${cause}`,
        );
      }
      say(`database ${name} not reachable yet (${cause}); attempt ${attempt}, trying again in ${pause / 1000} s`);
      await sleep(pause);
    }
  }
}
