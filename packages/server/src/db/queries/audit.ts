import type { Db } from '../client.ts';

/** Every action the audit log records, by what it touches. */
export const AUDIT_ACTIONS = [
  'payout.approve',
  'payout.reject',
  'payout.paid',
  'payout.returned',
  'payout.details_reveal',
  'batch.create',
  'batch.send',
  'batch.paid',
  'batch.cancel',
  'referral.approve',
  'referral.reject',
  'cluster.approve',
  'cluster.reject',
  'affiliate.approve',
  'affiliate.reject',
  'affiliate.withdraw',
  'email.retry',
  'demo.advance',
  'demo.billing',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  subjectType: string;
  subjectId: string;
  accountId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditActor {
  id: string;
  email: string;
}

export interface AuditRecord {
  id: string;
  at: Date;
  actorId: string;
  actorEmail: string;
  action: AuditAction;
  subjectType: string;
  subjectId: string;
  accountId: string | null;
  accountEmail: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

/** Records one action; call it inside the action's transaction, so both commit or neither. */
export async function insertAudit(db: Db, actor: AuditActor, entry: AuditEntry, at: Date): Promise<void> {
  await db.query(
    `insert into audit_log (at, actor_id, actor_email, action, subject_type, subject_id, account_id, reason, details)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      at,
      actor.id,
      actor.email,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      entry.accountId ?? null,
      entry.reason ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

export interface AuditFilter {
  /** An action, or every action on one kind of thing (`payout`, `affiliate`, ...). */
  action?: string;
  /** The operator's account id or e-mail. */
  actor?: string;
  /** The affected account's id or e-mail. */
  account?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** The id of the last record of the previous page: the page holds older ones. */
  before?: string;
}

/** Records matching `filter`, newest first. */
export async function listAudit(db: Db, filter: AuditFilter, limit: number): Promise<AuditRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.action) {
    where.push(
      filter.action.includes('.')
        ? `l.action = ${param(filter.action)}`
        : `l.action like ${param(`${filter.action.replace(/[%_\\]/g, '\\$&')}.%`)}`,
    );
  }
  if (filter.actor) {
    const p = param(filter.actor);
    where.push(`(l.actor_id = ${p} or lower(l.actor_email) = lower(${p}))`);
  }
  if (filter.account) {
    const p = param(filter.account);
    where.push(`(l.account_id = ${p} or lower(t.email) = lower(${p}))`);
  }
  if (filter.from) where.push(`l.at >= ${param(filter.from)}`);
  if (filter.to) where.push(`l.at < ${param(filter.to)}`);
  if (filter.before) {
    const p = param(filter.before);
    where.push(`(l.at, l.id) < (select at, id from audit_log where id = ${p}::bigint)`);
  }
  const { rows } = await db.query<AuditRecord>(
    `select l.id::text as "id", l.at as "at", l.actor_id as "actorId", l.actor_email as "actorEmail",
            l.action as "action", l.subject_type as "subjectType", l.subject_id as "subjectId",
            l.account_id as "accountId", t.email as "accountEmail", l.reason as "reason", l.details as "details"
     from audit_log l left join accounts t on t.id = l.account_id
     ${where.length ? `where ${where.join(' and ')}` : ''}
     order by l.at desc, l.id desc
     limit ${param(limit)}`,
    params,
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}
