-- An account may have several of the provider's customers (a customer re-created, a second
-- checkout). Each customer names its account here, so an event that carries only a customer
-- always resolves once any event has linked that customer. accounts.stripe_customer_id keeps
-- the first one.
create table billing_customers (
  customer_id text primary key,
  account_id text not null references accounts (id),
  linked_at timestamptz not null
);
create index billing_customers_account on billing_customers (account_id);
insert into billing_customers (customer_id, account_id, linked_at)
select stripe_customer_id, id, created_at from accounts where stripe_customer_id is not null;
