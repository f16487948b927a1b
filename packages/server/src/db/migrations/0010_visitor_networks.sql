-- Visitor ids are chosen by the client: one curl command can invent three "visitors". Pings now
-- also carry the salted hash of the sender's network (an IPv4 address or an IPv6 /64; see
-- domain/network.ts), and an installation qualifies only when its visitors come from enough
-- distinct networks as well. Rows from before this migration have none and count as no network.
alter table pings add column network text;
alter table widget_visitors add column network text;
