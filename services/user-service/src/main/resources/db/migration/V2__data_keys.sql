-- Each user's data keys, one row per version; the newest seals what user-service publishes next, the older ones still
-- open what they sealed (rotation re-encrypts nothing). The key is stored wrapped by the key-encryption key from
-- configuration, so a copy of this table alone opens nothing (docs/personal-data.md).
-- Erasure deletes the key itself but keeps the row: a reader must tell an erased person's data (the key existed)
-- from an envelope naming a key that never existed (refused as tampered). No foreign key to users: the user's row
-- is deleted on erasure, the memory that their keys existed is not.
CREATE TABLE data_keys (
    subject      UUID        NOT NULL,
    version      INT         NOT NULL CHECK (version >= 1),
    wrapped      TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    destroyed_at TIMESTAMPTZ,
    PRIMARY KEY (subject, version),
    CHECK ((wrapped IS NULL) = (destroyed_at IS NOT NULL))
);
