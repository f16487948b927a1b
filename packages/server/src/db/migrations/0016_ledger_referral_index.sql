-- The operator's review reads a referral's ledger entries (what it earned, what is on hold) by
-- referral_id, and approving or rejecting one moves them by it: without an index each is a scan
-- of the whole ledger.
create index if not exists ledger_entries_referral on ledger_entries (referral_id);
