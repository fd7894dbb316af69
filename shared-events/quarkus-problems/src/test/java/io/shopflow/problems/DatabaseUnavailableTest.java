package io.shopflow.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

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
    void a_query_that_failed_on_a_reachable_database_is_not() {
        assertThat(DatabaseUnavailable.explains(postgres("23505", "duplicate key value"))).isFalse();
        assertThat(DatabaseUnavailable.explains(postgres("40001", "could not serialize access"))).isFalse();
        assertThat(DatabaseUnavailable.explains(new IllegalStateException("a bug"))).isFalse();
    }
}
