package io.shopflow.infra;

/** No PostgreSQL server could be found or started; the message says what to provide. */
public class PostgresUnavailableException extends IllegalStateException {

    public PostgresUnavailableException(String message) {
        super(message);
    }

    public PostgresUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
