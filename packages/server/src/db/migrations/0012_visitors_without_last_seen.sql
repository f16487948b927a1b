-- Nothing reads widget_visitors.last_seen, yet keeping it made every returning visitor's daily
-- ping rewrite that visitor's row (a new tuple and its WAL). Liveness lives on the widget
-- (last_ping_at, last_public_ping_at) and the daily counts in ping_daily.
alter table widget_visitors drop column if exists last_seen;
