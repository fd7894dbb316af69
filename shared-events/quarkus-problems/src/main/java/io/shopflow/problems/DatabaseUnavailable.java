package io.shopflow.problems;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Whether a failure says the database could not be had: down, restarting, refusing or dropping connections; or no
 * connection of this service's pool came free in time; or that pool is closed because the service is stopping.
 * Nothing is wrong with the work that failed, so the answer is to wait and try again, never to give up on it: a
 * request gets 503 with a Retry-After ({@link ProblemMappers}), a gRPC call UNAVAILABLE ({@link GrpcProblems}), an
 * event consumer waits for the database (quarkus-events' IdempotentConsumer). Found by the chaos suite and the saga
 * benchmark.
 */
public final class DatabaseUnavailable {

    /**
     * SQLSTATEs of a server that is going away or will not take the connection: admin shutdown (a restart), crash
     * shutdown, cannot connect now (still starting), too many connections, and 55000, which PostgreSQL sends for a
     * database not currently accepting connections. Class 08, connection exceptions, counts whole.
     */
    private static final Set<String> GOING_AWAY = Set.of("57P01", "57P02", "57P03", "53300", "55000");
    private static final String CONNECTION_EXCEPTIONS = "08";
    /**
     * How the reactive client fails a query on a connection the server has just ended, with no type of its own (a
     * plain {@code NoStackTraceThrowable} or {@code VertxException}): the first seen by the chaos suite when
     * PostgreSQL cut the connections, the second what vertx-sql-client's SocketConnectionBase fails the queries
     * still queued on such a connection with.
     */
    private static final List<String> CONNECTION_ENDED = List.of("Connection is not active now",
            "Pending requests failed to be sent due to connection has been closed");
    /**
     * How vertx-sql-client's pool fails a request for a connection that it cannot give (a {@link NoStackTraceThrowable}
     * with one of these messages alone): "Pool closed", the service is stopping; "Timeout", no connection came free
     * within the pool's connection timeout, an overload that passes. Taken for failing events, both had consumers
     * dead-letter good ones: on every graceful stop under load, and whenever requests kept the pool busy that long.
     */
    private static final Set<String> NO_CONNECTION_FROM_THE_POOL = Set.of("Pool closed", "Timeout");

    /** What a client is asked to wait before trying again: about as long as a database restart takes. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private DatabaseUnavailable() {
    }

    public static boolean explains(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // SocketException: refused, and reset by a server that went away; ClosedChannelException: written to after.
            if (cause instanceof ClosedConnectionException || cause instanceof SocketException
                    || cause instanceof ClosedChannelException || endedConnection(cause.getMessage())) {
                return true;
            }
            // Set.of(...).contains(null) throws.
            if (cause instanceof NoStackTraceThrowable && cause.getMessage() != null
                    && NO_CONNECTION_FROM_THE_POOL.contains(cause.getMessage())) {
                return true;
            }
            if (cause instanceof DatabaseException database && database.getSqlState() != null
                    && (database.getSqlState().startsWith(CONNECTION_EXCEPTIONS)
                    || GOING_AWAY.contains(database.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean endedConnection(String message) {
        return message != null && CONNECTION_ENDED.stream().anyMatch(message::startsWith);
    }
}
