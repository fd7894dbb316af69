package io.shopflow.eventstore.relay;

import io.shopflow.events.EventEnvelope;
import io.shopflow.events.VersionedType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

/** The relay's SQL: claim a lane, take its oldest rows (for good once Kafka has them and the batch commits). */
final class OutboxBatches {

    /** The lanes migration V4 creates: more workers than this would only wait for a free lane. */
    static final int LANES = 16;

    /**
     * The first lane from {@code ?} on that has work and that no other relay holds. Walking the primary key in
     * order with LIMIT 1 stops at the first such lane, so only the lanes before it are looked into; a sort (say
     * by random()) would look into all sixteen for every batch. The row lock is held until the transaction ends,
     * so the lane's rows are published by one relay at a time, in order.
     */
    private static final String CLAIM_LANE_FROM = """
            SELECT lane FROM outbox_lane l
            WHERE lane >= ? AND EXISTS (SELECT 1 FROM outbox o WHERE o.lane = l.lane)
            ORDER BY lane
            LIMIT 1
            FOR UPDATE SKIP LOCKED""";
    private static final String CLAIM_LANE_BEFORE = """
            SELECT lane FROM outbox_lane l
            WHERE lane < ? AND EXISTS (SELECT 1 FROM outbox o WHERE o.lane = l.lane)
            ORDER BY lane
            LIMIT 1
            FOR UPDATE SKIP LOCKED""";
    /**
     * Takes the lane's oldest rows out of the table in one statement, inside the batch's transaction: they are
     * gone for good only when that transaction commits after Kafka has them, and come back if it rolls back (or
     * the relay dies). The lane's index finds them and they are deleted where they lie, by their {@code ctid}:
     * {@code id IN (...)} was planned as a hash join over the whole table, every batch, so each batch cost more
     * the longer the backlog. A row's {@code ctid} is its own until the row is deleted, since outbox rows are never
     * updated, and the lane's lock keeps other relays from deleting these meanwhile. RETURNING keeps no order, hence
     * the position, to sort by.
     */
    static final String TAKE_FROM_LANE = """
            DELETE FROM outbox
            WHERE ctid = ANY (ARRAY(SELECT ctid FROM outbox WHERE lane = ? ORDER BY position LIMIT ?))
            RETURNING id, aggregatetype, aggregateid, type, payload::text, timestamp, tracingspancontext, source,
                      correlationid, causationid, position""";

    /**
     * The batch's commit only deletes rows Kafka has already acknowledged (acks=all), so it need not wait for its
     * WAL flush: if PostgreSQL crashes before the flush, the rows come back and are published again, exactly as
     * when a relay dies between Kafka's acknowledgement and its commit, and consumers skip the copies (inbox).
     * No event and no effect rides on it, while waiting for the flush held the lane, the worker and a WAL flush
     * per batch. {@code LOCAL}: this transaction only; the server and every other transaction keep
     * synchronous commits.
     */
    private static final String COMMIT_WITHOUT_WAITING_FOR_THE_DISK = "SET LOCAL synchronous_commit TO OFF";

    private OutboxBatches() {
    }

    /** See {@link #COMMIT_WITHOUT_WAITING_FOR_THE_DISK}: for a transaction that deletes published rows only. */
    static void commitWithoutWaitingForTheDisk(Connection tx) throws SQLException {
        try (var statement = tx.createStatement()) {
            statement.execute(COMMIT_WITHOUT_WAITING_FOR_THE_DISK);
        }
    }

    /**
     * Claims a lane with work, looking from {@code start} round to the lane before it: callers that move
     * {@code start} on every time share the lanes fairly, none waits behind busier ones.
     */
    static OptionalInt claimLane(Connection tx, int start) throws SQLException {
        var lane = claim(tx, CLAIM_LANE_FROM, start);
        return lane.isPresent() || start == 0 ? lane : claim(tx, CLAIM_LANE_BEFORE, start);
    }

    private static OptionalInt claim(Connection tx, String sql, int start) throws SQLException {
        try (var statement = tx.prepareStatement(sql)) {
            statement.setInt(1, start);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? OptionalInt.of(rows.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    /** The lane's oldest rows, at most {@code limit}, in the order they were written; see {@link #TAKE_FROM_LANE}. */
    static List<EventEnvelope> take(Connection tx, int lane, int limit) throws SQLException {
        try (var statement = tx.prepareStatement(TAKE_FROM_LANE)) {
            statement.setInt(1, lane);
            statement.setInt(2, limit);
            try (var rows = statement.executeQuery()) {
                var taken = new ArrayList<Taken>();
                while (rows.next()) {
                    taken.add(new Taken(rows.getLong("position"), toEnvelope(rows)));
                }
                taken.sort(Comparator.comparingLong(Taken::position));
                return taken.stream().map(Taken::event).toList();
            }
        }
    }

    private record Taken(long position, EventEnvelope event) {
    }

    private static EventEnvelope toEnvelope(ResultSet row) throws SQLException {
        var type = VersionedType.parse(row.getString("type"));
        return new EventEnvelope(
                row.getObject("id", UUID.class),
                row.getString("source"),
                type.name(),
                type.version(),
                row.getString("aggregatetype"),
                row.getString("aggregateid"),
                row.getTimestamp("timestamp").toInstant(),
                row.getString("correlationid"),
                row.getString("causationid"),
                row.getString("tracingspancontext"),
                row.getString("payload"));
    }
}
