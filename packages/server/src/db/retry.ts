import { inTransaction } from './client.ts';
import { sqlState } from './sqlstate.ts';

/**
 * Runs a statement or a transaction again when Postgres aborted it for a deadlock (40P01) or a
 * serialization failure (40001): it was rolled back whole, so running it again is safe. Up to
 * `tries` runs, with a short random wait between them so the two sides of a deadlock do not
 * meet again at once. Any other error, and the last conflict, is thrown. Inside a caller's
 * transaction it runs once: the conflict aborted that whole transaction, which its outermost
 * caller runs again.
 */
export async function retryOnConflict<T>(run: () => Promise<T>, tries = 3): Promise<T> {
  if (inTransaction()) return run();
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const code = sqlState(err);
      if ((code !== '40P01' && code !== '40001') || attempt >= tries) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
