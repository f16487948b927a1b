-- The distinct networks per widget and origin, apart from the visitors: qualification counts
-- these, and a widget not yet qualified has only a few (fewer than the networks needed, or fewer
-- than the visitors needed, since each visitor brings one), so the check stays cheap however
-- many visitors a single network invents.
create table if not exists widget_networks (
  widget_id text not null,
  origin text not null,
  network text not null,
  public_origin boolean not null,
  primary key (widget_id, origin, network)
);
insert into widget_networks (widget_id, origin, network, public_origin)
select widget_id, origin, network, bool_and(public_origin)
from widget_visitors where network is not null
group by widget_id, origin, network
on conflict do nothing;
