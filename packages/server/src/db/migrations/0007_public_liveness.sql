-- The last ping from a public page (see domain/origin.ts), apart from any ping: the install
-- bounty's liveness check reads this one, so pings from localhost or a private name (which
-- anyone can send) never keep a bounty alive.
alter table widgets add column last_public_ping_at timestamptz;
update widgets w set last_public_ping_at = (
  select max(p.received_at) from pings p where p.widget_id = w.id and p.public_origin
);
