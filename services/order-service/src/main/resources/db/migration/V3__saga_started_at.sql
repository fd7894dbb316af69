-- When each order's saga started (its placement's transaction), so its end can say how long it ran:
-- the shopflow.orders.saga.duration timer. Sagas open before this migration count from the migration.
ALTER TABLE saga_deadlines ADD COLUMN started_at timestamptz NOT NULL DEFAULT now();
