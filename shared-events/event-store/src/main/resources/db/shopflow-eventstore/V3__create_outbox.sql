-- Events waiting to be published, written in the same transaction as the state change that produced them.
-- Column names are those of Debezium's Outbox Event Router (id, aggregatetype, aggregateid, type, payload,
-- timestamp, tracingspancontext), so CDC can replace the built-in relay without code change; the other
-- columns are the rest of the CloudEvents attributes, for the router's additional fields. Insert-only.
CREATE TABLE outbox (
    id                 uuid         PRIMARY KEY,
    aggregatetype      varchar(255) NOT NULL,
    aggregateid        varchar(255) NOT NULL,
    type               varchar(255) NOT NULL,
    payload            jsonb        NOT NULL,
    timestamp          timestamptz  NOT NULL,
    tracingspancontext varchar(512),
    source             varchar(255) NOT NULL,
    correlationid      varchar(255) NOT NULL,
    causationid        varchar(255) NOT NULL,
    -- Insertion order, for a relay that publishes in order without parsing timestamps.
    position           bigint       GENERATED ALWAYS AS IDENTITY UNIQUE
);

-- Wakes relays that LISTEN on shopflow_outbox once per inserting statement. NOTIFY is delivered only on
-- commit, and identical notifications of one transaction are folded into one, so a rollback wakes no one.
CREATE FUNCTION shopflow_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('shopflow_outbox', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_notify
    AFTER INSERT ON outbox
    FOR EACH STATEMENT
    EXECUTE FUNCTION shopflow_outbox_notify();
