CREATE TABLE users (
    id         UUID PRIMARY KEY,
    name       VARCHAR(200)   NOT NULL,
    email      VARCHAR(254)   NOT NULL,
    address    VARCHAR(500)   NOT NULL,
    credit     NUMERIC(12, 2) NOT NULL DEFAULT 0 CHECK (credit >= 0),
    version    BIGINT         NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ    NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ    NOT NULL DEFAULT now()
);

-- Emails are unique regardless of case: "Ann@Example.com" and "ann@example.com" are one person.
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
