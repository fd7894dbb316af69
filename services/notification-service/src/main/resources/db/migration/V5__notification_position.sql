-- The notifications of one consumer batch are recorded in one transaction and share its now(): created_at cannot
-- tell them apart, and a user's list ("newest first") came out in any order. The position is taken from a sequence
-- as each row is inserted, so it keeps the order in which their events were handled.
ALTER TABLE notifications ADD COLUMN position bigint GENERATED ALWAYS AS IDENTITY;
DROP INDEX notifications_by_user;
CREATE INDEX notifications_by_user ON notifications (user_id, position DESC);
