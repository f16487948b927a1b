import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { type AuditEntry, insertAudit } from '../db/queries/audit.ts';
import { retryOnConflict } from '../db/retry.ts';
import { signedIn } from '../plugins/auth.ts';

/**
 * Runs an operator's action and records it in the audit log, in one transaction: the action's
 * own transactions join it (db/client.ts), so the action and its record commit together or not
 * at all, and a deadlock runs the whole again. `entry` says what to record from the action's
 * result; null records nothing (the action changed nothing, such as a refused decision that
 * answers 409).
 */
export function audited<T>(
  req: FastifyRequest,
  db: Db,
  action: (tx: Db) => Promise<T>,
  entry: (result: T) => AuditEntry | null,
): Promise<T> {
  const at = req.server.clock.now();
  return retryOnConflict(() =>
    db.transaction(async (tx) => {
      const result = await action(tx);
      const record = entry(result);
      if (record) await recordAudit(req, tx, record, at);
      return result;
    }),
  );
}

/**
 * Records an operator's action by the signed-in operator. `audited` calls it inside the
 * action's transaction; an action that cannot share one (it goes through the webhook or to
 * PayPal in requests of its own) calls it once the action is done.
 */
export async function recordAudit(
  req: FastifyRequest,
  db: Db,
  entry: AuditEntry,
  at: Date = req.server.clock.now(),
): Promise<void> {
  const actor = signedIn(req);
  await insertAudit(db, { id: actor.id, email: actor.email }, entry, at);
}
