package io.shopflow.infra;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import org.postgresql.Driver;

/**
 * Opens JDBC connections through the PostgreSQL driver directly. {@link java.sql.DriverManager} would refuse:
 * it registers drivers once per JVM and hands them only to callers of the class loader that loaded them, while a
 * Quarkus test run loads this code in a new class loader for every application it starts.
 */
final class PostgresConnections {

    private static final Driver DRIVER = new Driver();

    private PostgresConnections() {
    }

    static Connection open(PostgresCoordinates server, String database, Properties options) throws SQLException {
        Properties props = new Properties();
        props.putAll(options);
        props.setProperty("user", server.username());
        props.setProperty("password", server.password());
        return DRIVER.connect(server.jdbcUrl(database), props);
    }

    static Connection open(PostgresCoordinates server, String database) throws SQLException {
        return open(server, database, new Properties());
    }
}
