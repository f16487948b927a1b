-- The operator's audit log: every action an operator takes on someone else's money or access
-- (payout decisions and batches, referral and cluster decisions, affiliate access, revealing
-- payout details, the demo console), with who, when, what and why. Written in the action's own
-- transaction, so an action and its record commit together. Append-only: a trigger refuses
-- every update and delete, so not even the application can rewrite what happened.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  -- who: the operator's account, and its address at the time (an account can change it)
  actor_id text not null references accounts (id),
  actor_email text not null,
  -- what: a dotted verb (payout.approve, affiliate.withdraw, payout.details_reveal, ...)
  action text not null check (action ~ '^[a-z_]+\.[a-z_]+$'),
  -- on what: a kind and the id the operator's console shows for it
  subject_type text not null,
  subject_id text not null,
  -- whose money or access it touched, when it is one account's
  account_id text references accounts (id),
  -- why, in the operator's words, when the action asks for them
  reason text,
  -- what else is worth keeping: amounts, references, counts
  details jsonb not null default '{}'
);
create index audit_log_at on audit_log (at desc, id desc);
create index audit_log_action on audit_log (action, at desc);
create index audit_log_actor on audit_log (actor_id, at desc);
create index audit_log_account on audit_log (account_id, at desc) where account_id is not null;

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the audit log is append-only: % refused', tg_op using errcode = '42501';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_append_only();
