package io.shopflow.events.quarkus;

import io.shopflow.events.MalformedEventException;
import io.shopflow.eventstore.ConcurrencyConflictException;
import io.shopflow.problems.DatabaseUnavailable;
import io.vertx.sqlclient.DatabaseException;
import java.util.Set;

/**
 * What a failed attempt at a batch of events means, decided in this one place because everything the consumer
 * does next depends on it: wait for the database, try again, split the batch to find the record at fault, or
 * dead-letter that record.
 */
enum ConsumerFailure {

    /**
     * No connection to the database can be had ({@link DatabaseUnavailable}): it cannot be reached, none of the
     * service's pooled connections came free in time, or the pool is closed because the service is stopping. Nothing
     * is wrong with the events: the same batch waits however long it takes, and its partition waits with it (the
     * connector is told not to give up on it: {@code throttled.unprocessed-record-max-age.ms=0}). A stopping service
     * ends without acknowledging it, and the batch comes again to whoever takes the partition.
     */
    DATABASE_UNAVAILABLE,

    /**
     * Two transactions met: a deadlock, a serialization failure, a lock timeout, or an aggregate saved by someone
     * else first. It passes: the batch is split and each part tried again, without limit, never dead-lettered.
     */
    CONTENTION,

    /**
     * The event can never be processed: unreadable ({@link MalformedEventException}) or refused by its handler
     * ({@link UnprocessableEventException}). Found alone, it is dead-lettered without another try.
     */
    NEVER_SUCCEEDS,

    /** Anything else, e.g. a bug or a dependency's passing fault: found alone, it is retried a few times, then dead-lettered. */
    FAILING;

    /** SQLSTATEs of contention: deadlock_detected, serialization_failure, lock_not_available (a lock timeout). */
    private static final Set<String> CONTENDED = Set.of("40P01", "40001", "55P03");

    static ConsumerFailure of(Throwable failure) {
        if (DatabaseUnavailable.explains(failure)) {
            return DATABASE_UNAVAILABLE;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MalformedEventException || cause instanceof UnprocessableEventException) {
                return NEVER_SUCCEEDS;
            }
            if (cause instanceof ConcurrencyConflictException
                    || cause instanceof DatabaseException database && CONTENDED.contains(database.getSqlState())) {
                return CONTENTION;
            }
        }
        return FAILING;
    }

    /** The reason a record given up on is counted under ({@code shopflow.events.consumer.failed}). */
    static String reasonGivenUp(Throwable failure) {
        if (failure instanceof MalformedEventException) {
            return "malformed";
        }
        return of(failure) == NEVER_SUCCEEDS ? "unprocessable" : "retries-exhausted";
    }
}
