-- An erased user's contact keeps no name and no email, only the fact of the erasure (docs/personal-data.md): their
-- pending notifications are given up, and no late or replayed event of theirs brings the contact back.
ALTER TABLE contacts
    ALTER COLUMN name DROP NOT NULL,
    ALTER COLUMN email DROP NOT NULL,
    ADD COLUMN erased_at timestamptz,
    ADD CONSTRAINT contacts_erased_keep_nothing
        CHECK ((erased_at IS NULL AND name IS NOT NULL AND email IS NOT NULL)
            OR (erased_at IS NOT NULL AND name IS NULL AND email IS NULL));
