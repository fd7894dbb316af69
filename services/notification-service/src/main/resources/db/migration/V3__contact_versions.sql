-- The user version a contact was taken from: an older event delivered late (a redelivery, a replay) must not bring
-- back an address the user has since changed. UserRegistered is version 1.
ALTER TABLE contacts ADD COLUMN version bigint NOT NULL DEFAULT 1;
