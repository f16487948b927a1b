-- Who approved a payout, kept apart from who made the last decision (decided_by): paying it
-- used to overwrite the approver, so the audit trail lost the first of the two decisions.
alter table payouts add column approved_by text references accounts (id);
update payouts set approved_by = decided_by where status in ('approved', 'paid');
