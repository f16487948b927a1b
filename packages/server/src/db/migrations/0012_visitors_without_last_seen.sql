-- Nothing reads widget_visitors.last_seen, yet writing it made every returning visitor's daily
-- ping rewrite that visitor's row (a new tuple and its WAL). From this release the batch no
-- longer writes it. The column stays (expand/contract): instances of the previous release,
-- still running during a rolling deploy, write it in every batch, and would fail if it were
-- gone. Drop it in a later release.
comment on column widget_visitors.last_seen is
  'unused since migration 0012; kept so the previous release can run beside this one; drop later';
