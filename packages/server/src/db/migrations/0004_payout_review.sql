-- Payouts and referral reviews: who decided, and the indexes their lists read.

-- The operator who approved, paid or rejected a payout: money leaves on a person's word.
alter table payouts add column decided_by text references accounts (id);
-- An ambassador's history, newest first; the operator's queue by status, oldest first.
create index payouts_account on payouts (account_id, requested_at desc);
create index payouts_status on payouts (status, requested_at);

-- The operator's decision on a flagged referral: when, by whom, and the note shown with the
-- reversals a rejection writes.
alter table referrals add column reviewed_at timestamptz;
alter table referrals add column reviewed_by text references accounts (id);
alter table referrals add column review_note text;
create index referrals_review on referrals (review, created_at) where review <> 'none';
