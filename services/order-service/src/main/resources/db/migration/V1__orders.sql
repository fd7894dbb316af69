-- The order itself is event-sourced (the event store's tables, migrated by the backbone). These are
-- order-service's own tables around it, all written in the transaction that saves the order's events.

-- Read model: one row per order as of its latest event, for lists and filters (the stream stays the truth).
CREATE TABLE orders (
    id            uuid PRIMARY KEY,
    user_id       text        NOT NULL,
    status        text        NOT NULL,
    lines         jsonb       NOT NULL,
    total_amount  numeric(14, 2) NOT NULL,
    currency      char(3)     NOT NULL,
    cancel_reason text,
    version       bigint      NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX orders_by_user ON orders (user_id, created_at DESC);

-- A retried POST with the same Idempotency-Key gets the first order back; the hash tells a retry from a
-- different request that reused the key.
CREATE TABLE idempotency_keys (
    key          text PRIMARY KEY,
    request_hash text        NOT NULL,
    order_id     uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- The saga's deadline, durable across restarts: a row lives while the order is not yet CONFIRMED or
-- CANCELLED. The cause columns are the OrderPlaced event's, so a cancellation by deadline joins the order's
-- flow and trace.
CREATE TABLE saga_deadlines (
    order_id       uuid PRIMARY KEY,
    due_at         timestamptz NOT NULL,
    cause_event_id text        NOT NULL,
    correlation_id text        NOT NULL,
    traceparent    text
);
CREATE INDEX saga_deadlines_by_due ON saga_deadlines (due_at);
