package io.shopflow.eventstore.relay;

import io.shopflow.eventstore.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * LISTENs on the outbox channel so an idle relay wakes as soon as an inserting transaction commits. Waiting
 * always ends after the given time anyway: a notification can be missed (the LISTEN connection dropped, the
 * database restarted), and then the relay simply polls. A broken connection is reopened on the next wait.
 */
final class OutboxNotifications implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxNotifications.class);

    private final DataSource dataSource;
    private Connection connection;

    OutboxNotifications(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Returns when notifications arrive or {@code timeout} passes, whichever is first: how many arrived (anything
     * queued before the wait counts), each one a transaction that committed events. None also when listening
     * failed: the relay polls meanwhile.
     */
    int await(Duration timeout) throws InterruptedException {
        try {
            var notifications = listening().getNotifications((int) Math.max(1, timeout.toMillis()));
            return notifications == null ? 0 : notifications.length;
        } catch (SQLException e) {
            LOG.debugf(e, "LISTEN on %s failed; polling until it works again", Outbox.NOTIFY_CHANNEL);
            closeQuietly();
            Thread.sleep(timeout.toMillis());
            return 0;
        }
    }

    private PGConnection listening() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("LISTEN " + Outbox.NOTIFY_CHANNEL);
            }
        }
        return connection.unwrap(PGConnection.class);
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the LISTEN connection failed", e);
            }
            connection = null;
        }
    }
}
