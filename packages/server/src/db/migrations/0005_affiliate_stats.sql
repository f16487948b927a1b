-- Indexes the affiliate platform reads by. The statistics read an ambassador's ledger entries by
-- the day they were written (ledger_account_state serves balances, not ranges), and the
-- operator's queue reads requests in one status oldest first.
create index ledger_account_created on ledger_entries (account_id, created_at);
create index affiliate_requests_queue on affiliate_requests (status, requested_at);
