-- Lanes let several relays publish at once without breaking per-aggregate order: every aggregate's rows fall
-- in one lane (a hash of its id), and a relay publishes a lane only while it holds that lane's row locked
-- (FOR UPDATE SKIP LOCKED), so two relays never publish the same aggregate at the same time.
-- Sixteen lanes: more relays than that would idle, fewer lanes would make relays wait on each other.
ALTER TABLE outbox
    ADD COLUMN lane smallint GENERATED ALWAYS AS ((hashtext(aggregateid) & 15)::smallint) STORED;

CREATE INDEX outbox_lane_position ON outbox (lane, position);

CREATE TABLE outbox_lane (
    lane smallint PRIMARY KEY
);
INSERT INTO outbox_lane (lane) SELECT generate_series(0, 15);
