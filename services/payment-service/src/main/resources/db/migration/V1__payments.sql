-- One payment per order: the id is derived from the order id, so a redelivered or repeated StockReserved can
-- never create a second one, and it is the reference the provider deduplicates charges on.
--
--   PENDING         to be charged (now, or at next_attempt_at after the provider was unavailable)
--   COMPLETED       charged; provider_reference is the provider's charge id
--   FAILED          declined: nothing taken (a reference charged before is never declined, it is returned)
--   CANCELLED       the order was cancelled before any attempt (also a tombstone when StockReserved never came)
--   VOID_PENDING    given up on (the provider stayed unavailable) or cancelled after an attempt: an attempt that
--                   timed out may still have charged, so the provider is asked; a charge found is refunded
--   VOIDED          the provider confirmed it holds no charge for this payment
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
CREATE INDEX payments_due ON payments (next_attempt_at) WHERE status IN ('PENDING', 'VOID_PENDING', 'REFUND_PENDING');
