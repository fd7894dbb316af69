-- What this service's consumers gave up on, read back from their dead-letter topics (quarkus-events'
-- DeadLetterIntake), so that an operator can list them, redrive them through the consumer that failed, or discard
-- them with a reason that is kept. One row per event: the same event dead-lettered again (a redrive that failed)
-- updates its row and counts one more attempt.
CREATE TABLE dead_letters (
    -- The event's id (ce_id); for a record too broken to carry one, a name-based id of its dead-letter position.
    id              uuid         PRIMARY KEY,
    consumer        varchar(255) NOT NULL,
    -- The topic it was consumed from, where a redrive must not go (every consumer group would apply it again),
    -- and the topic that reaches this consumer alone: <topic>.redrive.<consumer>, which its channel also reads.
    topic           varchar(255) NOT NULL,
    redrive_topic   varchar(255) NOT NULL,
    -- Name and version of the event (ce_type), null where the record did not say.
    -- text, not varchar(n): whatever a broken record carries must fit, or the intake would retry it forever.
    event_type      text,
    event_version   int,
    aggregate_id    text,
    error           text         NOT NULL,
    -- Times it was dead-lettered: 1, plus one per redrive that failed again.
    attempts        int          NOT NULL,
    first_failed_at timestamptz  NOT NULL,
    failed_at       timestamptz  NOT NULL,
    status          varchar(16)  NOT NULL,
    -- The record as it was consumed, so a redrive sends exactly that: its headers (name and UTF-8 value, in
    -- order, without the dead-letter ones) and its value.
    headers         jsonb        NOT NULL,
    payload         bytea,
    -- topic-partition@offset of its latest copy on the dead-letter topic: a copy read twice changes nothing.
    dead_letter_position text    NOT NULL,
    redrives        int          NOT NULL DEFAULT 0,
    redriven_at     timestamptz,
    discarded_at    timestamptz,
    discard_reason  text,
    CONSTRAINT dead_letters_status CHECK (status IN ('WAITING', 'REDRIVEN', 'DISCARDED')),
    CONSTRAINT dead_letters_discard_reason CHECK (status <> 'DISCARDED' OR discard_reason IS NOT NULL)
);

CREATE INDEX dead_letters_status_failed_at ON dead_letters (status, failed_at);
