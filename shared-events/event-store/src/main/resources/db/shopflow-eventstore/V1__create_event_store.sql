-- Every event of every event-sourced aggregate, one stream per aggregate. Rows are never updated or deleted:
-- old payload versions stay as written and are upcast when read.
CREATE TABLE event_store (
    stream_id      text        NOT NULL,
    version        bigint      NOT NULL CHECK (version > 0),
    event_id       uuid        NOT NULL,
    source         text        NOT NULL,
    aggregate_type text        NOT NULL,
    event_type     text        NOT NULL,
    event_version  int         NOT NULL CHECK (event_version > 0),
    payload        jsonb       NOT NULL,
    correlation_id text        NOT NULL,
    causation_id   text        NOT NULL,
    traceparent    text,
    occurred_at    timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    -- The optimistic-concurrency guard: two writers that read the same version both try to insert the next
    -- one, and the second gets a unique violation on this key.
    CONSTRAINT event_store_stream_version_pk PRIMARY KEY (stream_id, version),
    CONSTRAINT event_store_event_id_unique UNIQUE (event_id)
);
