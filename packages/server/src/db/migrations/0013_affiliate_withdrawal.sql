-- The operator can withdraw approved affiliate access (abuse, a closed business). The approval
-- stays on record and the withdrawal is written beside it; the account's keys are revoked in the
-- same transaction. The ambassador may ask again, as after a rejection.
alter table affiliate_requests drop constraint affiliate_requests_status_check;
alter table affiliate_requests add constraint affiliate_requests_status_check
  check (status in ('requested', 'approved', 'rejected', 'withdrawn'));
alter table affiliate_requests add column withdrawn_at timestamptz;
alter table affiliate_requests add column withdrawn_by text references accounts (id);
alter table affiliate_requests add column withdraw_reason text;

-- When each key was last used, to the minute, so its owner can tell a forgotten key from a
-- leaked one before revoking it.
alter table api_keys add column last_used_at timestamptz;
