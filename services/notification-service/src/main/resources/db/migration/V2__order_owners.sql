-- Whose order is whose: OrderShipped names only the order, so the user to tell is remembered from the order's
-- earlier events (same partition, so they always come first).
CREATE TABLE order_owners (
    order_id text PRIMARY KEY,
    user_id  text NOT NULL
);
