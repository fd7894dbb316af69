-- Where to reach each user, kept from user-service's events (no service reads another's tables).
CREATE TABLE contacts (
    user_id    text PRIMARY KEY,
    name       text        NOT NULL,
    email      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One notification per event that deserves one (its id is the event's id), recorded with the event's inbox row
-- and sent afterwards: PENDING until sent (or until it waited too long for an address), then SENT or FAILED.
CREATE TABLE notifications (
    id              uuid PRIMARY KEY,
    user_id         text        NOT NULL,
    order_id        text        NOT NULL,
    kind            text        NOT NULL,
    subject         text        NOT NULL,
    body            text        NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING',
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    reason          text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_pending ON notifications (next_attempt_at) WHERE status = 'PENDING';
