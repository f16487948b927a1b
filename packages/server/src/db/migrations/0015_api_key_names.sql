-- An API key may carry a name its owner gives it ("Google Sheets", "weekly report"), so a list
-- of keys says which is which before one is revoked. Keys issued before this have none.
alter table api_keys add column name text;
