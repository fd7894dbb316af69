package io.shopflow.infra;

/** Where a PostgreSQL server listens and whom to log in as. */
public record PostgresCoordinates(String host, int port, String username, String password) {

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The form the Vert.x reactive client (quarkus.datasource.reactive.url) expects. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        // Never print the password.
        return username + "@" + host + ":" + port;
    }
}
