-- One shipment per confirmed order; the id is derived from the order id, so a redelivered OrderConfirmed
-- cannot schedule a second one.
CREATE TABLE shipments (
    id                 uuid PRIMARY KEY,
    order_id           text        NOT NULL UNIQUE,
    user_id            text        NOT NULL,
    carrier            text        NOT NULL,
    estimated_delivery date        NOT NULL,
    status             text        NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now()
);
