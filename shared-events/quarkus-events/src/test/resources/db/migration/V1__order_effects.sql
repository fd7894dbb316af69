-- The test consumer's own state: one row per effect it has had.
CREATE TABLE order_effects (
    event_id uuid NOT NULL,
    order_id text NOT NULL,
    kind     text NOT NULL
);
