-- One payment per order: the id is derived from the order id, so a redelivered or repeated StockReserved can
-- never create a second one, and it is the reference the provider deduplicates charges on.
--
--   PENDING         to be charged (now, or at next_attempt_at after the provider was unavailable)
--   COMPLETED       charged; provider_reference is the provider's charge id
--   FAILED          declined, or the provider stayed unavailable for max-attempts: nothing taken
--   CANCELLED       the order was cancelled before any charge (also a tombstone when StockReserved never came)
--   REFUND_PENDING  charged, then the order was cancelled: to be refunded (now, or at next_attempt_at)
--   REFUNDED        the charge was given back
CREATE TABLE payments (
    id                 uuid PRIMARY KEY,
    order_id           text        NOT NULL UNIQUE,
    user_id            text,
    amount             numeric(14, 2),
    currency           char(3),
    status             text        NOT NULL,
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL DEFAULT now(),
    provider_reference text,
    reason             text,
    -- The event that asked for this payment, so that its outcome, published later, stays in the order's flow.
    cause_event_id     text,
    correlation_id     text,
    traceparent        text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_due ON payments (next_attempt_at) WHERE status IN ('PENDING', 'REFUND_PENDING');
