-- Rebuilds of the orders read model from the event store (POST /admin/order-views/rebuild): one row per
-- rebuild, its progress written in the transaction of each page of orders it rewrote, so what it shows is what
-- was done. A rebuild whose heartbeat stopped (its replica crashed or stopped) counts as interrupted.
CREATE TABLE order_view_rebuilds (
    id             uuid PRIMARY KEY,
    state          text        NOT NULL CHECK (state IN ('RUNNING', 'FINISHED', 'FAILED', 'INTERRUPTED')),
    orders_total   bigint      NOT NULL,
    orders_done    bigint      NOT NULL DEFAULT 0,
    rows_rewritten bigint      NOT NULL DEFAULT 0,
    rows_removed   bigint,
    last_order_id  text,
    error          text,
    started_at     timestamptz NOT NULL DEFAULT now(),
    heartbeat_at   timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz
);
CREATE INDEX order_view_rebuilds_by_start ON order_view_rebuilds (started_at DESC);
