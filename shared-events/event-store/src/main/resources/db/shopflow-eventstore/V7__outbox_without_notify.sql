-- Relays are no longer woken by NOTIFY: the outbox tells its own process' relay when a transaction that wrote
-- events commits, and a relay's backlog sample finds what other processes left (decision 0014). NOTIFY takes one
-- lock for the whole server at commit and holds it through the commit's WAL flush, so every transaction that wrote
-- outbox rows, in any service's database on that server, committed alone: none could share a flush.
DROP TRIGGER outbox_notify ON outbox;
DROP FUNCTION shopflow_outbox_notify();
