package io.shopflow.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    private Vertx vertx;
    /** Takes connections and never answers them: a connection from it never comes, whatever the pool waits. */
    private ServerSocket silentServer;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        silentServer = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void tearDown() throws Exception {
        silentServer.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A pool of one connection to the silent server, which gives up on a connection after 200 ms. */
    private Pool pool() {
        return PgPool.pool(vertx, new PgConnectOptions().setHost(silentServer.getInetAddress().getHostAddress())
                        .setPort(silentServer.getLocalPort()).setDatabase("any").setUser("any"),
                new PoolOptions().setMaxSize(1).setConnectionTimeout(200).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS));
    }

    /** How {@code pool} fails a request for a connection. */
    private static Throwable failureOfAConnectionFrom(Pool pool) throws Exception {
        try {
            pool.getConnection().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("The pool gave a connection");
    }

    private static PgException postgres(String sqlState, String message) {
        return new PgException(message, "FATAL", sqlState, null);
    }

    @Test
    void a_server_going_away_or_refusing_connections_is_unavailable() {
        assertThat(DatabaseUnavailable.explains(postgres("57P01", "terminating connection due to administrator command")))
                .isTrue();
        assertThat(DatabaseUnavailable.explains(postgres("55000", "database \"orders\" is not currently accepting "
                + "connections"))).isTrue();
        assertThat(DatabaseUnavailable.explains(postgres("08006", "connection failure"))).isTrue();
        assertThat(DatabaseUnavailable.explains(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(DatabaseUnavailable.explains(new NoStackTraceThrowable(
                "Connection is not active now, current status: CLOSED"))).isTrue();
        assertThat(DatabaseUnavailable.explains(new VertxException(
                "Pending requests failed to be sent due to connection has been closed.", true))).isTrue();
        assertThat(DatabaseUnavailable.explains(new SocketException("Connection reset"))).isTrue();
        assertThat(DatabaseUnavailable.explains(new ClosedChannelException())).isTrue();
        assertThat(DatabaseUnavailable.explains(new CompletionException(new ConnectException("Connection refused"))))
                .as("found as a cause too").isTrue();
    }

    @Test
    void no_connection_from_the_pool_within_its_timeout_is_unavailable() throws Exception {
        var failure = failureOfAConnectionFrom(pool());

        assertThat(DatabaseUnavailable.explains(failure)).as(failure.toString()).isTrue();
    }

    @Test
    void a_pool_closed_as_the_service_stops_is_unavailable() throws Exception {
        var pool = pool();
        pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        var failure = failureOfAConnectionFrom(pool);

        assertThat(DatabaseUnavailable.explains(failure)).as(failure.toString()).isTrue();
    }

    @Test
    void a_query_that_failed_on_a_reachable_database_is_not() {
        assertThat(DatabaseUnavailable.explains(postgres("23505", "duplicate key value"))).isFalse();
        assertThat(DatabaseUnavailable.explains(postgres("40001", "could not serialize access"))).isFalse();
        assertThat(DatabaseUnavailable.explains(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseUnavailable.explains(new NoStackTraceThrowable(null))).as("no message").isFalse();
        assertThat(DatabaseUnavailable.explains(new NoStackTraceTimeoutException("The timeout period of 30000ms has "
                + "been exceeded while executing POST /charges"))).as("another client's timeout").isFalse();
    }
}
