-- Events a consumer has processed, written in the same transaction as the consumer's own state change: a
-- redelivered event finds its row and has no second effect. Rows only need to outlive redelivery (Kafka
-- retention, consumer lag), so housekeeping deletes old ones (InboxStore.purgeProcessedBefore).
CREATE TABLE inbox (
    consumer     varchar(255) NOT NULL,
    event_id     uuid         NOT NULL,
    event_type   varchar(255) NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX inbox_processed_at ON inbox (processed_at);
