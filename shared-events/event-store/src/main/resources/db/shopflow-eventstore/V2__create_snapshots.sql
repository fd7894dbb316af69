-- The latest state of a long stream, so loading reads only the events after it. A cache: deleting any row
-- is always safe.
CREATE TABLE snapshots (
    stream_id     text        PRIMARY KEY,
    version       bigint      NOT NULL CHECK (version > 0),
    state         jsonb       NOT NULL,
    -- The shape of the state: an aggregate whose state class changed bumps it, and older snapshots are ignored.
    state_version int         NOT NULL,
    taken_at      timestamptz NOT NULL DEFAULT now()
);
